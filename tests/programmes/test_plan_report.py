"""The joint-plan section of the annual report, read from the PDF's text: a year in progress is
reported to date (only the updates and milestones known today), a finished year as at its end."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from programmes import report_ite
from programmes.models import ProgressUpdate
from programmes.services import plans as services
from reporting import pdf
from reporting.sections import ReportYear

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db
MID_YEAR = dt.date(2025, 3, 15)  # "today" while 2024/25 runs


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def posted(project, day, status, narrative, narrative_cy=""):
    return ProgressUpdate.objects.create(
        consortium_id=project.consortium_id, project=project, author=project.manager,
        period_start=day - dt.timedelta(days=30), period_end=day, status=status, narrative=narrative,
        narrative_cy=narrative_cy, created_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC))


@pytest.fixture
def plan(consortium):
    partnership = PartnershipFactory(consortium=consortium, kind="strategic", name="Cross-regional partnership")
    plan = services.joint_plan_save(partnership=partnership, name="Joint plan")
    recruit = services.project_edit(plan=plan, name="Discover Teaching", name_cy="Darganfod Addysgu", overview="O",
                                    sponsor=UserFactory(full_name="Betsan Sponsor"), manager=UserFactory())
    posted(recruit, dt.date(2025, 2, 1), "at_risk", "Behind on recruitment", "Ar ei hôl hi gyda recriwtio")
    posted(recruit, dt.date(2025, 4, 1), "finished", "Campaign launched")
    recruit.milestones.create(consortium_id=plan.consortium_id, name="Campaign live",
                              baseline_on=dt.date(2025, 3, 1), actual_on=dt.date(2025, 5, 1))
    comms = services.project_edit(plan=plan, name="Communications", overview="O")
    comms.milestones.create(consortium_id=plan.consortium_id, name="Team formed", baseline_on=dt.date(2024, 10, 1),
                            actual_on=dt.date(2024, 10, 1))
    comms.finished_on = dt.date(2025, 6, 30)
    comms.save()
    return plan


def test_a_year_in_progress_is_reported_to_date(plan, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MID_YEAR)
    year = ReportYear(2024)
    assert year.in_progress

    data = report_ite.gather_plan(plan.partnership, year)
    text = pdf_text(pdf.build(plan.partnership, year, "en").pdf)

    assert [(r["status"], r["achieved"], r["late"], r["updates"]) for r in data["rows"]] == [
        ("At risk", 0, 1, 1), ("Not started", 1, 0, 0)]
    assert "status to date, as at 15 March 2025" in text
    assert "Behind on recruitment" in text and "Sponsor: Betsan Sponsor" in text
    assert "Campaign launched" not in text  # posted after today


def test_a_finished_year_is_reported_as_at_its_last_day(plan):
    year = ReportYear(2024)
    assert not year.in_progress

    data = report_ite.gather_plan(plan.partnership, year)
    text = pdf_text(pdf.build(plan.partnership, year, "en").pdf)

    assert [(r["status"], r["achieved"], r["late"], r["updates"]) for r in data["rows"]] == [
        ("Finished", 1, 1, 2), ("Finished", 1, 0, 0)]
    assert "at the end of the year, 31 August 2025" in text
    assert "Campaign launched" in text and "Behind on recruitment" not in text


def test_the_welsh_report_shows_the_welsh_names_and_progress(plan, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MID_YEAR)

    text = pdf_text(pdf.build(plan.partnership, ReportYear(2024), "cy").pdf)

    assert "Darganfod Addysgu" in text and "Ar ei hôl hi gyda recriwtio" in text
