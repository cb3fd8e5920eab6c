"""The partnerships panel on the consortium dashboard: my roles and the partnerships I can see."""

from consortia.permissions import has_consortium_perm

from .selectors import held_roles, partnerships_visible_to


def dashboard_context(request) -> dict:
    return {
        "my_roles": held_roles(request.user, request.consortium),
        "partnerships": partnerships_visible_to(request.user, request.consortium)[:10],
        "is_consortium_admin": has_consortium_perm(request.user, "consortia.administer_consortium",
                                                   request.consortium),
    }
