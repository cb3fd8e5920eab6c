"""What every finance view shares: scoped lookups, the person's finance rights, running a service on a form."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed

from consortia.forms import add_service_errors
from consortia.scoping import get_for_consortium
from partnerships.models import Partnership

from ..access import FinanceViewer, viewer_for
from ..models import Budget

VIEW = "consortia.view_consortium"


def partnership_of(request, pk) -> Partnership:
    partnership = get_for_consortium(Partnership, request.consortium, pk=pk)
    partnership.consortium = request.consortium
    return partnership


def budget_of(request, pk) -> Budget:
    budget = get_for_consortium(Budget.objects.select_related("partnership", "holder", "administrator"),
                                request.consortium, pk=pk)
    budget.partnership.consortium = request.consortium
    return budget


def viewer(request, partnership: Partnership) -> FinanceViewer:
    cache = request.__dict__.setdefault("_finance_viewers", {})
    if partnership.pk not in cache:
        cache[partnership.pk] = viewer_for(request.user, partnership)
    return cache[partnership.pk]


def need(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def not_post(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def run(form, action) -> bool:
    """Call the service; its ValidationError shows on the form (beside the field, or at the top)."""
    try:
        action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


def status_for(form) -> int:
    return 400 if form.is_bound and form.errors else 200
