"""The job page: progress while it runs (htmx, or a reload without JS), errors by row, the result; seen only by
the uploader and the consortium's admins."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.services import consortium_role_grant
from jobs import services
from jobs.models import ImportJob

from ..conftest import with_mfa
from ..factories import UserFactory
from .helpers import csv_file, school

pytestmark = pytest.mark.django_db


def _job(consortium, user, rows=None, **state):
    job = services.import_job_create(consortium=consortium, user=user, kind="organisations",
                                     upload=csv_file(rows or [school(1)]))
    if state:
        ImportJob.objects.filter(pk=job.pk).update(**state)
        job.refresh_from_db()
    return job


def _url(job):
    return reverse("import_job", args=[job.consortium.slug, job.pk])


def test_a_running_job_shows_its_progress_and_polls(client, consortium, consortium_admin):
    job = _job(consortium, consortium_admin, [school(n) for n in range(1, 5)], state="running", rows_done=2,
               errors=[{"row": 3, "messages": ["kind: Unknown value “castle”"]}], error_count=1)
    client.force_login(consortium_admin)
    response = client.get(_url(job))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 of 4 rows checked" in page and "castle" in page
    assert f'hx-get="{_url(job)}"' in page
    assert response["Refresh"] == "5"  # without JavaScript the page reloads itself
    partial = client.get(_url(job), HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "2 of 4 rows checked" in partial.content.decode()
    assert "HX-Request" in partial["Vary"]


def test_a_finished_job_shows_its_result_and_stops_polling(client, consortium, consortium_admin):
    job = _job(consortium, consortium_admin, state="finished", rows_done=1,
               summary={"new": 1, "update": 0, "skip": 0})
    client.force_login(consortium_admin)
    response = client.get(_url(job))
    page = response.content.decode()
    assert "1 added, 0 updated, 0 unchanged" in page
    assert "hx-get" not in page and not response.has_header("Refresh")


def test_the_uploader_sees_their_job_but_another_member_does_not(client, consortium, consortium_admin):
    uploader = UserFactory(email="office@taf.cymru")
    consortium_role_grant(consortium=consortium, user=uploader, role="consortium_admin")
    with_mfa(uploader)  # an admin signs in with a second factor
    job = _job(consortium, uploader)
    bystander = UserFactory(email="bystander@taf.cymru")
    from consortia.services import membership_ensure
    membership_ensure(consortium=consortium, user=bystander)
    client.force_login(bystander)
    assert client.get(_url(job)).status_code == 404
    client.force_login(uploader)
    assert client.get(_url(job)).status_code == 200
    client.force_login(consortium_admin)  # any admin of the consortium
    assert client.get(_url(job)).status_code == 200


def test_another_consortiums_job_is_a_404(client, consortium, other_consortium, consortium_admin, other_admin):
    theirs = _job(other_consortium, other_admin)
    client.force_login(consortium_admin)
    assert client.get(reverse("import_job", args=[consortium.slug, theirs.pk])).status_code == 404
    assert client.get(_url(theirs)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, consortium, consortium_admin):
    job = _job(consortium, consortium_admin)
    response = client.get(_url(job))
    assert response.status_code == 302 and "login" in response.url


def test_the_job_page_and_the_list_cost_the_same_queries_for_many_errors(client, consortium, consortium_admin):
    few = _job(consortium, consortium_admin, state="failed",
               errors=[{"row": 2, "messages": ["a"]}], error_count=1)
    many = _job(consortium, consortium_admin, state="failed",
                errors=[{"row": n, "messages": ["a", "b"]} for n in range(2, 200)], error_count=198)
    client.force_login(consortium_admin)
    # Each page once first: the first request after another fills caches of the consortium, not of the rows.
    client.get(_url(few))
    client.get(_url(many))
    counts = []
    for job in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(job)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    for _n in range(5):
        _job(consortium, consortium_admin)
    upload_url = reverse("import_upload", args=[consortium.slug])
    with CaptureQueriesContext(connection) as before:
        client.get(upload_url)
    for _n in range(5):
        _job(consortium, consortium_admin)
    with CaptureQueriesContext(connection) as after:
        client.get(upload_url)
    assert len(before) == len(after)
