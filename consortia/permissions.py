"""How a view states the permission it needs.

Every view in the project is wrapped by `requires(...)` or `public(...)`; a test walks every
route and fails on a view that has neither, or that an anonymous visitor can reach.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

PUBLIC = "public"


def has_consortium_perm(user, perm: str, consortium) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.has_perm(perm, consortium)


def requires(perm: str, *, on: str = "consortium"):
    """Require `perm` on the request's consortium, or `login` for any signed-in person."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if (
                perm != "login"
                and on == "consortium"
                and (request.consortium is None
                     or not has_consortium_perm(request.user, perm, request.consortium))
            ):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.permission_required = perm
        return wrapped

    return decorator


def public(view):
    view.permission_required = PUBLIC
    return view
