from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from . import tenancy
from .models import Consortium
from .selectors import active_membership


class ConsortiumMiddleware:
    """Resolves `/<consortium_slug>/...` once per request and checks the person belongs there.

    No membership and no such consortium give the same 404, so a URL reveals nothing.

    It also sets the connection's current consortium for the database's row-level security
    (consortia.tenancy): nothing for a page outside a consortium, which then sees no tenant
    rows unless it goes through `tenancy.cross_consortium`. Connections are persistent, so the
    state is put back at the end of the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.consortium = None
        request.membership = None
        with tenancy.consortium_scope(None):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("consortium_slug")
        if slug is None:
            match = getattr(request, "resolver_match", None)
            if match is not None and "admin" in match.namespaces and request.user.is_authenticated \
                    and request.user.is_staff:
                # The admin spans the consortia a person administers (all for a superuser);
                # TenantAdminMixin scopes its querysets to exactly those.
                tenancy.enter_cross_consortium("admin", actor=request.user)
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        consortium = Consortium.objects.filter(slug=slug).first()
        if consortium is None:
            raise Http404
        # The rest of the request (the membership check included) sees only this consortium.
        tenancy.activate_consortium(consortium.pk)
        membership = active_membership(request.user, consortium)
        if membership is None and not request.user.is_superuser:
            raise Http404
        request.consortium = consortium
        request.membership = membership
        return None
