"""What an invitation brings besides its consortium role, added by the apps that own it.

An invitation may carry more than a consortium role: partnerships adds a role in one
partnership (a representative of a member school, say). Those apps register an `Extension`
from their AppConfig.ready(); the invitation's services call it at the right moments, so the
consortia app never imports them (dependencies point one way).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Extension:
    key: str
    # The role the invitation brings, in words ("Member representative for Ysgol Y Cwm in …"),
    # or None when this extension adds nothing to this invitation. Called in the reader's language.
    describe: Callable
    # Called inside the acceptance's transaction once the consortium role is granted; a
    # ValidationError refuses the acceptance and saves nothing.
    accept: Callable
    # Relations `describe` reads, so that a list of invitations is loaded in a fixed number of queries.
    prefetch_related: tuple = field(default=())


_extensions: dict[str, Extension] = {}


def register(extension: Extension) -> None:
    _extensions[extension.key] = extension


def describe(invitation) -> str:
    for extension in _extensions.values():
        text = extension.describe(invitation)
        if text:
            return text
    return str(invitation.get_role_display())


def accepted(*, invitation, user) -> None:
    for extension in _extensions.values():
        extension.accept(invitation=invitation, user=user)


def with_details(queryset):
    related = [lookup for extension in _extensions.values() for lookup in extension.prefetch_related]
    return queryset.prefetch_related(*related) if related else queryset
