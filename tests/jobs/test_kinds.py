"""People and programme participants import as jobs too, through the same checks, all or nothing."""

import datetime as dt

import pytest

from consortia.models import Membership
from jobs import services
from jobs.models import ImportJob
from programmes import services as programme_services
from programmes.models import Enrolment

from ..factories import OrganisationFactory
from .helpers import csv_file

pytestmark = pytest.mark.django_db

PEOPLE = ["email", "full_name", "job_title", "organisation"]
PARTICIPANTS = ["email", "full_name", "cohort", "role", "school", "started_on"]


def _run(consortium, user, kind, upload):
    job = services.import_job_create(consortium=consortium, user=user, kind=kind, upload=upload)
    services.import_job_run(consortium_id=consortium.pk, job_id=job.pk)
    job.refresh_from_db()
    return job


def test_people_are_imported_by_a_job(consortium, consortium_admin):
    school = OrganisationFactory(consortium=consortium, name="Ysgol Tonyrefail", school_code="6764001")
    rows = [{"email": "aled@ysgol.example", "full_name": "Aled Jones", "job_title": "Headteacher",
             "organisation": "6764001"},
            {"email": "bethan@ysgol.example", "full_name": "Bethan Rees", "job_title": "", "organisation": ""}]
    job = _run(consortium, consortium_admin, "people", csv_file(rows, PEOPLE, "people.csv"))
    assert job.state == ImportJob.State.FINISHED, job.failure
    assert job.summary["new"] == 2
    aled = Membership.objects.for_consortium(consortium).get(user__email="aled@ysgol.example")
    assert aled.user.employments.get().organisation == school


def test_a_person_with_a_bad_address_fails_the_job_and_saves_no_one(consortium, consortium_admin):
    rows = [{"email": "aled@ysgol.example", "full_name": "Aled", "job_title": "", "organisation": ""},
            {"email": "not an address", "full_name": "Bethan", "job_title": "", "organisation": ""}]
    job = _run(consortium, consortium_admin, "people", csv_file(rows, PEOPLE, "people.csv"))
    assert job.state == ImportJob.State.FAILED
    assert [entry["row"] for entry in job.errors] == [3]
    assert not Membership.objects.for_consortium(consortium).filter(user__email="aled@ysgol.example").exists()


def test_participants_are_imported_by_a_job(consortium, partnership, consortium_admin):
    programme = programme_services.programme_create(consortium=consortium, kind="ect", name="ECT programme",
                                                    partnership=partnership)
    cohort = programme_services.cohort_create(programme=programme, name="2025 ECTs", starts_on=dt.date(2025, 9, 1))
    OrganisationFactory(consortium=consortium, name="Ysgol Tonyrefail", school_code="6764001")
    rows = [{"email": "ffion@ysgol.example", "full_name": "Ffion Hughes", "cohort": cohort.name, "role": "ect",
             "school": "6764001", "started_on": "01/09/2025"}]
    job = _run(consortium, consortium_admin, "participants", csv_file(rows, PARTICIPANTS, "participants.csv"))
    assert job.state == ImportJob.State.FINISHED, job.failure
    assert Enrolment.objects.for_consortium(consortium).get().user.email == "ffion@ysgol.example"
    # Run twice (a redelivered message): still one enrolment, and the job is not failed by "already enrolled".
    again = services.import_job_run(consortium_id=consortium.pk, job_id=job.pk)
    assert again.state == ImportJob.State.FINISHED
    assert Enrolment.objects.for_consortium(consortium).count() == 1
