"""The ITE and joint-plan report sections speak for the report's day: a finished year's end, or
today while the year runs."""

import datetime as dt

import pytest
from django.utils import timezone

from programmes import report_ite, services
from programmes.models import ProgressUpdate
from programmes.services import plans as plan_services
from reporting.sections import ReportYear

from ..factories import PartnershipFactory, UserFactory
from .ite import council, ite_programme, school

pytestmark = pytest.mark.django_db


def test_a_finished_years_figures_use_the_status_in_effect_at_its_end(consortium, partnership):
    programme = ite_programme(partnership)
    given = services.trainee_create(programme=programme, user=UserFactory(), route="provider_led_postgrad",
                                    subject="english", academic_year=2024, starts_on=dt.date(2024, 9, 1),
                                    ends_on=dt.date(2025, 7, 1))
    services.trainee_status_change(trainee=given, state="submitted_for_trn", effective_on=dt.date(2024, 9, 10))
    services.trainee_status_change(trainee=given, state="withdrawn", effective_on=dt.date(2025, 9, 3),
                                   reason="did_not_make_progress", trigger="provider")

    data = report_ite.gather_ite(partnership, ReportYear(2024))

    assert data["states"] == [("Submitted for TRN", 1)]
    assert (data["needing"], data["met"]) == (1, 0)


def test_a_year_in_progress_counts_placements_begun_by_today(consortium, partnership):
    programme = ite_programme(partnership)
    today = timezone.localdate()
    year = today.year if today.month >= 9 else today.year - 1
    county = council(consortium, "County")
    given = services.trainee_create(programme=programme, user=UserFactory(), route="provider_led_postgrad",
                                    subject="english", academic_year=year, starts_on=dt.date(year, 9, 1),
                                    ends_on=dt.date(year + 1, 7, 1))
    from partnerships.models import OrganisationYear

    first, second = school(consortium, "A", la=county), school(consortium, "B", la=county, medium="welsh")
    for at in (first, second):
        OrganisationYear.objects.get_or_create(consortium=consortium, organisation=at, academic_year=year,
                                               defaults={"pupils": 900})
    services.placement_create(trainee=given, school=first, sequence=1, term="autumn", starts_on=today,
                              ends_on=today + dt.timedelta(days=30))
    services.placement_create(trainee=given, school=second, sequence=2, term="spring",
                              starts_on=today + dt.timedelta(days=60), ends_on=today + dt.timedelta(days=90))

    data = report_ite.gather_ite(partnership, ReportYear(year))

    assert (data["needing"], data["met"]) == (1, 0)  # the second placement has not begun yet


def test_the_plan_section_shows_the_status_posted_by_the_report_day(consortium):
    plan = plan_services.joint_plan_create(partnership=PartnershipFactory(consortium=consortium), name="Plan")
    project = plan_services.project_save(plan=plan, name="Comms", overview="O")
    ProgressUpdate.objects.create(consortium=consortium, project=project, author=UserFactory(),
        period_start=dt.date(2025, 6, 1), period_end=dt.date(2025, 7, 31), status="at_risk", narrative="n",
        created_at=dt.datetime(2025, 8, 1, 12, tzinfo=dt.UTC))
    ProgressUpdate.objects.create(consortium=consortium, project=project, author=UserFactory(),
                                  period_start=dt.date(2025, 8, 1), period_end=dt.date(2025, 9, 30),
                                  status="finished", narrative="n",
                                  created_at=dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC))
    plan_services.milestone_save(project=project, name="M", baseline_on=dt.date(2025, 7, 1))

    data = report_ite.gather_plan(plan.partnership, ReportYear(2024))

    assert [(r["status"], r["late"]) for r in data["rows"]] == [("At risk", 1)]
