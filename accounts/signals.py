"""Receivers for allauth's and Django's auth signals (glue only; no domain rules here)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation


@receiver(user_logged_in)
def use_preferred_language(sender, request, user, **kwargs) -> None:
    # The person's stored choice wins over whatever the browser sent before they signed in.
    if getattr(user, "preferred_language", None):
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = user.preferred_language
        request._set_language_cookie = user.preferred_language
