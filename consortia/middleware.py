from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .models import Consortium
from .selectors import active_membership


class ConsortiumMiddleware:
    """Resolves `/<consortium_slug>/...` once per request and checks the person belongs there.

    No membership and no such consortium give the same 404, so a URL reveals nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.consortium = None
        request.membership = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("consortium_slug")
        if slug is None:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        consortium = Consortium.objects.filter(slug=slug).first()
        if consortium is None:
            raise Http404
        membership = active_membership(request.user, consortium)
        if membership is None and not request.user.is_superuser:
            raise Http404
        request.consortium = consortium
        request.membership = membership
        return None
