"""Importing participants onto cohorts as CSV or XLSX: a dry run of row errors, then all or nothing."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from programmes.models import Enrolment
from programmes.resources import EnrolmentResource

from .conftest import enrol

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:programmes_enrolment_import")
CONFIRM_URL = reverse("admin:programmes_enrolment_process_import")
HEADERS = ["email", "full_name", "cohort", "role", "school", "started_on", "mentor_email"]


def row(on_cohort, at_school, **values):
    data = {"email": "aled@ysgol.example", "full_name": "Aled Jones", "cohort": on_cohort.name, "role": "ect",
            "school": at_school.school_code, "started_on": "01/09/2025", "mentor_email": ""}
    data.update(values)
    return data


def as_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def run(consortium, rows, user=None, dry_run=False):
    data = tablib.Dataset(headers=HEADERS)
    for r in rows:
        data.append([r.get(column, "") for column in HEADERS])
    return EnrolmentResource(consortium=consortium, user=user).import_data(data, dry_run=dry_run)


def test_participants_are_imported_after_a_dry_run_and_matched_by_email(client, consortium, lead, ect_cohort,
                                                                         schools):
    existing = enrol(ect_cohort, schools[0], role="mentor", email="mentor@ysgol.example")
    client.force_login(lead)
    content = as_csv([row(ect_cohort, schools[0], mentor_email="MENTOR@ysgol.example"),
                      row(ect_cohort, schools[1], email="Bethan@Ysgol.example", full_name="Bethan", role="ECT")])

    response = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": "0", "resource": "0",
                                        "import_file": SimpleUploadedFile("participants.csv", content)})
    assert not response.context["result"].has_validation_errors()
    assert not Enrolment.objects.filter(role="ect").exists()
    client.post(CONFIRM_URL, response.context["confirm_form"].initial)

    aled = Enrolment.objects.get(user__email="aled@ysgol.example")
    assert (aled.role, aled.cohort, aled.started_on.isoformat()) == ("ect", ect_cohort, "2025-09-01")
    assert aled.mentorships.get().mentor == existing
    assert Enrolment.objects.filter(user__email="bethan@ysgol.example", role="ect").exists()


def test_an_xlsx_file_imports(client, consortium, lead, npq_cohort, schools):
    client.force_login(lead)
    book = openpyxl.Workbook()
    book.active.append(["Email", "Full name", "Cohort", "Role", "School"])
    book.active.append(["ffion@ysgol.example", "Ffion Hughes", npq_cohort.name, "NPQ participant",
                        int(schools[0].school_code)])
    content = io.BytesIO()
    book.save(content)

    response = client.post(IMPORT_URL, {"consortium": consortium.pk, "format": "1", "resource": "0",
                                        "import_file": SimpleUploadedFile("p.xlsx", content.getvalue())})
    client.post(CONFIRM_URL, response.context["confirm_form"].initial)

    assert Enrolment.objects.filter(user__email="ffion@ysgol.example", cohort=npq_cohort).exists()


def test_any_invalid_row_saves_nothing_and_each_error_is_named(consortium, lead, ect_cohort, schools):
    enrol(ect_cohort, schools[0], role="ect", email="already@ysgol.example")
    rows = [row(ect_cohort, schools[0]),
            row(ect_cohort, schools[0], email="not-an-email"),
            row(ect_cohort, schools[0], email="c@ysgol.example", cohort="No such cohort"),
            row(ect_cohort, schools[0], email="d@ysgol.example", role="npq_participant"),
            row(ect_cohort, schools[0], email="e@ysgol.example", school="Hogwarts"),
            row(ect_cohort, schools[0], email="f@ysgol.example", started_on="31/31/2025"),
            row(ect_cohort, schools[0], email="already@ysgol.example"),
            row(ect_cohort, schools[0])]

    result = run(consortium, rows, user=lead)

    errors = {r.number: sorted(r.error_dict) for r in result.invalid_rows}
    assert errors == {2: ["email"], 3: ["cohort"], 4: ["role"], 5: ["school"], 6: ["started_on"], 7: ["email"],
                      8: ["email"]}
    assert not Enrolment.objects.filter(user__email="aled@ysgol.example").exists()


def test_only_cohorts_the_importer_runs_can_be_named(consortium, npq_programme, ect_cohort, schools):
    from programmes import services

    from ..factories import UserFactory

    npq_lead = UserFactory()
    services.programme_role_grant(programme=npq_programme, user=npq_lead, role="programme_lead")

    result = run(consortium, [row(ect_cohort, schools[0])], user=npq_lead)

    assert [sorted(r.error_dict) for r in result.invalid_rows] == [["cohort"]]


def test_the_programme_lead_sees_only_their_programmes_participants_in_the_admin(client, lead, ect_cohort, schools,
                                                                                  other_consortium):
    from programmes import services

    from ..factories import OrganisationFactory, PartnershipFactory

    mine = enrol(ect_cohort, schools[0], role="ect")
    elsewhere = services.programme_create(consortium=other_consortium, kind="ect", name="Another hub's",
                                          partnership=PartnershipFactory(consortium=other_consortium))
    other_cohort = services.cohort_create(programme=elsewhere, name="Theirs", starts_on=ect_cohort.starts_on)
    theirs = enrol(other_cohort, OrganisationFactory(consortium=other_consortium), role="ect")
    client.force_login(lead)

    page = client.get(reverse("admin:programmes_enrolment_changelist")).content.decode()

    assert mine.user.email in page or escape(mine.user.get_full_name()) in page
    assert escape(theirs.user.get_full_name()) not in page
    assert client.get(reverse("admin:partnerships_partnership_changelist")).status_code == 403
