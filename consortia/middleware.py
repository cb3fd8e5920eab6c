from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from . import tenancy
from .models import Consortium
from .selectors import active_membership, my_memberships


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
        if request.user.is_superuser:
            consortium = Consortium.objects.filter(slug=slug).first()
            if consortium is None:
                raise Http404
            tenancy.activate_consortium(consortium.pk)
            membership = active_membership(request.user, consortium)
        else:
            # One query for the person's own memberships, each with its consortium: the one this
            # page is in, and the header's consortium switcher (consortia.context_processors).
            with tenancy.cross_consortium("consortium switcher", actor=request.user):
                mine = my_memberships(request.user)
            request.my_consortia = [m.consortium for m in mine]
            membership = next((m for m in mine if m.consortium.slug == slug), None)
            if membership is None:
                raise Http404
            consortium = membership.consortium
            # The rest of the request sees only this consortium.
            tenancy.activate_consortium(consortium.pk)
        request.consortium = consortium
        request.membership = membership
        return None
