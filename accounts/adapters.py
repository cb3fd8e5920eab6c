from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings


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
