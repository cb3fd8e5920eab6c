"""One row of every programmes model in a partnership's consortium, for the admin's isolation tests."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnerships.services import employment_change
from programmes import rules, services
from programmes.models import Course

from ..factories import OrganisationFactory, PartnershipFactory, UserFactory


def programme_rows(partnership) -> dict:
    consortium = partnership.consortium
    school = OrganisationFactory(consortium=consortium)
    programme = services.programme_create(consortium=consortium, kind="npq", name=f"NPQs of {partnership.name}",
                                          partnership=partnership)
    services.npq_courses_ensure(consortium=consortium)
    today = timezone.localdate()
    cohort = services.cohort_create(programme=programme, name="Cohort", starts_on=today - dt.timedelta(days=60),
                                    course=Course.objects.get(consortium=consortium, identifier="npq-headship"))
    person = UserFactory()
    enrolment = services.enrolment_create(cohort=cohort, user=person, role="npq_participant", school=school,
                                          started_on=cohort.starts_on)
    start = dt.datetime.combine(today - dt.timedelta(days=2), dt.time(16), tzinfo=rules.LONDON)
    event = services.event_save(cohort=cohort, by=None, kind="clinic", title="Clinic", starts_at=start,
                                ends_at=start + dt.timedelta(hours=1), venue="Hub")
    services.attendance_mark(event=event, enrolment=enrolment, state="attended", by=None)
    services.attendance_report_check(event=event, by=None, file=SimpleUploadedFile(
        "r.csv", f"Name,Email\nP,{person.email}\n".encode()))
    window = services.assessment_window_save(cohort=cohort, title="Window", opens_on=today, closes_on=today)
    services.assessment_register(enrolment=enrolment, window=window, by=None)
    fellow = UserFactory()
    services.programme_role_grant(programme=programme, user=fellow, role="visiting_fellow")
    employment_change(consortium=consortium, user=fellow, organisation=school)
    assignment = services.fellow_assign(event=event, fellow=fellow)
    services.delivery_record(assignment=assignment, by=None)
    services.briefing_schedule(event=event, starts_at=start - dt.timedelta(days=10), duration_minutes=60,
                               online_link="https://t.example/b", by=None)
    services.training_day_save(programme=programme, title="Training", on=today)
    lead = UserFactory()
    services.programme_role_grant(programme=programme, user=lead, role="programme_lead")
    tutor = UserFactory()
    services.programme_role_grant(programme=programme, user=tutor, role="induction_tutor", organisation=school)
    services.staffing_change_report(programme=programme, reporter=tutor, kind="leaving", enrolment=enrolment,
                                    effective_on=today)
    ite_and_plan_rows(partnership)
    return {"programme": programme, "cohort": cohort, "enrolment": enrolment, "event": event, "lead": lead}


def ite_and_plan_rows(partnership) -> None:
    """A QA visit and an assessment record of an ITE programme, and a joint plan with a project, a
    milestone and a progress update: the ITE and plan models the admin shows."""
    from programmes.models import ProgressUpdate
    from programmes.services import plans

    from .ite import ite_programme, place, school, trainee

    consortium = partnership.consortium
    today = timezone.localdate()
    ite = ite_programme(partnership, name=f"ITE of {partnership.name}")
    host = school(consortium, f"Host school of {consortium.slug}")
    given = trainee(ite, user=UserFactory())
    place(given, host, 1)
    services.placement_offer_save(programme=ite, school=host, academic_year=given.academic_year,
                                  subject=given.subject, term="autumn", places=2)
    services.quality_visit_schedule(programme=ite, kind="moderation", school=host, scheduled_on=today,
                                    visitor_name="Dr Eira Examiner")
    services.school_assessment_record(trainee=given, school=host, title="First placement assessment",
                                      document_reference="Trainee file", assessed_on=today, outcome="meets")
    strategic = PartnershipFactory(consortium=consortium, kind="strategic", name=f"Strategic of {consortium.slug}")
    plan = plans.joint_plan_save(partnership=strategic, name=f"Joint plan of {partnership.name}")
    project = plans.project_edit(plan=plan, name="Literacy", overview="Overview", aims=[("Aim", "")])
    plans.milestone_save(project=project, name="Launch", baseline_on=today)
    ProgressUpdate.objects.create(consortium_id=consortium.pk, project=project, author=UserFactory(),
                                  period_start=today, period_end=today, status="on_track", narrative="On track")
