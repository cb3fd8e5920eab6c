from django.utils.functional import SimpleLazyObject

from . import tenancy
from .selectors import consortia_for_user


def _my_consortia(request, user) -> list:
    known = getattr(request, "my_consortia", None)
    if known is not None:  # the middleware read them with the page's membership
        return known
    # The switcher lists the person's consortia while the page is scoped to one of them.
    with tenancy.cross_consortium("consortium switcher", actor=user):
        return list(consortia_for_user(user).only("pk", "slug", "name", "name_cy"))


def consortium(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_consortium": None, "my_consortia": []}
    return {
        "current_consortium": getattr(request, "consortium", None),
        # Evaluated lazily by the template, so pages that do not show the switcher pay nothing.
        "my_consortia": SimpleLazyObject(lambda: _my_consortia(request, user)),
    }
