"""Whether sign-in with Microsoft is offered: only when the deployment configures it."""

from allauth.socialaccount.adapter import get_adapter


def microsoft_enabled(request) -> bool:
    return any(provider.id == "microsoft" for provider in get_adapter().list_providers(request))
