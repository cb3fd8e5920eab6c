from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from consortia.permissions import requires
from consortia.scoping import get_for_consortium

from . import selectors
from .models import Partnership


@requires("consortia.view_consortium")
def partnership_list(request, consortium_slug):
    partnerships = selectors.partnerships_visible_to(request.user, request.consortium)
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if query:
        partnerships = partnerships.filter(name__icontains=query)
    if kind:
        partnerships = partnerships.filter(kind=kind)
    page = Paginator(partnerships, 25).get_page(request.GET.get("page"))
    return render(request, "partnerships/list.html",
                  {"page": page, "query": query, "kind": kind, "kinds": Partnership.Kind.choices})


@requires("partnerships.view_partnership", on="partnership")
def partnership_detail(request, consortium_slug, pk):
    partnership = get_for_consortium(Partnership, request.consortium, pk=pk)
    partnership.consortium = request.consortium
    if not selectors.has_partnership_perm(request.user, "partnerships.view_partnership", partnership):
        raise PermissionDenied
    return render(request, "partnerships/detail.html", {
        "partnership": partnership,
        "people": selectors.partnership_roles(partnership),
    })
