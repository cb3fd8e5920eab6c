"""ITE quality assurance: visits to schools with their report (a governance paper) and the actions
of the meeting that considered it; school-based assessment records as document metadata and an
outcome only. The office writes, tutors read, others 403, another consortium 404, lists flat in queries."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Action, Meeting, Paper
from programmes import services
from programmes.models import QualityVisit, SchoolAssessmentRecord

from ..conftest import with_mfa
from ..factories import PartnershipFactory, UserFactory
from .ite import council, ite_programme, place, school, trainee

pytestmark = pytest.mark.django_db


def meeting_of(partnership, day=dt.date(2026, 11, 3)):
    starts = dt.datetime.combine(day, dt.time(16), tzinfo=dt.UTC)
    return Meeting.objects.create(consortium=partnership.consortium, partnership=partnership, title="Course committee",
                                  kind="strategic", status="held", starts_at=starts,
                                  ends_at=starts + dt.timedelta(hours=2))


@pytest.fixture
def setup(consortium, partnership):
    programme = ite_programme(partnership)
    county = council(consortium, "Conwy")
    alpha = school(consortium, "Alpha High", la=county)
    office = UserFactory(full_name="Olwen Office")
    services.programme_role_grant(programme=programme, user=office, role="programme_lead")
    tutor = UserFactory(full_name="Tudur Tutor")
    services.programme_role_grant(programme=programme, user=tutor, role="ite_tutor")
    given = trainee(programme, user=UserFactory(full_name="Tomos Trainee"))
    place(given, alpha, 1)
    meeting = meeting_of(partnership)
    paper = Paper.objects.create(consortium=consortium, meeting=meeting, title="Moderation report, Alpha High",
                                 file="papers/report.pdf", no_pupil_data_confirmed=True)
    action = Action.objects.create(consortium=consortium, partnership=partnership, meeting=meeting,
                                   title="Refresh mentor training", owner=office, due_on=dt.date(2027, 1, 31))
    office.refresh_from_db()
    return {"programme": programme, "school": alpha, "office": with_mfa(office), "tutor": tutor, "trainee": given,
            "meeting": meeting, "paper": paper, "action": action}


def visit(setup, day=dt.date(2026, 10, 20), **kwargs):
    return services.quality_visit_schedule(programme=setup["programme"], kind="moderation", school=setup["school"],
                                           scheduled_on=day, visitor_name="Dr Eira Examiner", **kwargs)


def test_a_visit_links_its_report_and_the_meetings_actions(setup):
    made = visit(setup)
    services.quality_visit_report(visit=made, report=setup["paper"], considered_at=setup["meeting"],
                                  actions=[setup["action"]])
    made.refresh_from_db()
    assert (made.report, made.considered_at, list(made.actions.all())) == (
        setup["paper"], setup["meeting"], [setup["action"]])


def test_a_paper_of_another_meeting_or_partnership_is_refused(setup, consortium):
    made = visit(setup)
    other_meeting = meeting_of(PartnershipFactory(consortium=consortium, name="Another"))
    with pytest.raises(ValidationError) as refused:
        services.quality_visit_report(visit=made, report=setup["paper"], considered_at=other_meeting)
    assert "considered_at" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.quality_visit_report(visit=made, report=setup["paper"])  # no meeting named
    assert QualityVisit.objects.get(pk=made.pk).report is None


def test_a_visit_needs_a_visitor_and_a_school(setup, consortium):
    with pytest.raises(ValidationError):
        services.quality_visit_schedule(programme=setup["programme"], kind="moderation", school=setup["school"],
                                        scheduled_on=dt.date(2026, 10, 1))
    with pytest.raises(ValidationError):
        services.quality_visit_schedule(programme=setup["programme"], kind="moderation",
                                        school=council(consortium, "Not a school"), scheduled_on=dt.date(2026, 10, 1),
                                        visitor_name="X")
    assert QualityVisit.objects.count() == 0


def test_an_assessment_record_is_metadata_and_outcome_at_a_placement_school(setup, consortium):
    record = services.school_assessment_record(
        trainee=setup["trainee"], school=setup["school"], title="Interim assessment, autumn",
        document_reference="Alpha High ITE file, ref 2026/14", assessed_on=dt.date(2026, 11, 20), outcome="meets")
    assert record.programme == setup["programme"]
    with pytest.raises(ValidationError) as refused:
        services.school_assessment_record(
            trainee=setup["trainee"], school=school(consortium, "Elsewhere"), title="Interim",
            document_reference="x", assessed_on=dt.date(2026, 11, 20), outcome="meets")
    assert "school" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.school_assessment_record(trainee=setup["trainee"], school=setup["school"], title="Interim",
                                          document_reference="x", assessed_on=dt.date(2026, 11, 20), outcome="great")
    assert SchoolAssessmentRecord.objects.count() == 1


def test_the_office_schedules_a_visit_and_records_its_report_on_the_pages(client, consortium, setup):
    client.force_login(setup["office"])
    programme = setup["programme"]
    new = reverse("ite_qa_visit_create", args=[consortium.slug, programme.pk])
    assert client.post(new, {"kind": "moderation", "school": setup["school"].pk,
                             "scheduled_on": "2026-10-20"}).status_code == 400  # no visitor
    made = client.post(new, {"kind": "external_examiner", "school": setup["school"].pk, "scheduled_on": "2026-10-20",
                             "visitor_name": "Dr Eira Examiner"})
    assert made.status_code == 302
    visit_ = QualityVisit.objects.get()
    page = reverse("ite_qa_visit", args=[consortium.slug, visit_.pk])
    saved = client.post(page, {"considered_at": setup["meeting"].pk, "report": setup["paper"].pk,
                               "actions": [setup["action"].pk]})
    assert saved.status_code == 302
    text = client.get(page).content.decode()
    assert "Moderation report, Alpha High" in text and "Refresh mentor training" in text
    assert "Dr Eira Examiner" in client.get(reverse("ite_qa", args=[consortium.slug, programme.pk])).content.decode()


def test_a_tutor_reads_but_cannot_write_and_a_trainee_sees_nothing(client, consortium, setup):
    made = visit(setup)
    client.force_login(setup["tutor"])
    assert client.get(reverse("ite_qa", args=[consortium.slug, setup["programme"].pk])).status_code == 200
    assert client.get(reverse("ite_qa_visit", args=[consortium.slug, made.pk])).status_code == 200
    assert client.post(reverse("ite_qa_visit", args=[consortium.slug, made.pk]), {}).status_code == 403
    assert client.get(reverse("ite_qa_visit_create", args=[consortium.slug, setup["programme"].pk])).status_code \
        == 403
    client.force_login(setup["trainee"].user)
    assert client.get(reverse("ite_qa", args=[consortium.slug, setup["programme"].pk])).status_code == 403


def test_another_consortiums_visit_and_record_are_404(client, other_consortium, other_admin, setup):
    made = visit(setup)
    record = services.school_assessment_record(
        trainee=setup["trainee"], school=setup["school"], title="Interim", document_reference="File 1",
        assessed_on=dt.date(2026, 11, 20), outcome="meets")
    client.force_login(with_mfa(other_admin))
    assert client.get(reverse("ite_qa_visit", args=[other_consortium.slug, made.pk])).status_code == 404
    assert client.get(reverse("ite_qa_assessment", args=[other_consortium.slug, record.pk])).status_code == 404
    assert client.get(reverse("ite_qa", args=[other_consortium.slug, setup["programme"].pk])).status_code == 404


def test_the_list_costs_the_same_queries_for_2_and_40_rows(client, consortium, setup):
    client.force_login(setup["office"])
    url = reverse("ite_qa", args=[consortium.slug, setup["programme"].pk])

    def count(rows):
        for n in range(rows):
            made = visit(setup, day=dt.date(2026, 10, 1) + dt.timedelta(days=n))
            services.quality_visit_report(visit=made, report=setup["paper"], considered_at=setup["meeting"])
            services.school_assessment_record(
                trainee=setup["trainee"], school=setup["school"], title=f"Assessment {n}", document_reference="F",
                assessed_on=dt.date(2026, 11, 1), outcome="meets")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get(url)  # the first request fills per-session caches (15 queries, then 11 at 2 rows)
    few = count(2)
    many = count(38)
    assert few == many
