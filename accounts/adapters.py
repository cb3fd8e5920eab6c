from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.http import Http404


class AccountAdapter(DefaultAccountAdapter):
    """People join by invitation from a consortium admin, never by open sign-up."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_from_email(self) -> str:
        return settings.DEFAULT_FROM_EMAIL


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # A Microsoft sign-in may connect to an existing, invited account but never creates one.
        return False

    def get_provider(self, request, provider, client_id=None):
        # Sign-in with Microsoft is on only where the deployment configures it. Elsewhere its
        # login and callback URLs are simply not there (404), not a SocialApp.DoesNotExist.
        try:
            return super().get_provider(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404 from None


def microsoft_sign_in_enabled(request) -> bool:
    """Whether to offer sign-in with Microsoft (and the connected-accounts page) at all."""
    return bool(SocialAccountAdapter(request).list_apps(request, provider="microsoft"))
