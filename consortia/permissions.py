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
    """Whether the person holds `perm` on the consortium.

    The permissions are read once per user object and consortium, as Django caches model
    permissions on the user: a page asks several times and each guardian check is a query.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = user.__dict__.setdefault("_consortium_perm_cache", {})
    if consortium.pk not in cache:
        from .models import ConsortiumUserObjectPermission

        cache[consortium.pk] = {
            f"{app}.{codename}"
            for app, codename in ConsortiumUserObjectPermission.objects.filter(
                user=user, content_object_id=consortium.pk
            ).values_list("permission__content_type__app_label", "permission__codename")
        }
    return perm in cache[consortium.pk]


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
