"""Who must use a second factor, and whether they have one."""

from allauth.mfa.models import Authenticator
from django.conf import settings


def mfa_enabled(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_required(user) -> bool:
    if not settings.MFA_REQUIRED_FOR_CONSORTIUM_ADMINS or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff
