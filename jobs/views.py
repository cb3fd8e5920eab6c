"""Imports: upload a file (its shape checked there and then), then follow its job to the result."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers

from consortia.permissions import requires

from . import selectors, services
from .forms import ImportUploadForm

RECENT = 10


@requires("consortia.administer_consortium")
def import_upload(request, consortium_slug):
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
    else:
        form = ImportUploadForm(initial={"kind": request.GET.get("kind", "")})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = services.import_job_create(consortium=request.consortium, user=request.user,
                                                 kind=form.cleaned_data["kind"],
                                                 upload=form.cleaned_data["import_file"])
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        form.add_error(field if field in form.fields else None, message)
            else:
                return redirect("import_job", request.consortium.slug, job.pk)
        status = 400
    jobs = list(selectors.jobs_visible_to(request.user, request.consortium)[:RECENT])
    return render(request, "jobs/upload.html", {"form": form, "jobs": jobs}, status=status)


@requires("login")
def import_job(request, consortium_slug, pk):
    """The job's progress, errors by row and result; polled by htmx while it runs, and reloadable without."""
    job = selectors.jobs_visible_to(request.user, request.consortium).filter(pk=pk).first()
    if job is None:  # another consortium's, someone else's, or none: the same answer
        raise Http404
    template = "jobs/_job.html" if request.htmx else "jobs/job.html"
    response = render(request, template, {"job": job})
    patch_vary_headers(response, ["HX-Request"])
    if not job.is_finished and not request.htmx:
        response["Refresh"] = "5"  # without JavaScript the page reloads itself until the job is done
    return response
