from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .mfa import mfa_enabled, mfa_required

# Paths a person without a second factor may still reach: setting one up, and leaving.
_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz")


class AdminMFAMiddleware:
    """Consortium admins, programme leads and superusers must set up an authenticator first.

    NOTE: `is_staff` is held exactly by people with an active consortium-admin role, a role in
    consortia.services.STAFF_ROLE_CHECKS (a programme lead's), or superusers; the role services
    keep it in step.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and mfa_required(user)
            and not request.session.get("mfa_checked")
        ):
            if not mfa_enabled(user):
                return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
            request.session["mfa_checked"] = True
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """A signed-in person sees their saved language on every device, whatever the browser says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = getattr(request.user, "preferred_language", None)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
