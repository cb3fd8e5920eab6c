"""Reports: generate now, follow a build's progress, download, retry, delete, and the consortium overview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consortia import spreadsheets
from consortia.permissions import requires
from consortia.scoping import get_for_consortium
from partnerships.models import Partnership, current_academic_year

from . import selectors, services
from .formatting import percent
from .forms import GenerateForm, SummaryForm, year_choices
from .models import ReportBuild
from .sections import ReportYear


def _build(request, pk) -> ReportBuild:
    """A build of this consortium the person may see; another consortium's is a 404 like a missing one."""
    build = get_for_consortium(ReportBuild.objects.select_related("partnership"), request.consortium, pk=pk)
    build.partnership.consortium = request.consortium
    if not selectors.can_view_reports(request.user, build.partnership):
        raise PermissionDenied
    return build


def _status_response(request, build: ReportBuild, status: int = 200, *, created: bool = False) -> HttpResponse:
    context = {"build": build, "can_generate": selectors.can_generate(request.user, build.partnership),
               "can_delete": selectors.can_delete(request.user, request.consortium), "created": created}
    template = "reporting/_build.html" if request.htmx else "reporting/build.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@requires("partnerships.change_partnership", on="partnership")
@require_POST
def report_generate(request, consortium_slug, partnership_pk):
    partnership = get_for_consortium(Partnership, request.consortium, pk=partnership_pk)
    partnership.consortium = request.consortium
    if not selectors.can_generate(request.user, partnership):
        raise PermissionDenied
    form = GenerateForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            response = HttpResponse(_("Choose an academic year and a language."), status=400)
            patch_vary_headers(response, ["HX-Request"])
            return response
        messages.error(request, _("Choose an academic year and a language."))
        return redirect("partnership_detail", consortium_slug, partnership.pk)
    build = services.report_build_request(partnership=partnership, requested_by=request.user, **form.cleaned_data)
    if request.htmx:
        return _status_response(request, build, status=202, created=True)
    messages.success(request, _("The report is queued. This page shows when it is ready."))
    return redirect("report_status", consortium_slug, build.pk)


@requires("partnerships.change_partnership", on="partnership")
def report_summary_edit(request, consortium_slug, partnership_pk, academic_year):
    """The year's summary, in English and Welsh side by side: the first thing the report says."""
    partnership = get_for_consortium(Partnership, request.consortium, pk=partnership_pk)
    partnership.consortium = request.consortium
    if not selectors.can_generate(request.user, partnership):
        raise PermissionDenied
    if academic_year not in dict(year_choices()):
        raise Http404
    entry = selectors.summary_for(partnership, academic_year)
    initial = {"summary": entry.summary, "summary_cy": entry.summary_cy} if entry else {}
    form = SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.report_summary_save(partnership=partnership, academic_year=academic_year, by=request.user,
                                     **form.cleaned_data)
        messages.success(request, _("Summary saved. Reports of %(year)s built from now on open with it.")
                         % {"year": ReportYear(academic_year).label})
        return redirect("partnership_detail", consortium_slug, partnership.pk)
    return render(request, "reporting/summary_edit.html", {
        "partnership": partnership, "form": form, "entry": entry, "year_label": ReportYear(academic_year).label,
    }, status=400 if form.errors else 200)


@requires("partnerships.view_partnership", on="partnership")
def report_status(request, consortium_slug, pk):
    return _status_response(request, _build(request, pk))


@requires("partnerships.view_partnership", on="partnership")
def report_download(request, consortium_slug, pk):
    build = _build(request, pk)
    if build.status != ReportBuild.Status.READY or not build.file:
        raise Http404
    try:
        handle = build.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=build.filename(), content_type="application/pdf")


@requires("partnerships.change_partnership", on="partnership")
@require_POST
def report_retry(request, consortium_slug, pk):
    build = _build(request, pk)
    if not selectors.can_generate(request.user, build.partnership):
        raise PermissionDenied
    try:
        build = services.report_retry(build=build)
    except ValidationError as exc:
        if request.htmx:
            return _status_response(request, build, status=409)
        messages.error(request, " ".join(exc.messages))
        return redirect("report_status", consortium_slug, build.pk)
    build.partnership.consortium = request.consortium
    if request.htmx:
        return _status_response(request, build, status=202)
    messages.success(request, _("The report is queued again."))
    return redirect("report_status", consortium_slug, build.pk)


@requires("consortia.administer_consortium")
def report_delete(request, consortium_slug, pk):
    build = _build(request, pk)
    if request.method == "POST":
        try:
            services.report_delete(build=build)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("report_status", consortium_slug, build.pk)
        messages.success(request, _("The report has been deleted."))
        return redirect("partnership_detail", consortium_slug, build.partnership_id)
    return render(request, "reporting/delete.html", {"build": build})


def _figure_text(figure, value) -> str:
    if value is None:
        return "—"
    return percent(value) if figure.kind == "percent" else str(value)


@requires("consortia.administer_consortium")
def report_overview(request, consortium_slug):
    years = selectors.report_years(request.consortium)
    default_year = years[0] if years else current_academic_year() - 1
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else default_year
    figures, rows = selectors.overview(request.consortium, year)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        header = [_("Partnership"), _("Academic year"), *[str(f.label) for f in figures], _("Reports ready")]
        table = [[row.partnership.display_name(), f"{year}/{str(year + 1)[-2:]}",
                  *[_figure_text(f, row.figures.get(f.key)) for f in figures],
                  ", ".join(f"{lang} v{b.version}" for lang, b in sorted(row.builds.items()))] for row in rows]
        filename = f"partnership-reports-{request.consortium.slug}-{year}"
        if export == "csv":
            return spreadsheets.csv_response(filename, header, table)
        return spreadsheets.xlsx_response(filename, _("Partnership reports"), header, table)
    display = [{"row": row, "values": [(f.label, _figure_text(f, row.figures.get(f.key))) for f in figures]}
               for row in rows]
    years_shown = sorted({*years, year, current_academic_year(), current_academic_year() - 1}, reverse=True)
    return render(request, "reporting/overview.html", {
        "year": year, "years": years_shown, "figures": figures, "rows": display,
    })
