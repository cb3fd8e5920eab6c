from .selectors import consortia_for_user


def consortium(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_consortium": None, "my_consortia": []}
    return {
        "current_consortium": getattr(request, "consortium", None),
        # Evaluated lazily by the template, so pages that do not show the switcher pay nothing.
        "my_consortia": consortia_for_user(user).only("pk", "slug", "name", "name_cy"),
    }
