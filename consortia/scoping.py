"""The one way to look up a tenant-owned object from an id the client sent."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Consortium, TenantModel


def scoped(model_or_queryset: type[TenantModel] | QuerySet, consortium: Consortium) -> QuerySet:
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, QuerySet)
        else model_or_queryset._default_manager.all()
    )
    return queryset.filter(consortium_id=consortium.pk)


def get_for_consortium(model_or_queryset, consortium: Consortium, **lookup) -> Model:
    """Fetch one object of this consortium; another consortium's object is a 404, like a missing one."""
    try:
        return scoped(model_or_queryset, consortium).get(**lookup)
    except (ValueError, TypeError) as exc:  # a malformed id is a missing object, not a 500
        raise Http404 from exc
    except scoped(model_or_queryset, consortium).model.DoesNotExist as exc:
        raise Http404 from exc


def require_same_consortium(consortium_id: int, *objects) -> None:
    """Refuse, as bad input, any object (None allowed) that belongs to another consortium."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    for obj in objects:
        if obj is not None and getattr(obj, "consortium_id", consortium_id) != consortium_id:
            raise ValidationError(_("That belongs to another consortium."))
