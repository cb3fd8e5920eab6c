"""A report of another consortium is a 404, like a missing one: download, status, retry, delete."""

import pytest
from django.urls import reverse

from reporting.models import ReportBuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def their_build(other_partnership):
    return ReportBuild.objects.create(consortium=other_partnership.consortium, partnership=other_partnership,
                                      academic_year=2024, language="en", status="failed", error="broken")


@pytest.mark.parametrize("name,method", [("report_download", "get"), ("report_status", "get"),
                                         ("report_retry", "post"), ("report_delete", "post")])
def test_another_consortiums_report_is_not_found(client, consortium_admin, consortium, their_build, name, method):
    # Given an admin of my consortium
    client.force_login(consortium_admin)

    # When they ask for another consortium's report under their own consortium's address
    response = getattr(client, method)(reverse(name, args=[consortium.slug, their_build.pk]))

    # Then it is not found, and nothing changed
    assert response.status_code == 404
    their_build.refresh_from_db()
    assert their_build.status == "failed"


def test_another_consortiums_address_is_not_found(client, consortium_admin, their_build):
    client.force_login(consortium_admin)

    response = client.get(reverse("report_status", args=[their_build.partnership.consortium.slug, their_build.pk]))

    assert response.status_code == 404


def test_a_person_without_a_role_in_the_partnership_may_not_download(client, member, partnership):
    build = ReportBuild.objects.create(consortium=partnership.consortium, partnership=partnership,
                                       academic_year=2024, language="en", status="ready")
    client.force_login(member)

    response = client.get(reverse("report_download", args=[partnership.consortium.slug, build.pk]))

    assert response.status_code == 403
