"""Generate now and follow the build without reloading: the HTMX fragment polls until ready or failed."""

import pytest
from django.urls import reverse

from reporting.models import ReportBuild

from .conftest import YEAR

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def status_url(build):
    return reverse("report_status", args=[build.partnership.consortium.slug, build.pk])


@pytest.mark.parametrize("status,polls", [("queued", True), ("building", True), ("ready", False), ("failed", False)])
def test_the_fragment_shows_the_status_and_polls_until_finished(client, representative, partnership, status, polls):
    # Given a build in some state
    build = ReportBuild.objects.create(consortium=partnership.consortium, partnership=partnership,
                                       academic_year=YEAR, language="en", status=status,
                                       error="The report could not be built: boom" if status == "failed" else "")
    client.force_login(representative)

    # When the page asks for its status through HTMX
    response = client.get(status_url(build), **HTMX)
    html = response.content.decode()

    # Then it gets only the fragment, which keeps polling while the build is unfinished
    assert response.status_code == 200
    assert "<html" not in html
    assert ('hx-trigger="every 2s"' in html) is polls
    assert "HX-Request" in response["Vary"]


def test_a_failed_build_says_why(client, representative, partnership):
    build = ReportBuild.objects.create(consortium=partnership.consortium, partnership=partnership,
                                       academic_year=YEAR, language="en", status="failed",
                                       error="The report could not be built: boom")
    client.force_login(representative)

    html = client.get(status_url(build), **HTMX).content.decode()

    assert "Failed" in html and "The report could not be built: boom" in html


def test_without_htmx_the_status_is_a_whole_page(client, representative, partnership):
    build = ReportBuild.objects.create(consortium=partnership.consortium, partnership=partnership,
                                       academic_year=YEAR, language="en")
    client.force_login(representative)

    response = client.get(status_url(build))

    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_generate_now_queues_a_build_and_answers_with_its_fragment(client, chair, demo,
                                                                   django_capture_on_commit_callbacks):
    partnership = demo["partnership"]
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("report_generate", args=[partnership.consortium.slug, partnership.pk]),
                               {"academic_year": YEAR, "language": "cy"}, **HTMX)

    build = ReportBuild.objects.get(partnership=partnership)
    assert response.status_code == 202
    assert f'id="report-build-{build.pk}"' in response.content.decode()
    assert (build.language, build.status, build.requested_by) == ("cy", "queued", chair)
    assert len(callbacks) == 1


def test_representatives_may_not_generate(client, representative, partnership):
    client.force_login(representative)

    response = client.post(reverse("report_generate", args=[partnership.consortium.slug, partnership.pk]),
                           {"academic_year": YEAR, "language": "en"})

    assert response.status_code == 403
    assert not ReportBuild.objects.exists()


def test_the_partnership_page_has_a_reports_panel(client, chair, partnership):
    client.force_login(chair)

    page = reverse("partnership_detail", args=[partnership.consortium.slug, partnership.pk])
    html = client.get(page).content.decode()

    assert 'id="reports-heading"' in html and "Generate the report" in html


def test_a_ready_build_says_ready_with_its_size_and_date_not_its_build_time(client, representative, partnership):
    import datetime as dt

    from django.utils import timezone

    finished = timezone.make_aware(dt.datetime(2027, 1, 14, 16, 5))
    build = ReportBuild.objects.create(consortium=partnership.consortium, partnership=partnership,
                                       academic_year=YEAR, language="en", status="ready", size_bytes=420_000,
                                       duration_ms=2621, finished_at=finished)
    client.force_login(representative)

    html = client.get(status_url(build), **HTMX).content.decode()

    assert "Ready" in html and "410.2\xa0KB, made Thursday 14 January 2027, 16:05" in html
    assert "2621" not in html and " ms" not in html
