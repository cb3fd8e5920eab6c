"""Demo data for the programmes: Exceed Teaching School Hub's ECT cohort and two NPQ cohorts
(shared/seeds/003), with a term of events and attendance, an assessment window, two visiting
fellows with briefings, training and facilitation records, and the demo logins.

`seed_demo` calls `seed_demo_programmes` after the agreements' demo; running it again changes
nothing (rows are found by their natural keys before anything is made).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from consortia.services import membership_ensure
from partnerships.models import Organisation, Partnership
from partnerships.services import employment_change, membership_add, partnership_role_grant, person_add

from . import rules, services
from .models import (
    AssessmentWindow,
    Attendance,
    Cohort,
    Course,
    Enrolment,
    Event,
    FacilitationAssignment,
    FacilitatorBriefing,
    Programme,
    StaffingChange,
    TrainingDay,
)

User = get_user_model()
CONSORTIUM_SLUG = "exceed-hub"
PARTNERSHIP_NAME = "Exceed ECT and NPQ Programmes"
DEMO = "@demo.partneriaeth.cymru"

SCHOOLS = [  # name, phase, URN
    ("Beckfoot Upper Heaton", "secondary", "137084"),
    ("Lidget Green Primary", "primary", "107255"),
    ("Thornton Grammar School", "secondary", "107441"),
    ("Horton Park Primary", "primary", "107237"),
]
# email, name, role, school; the first of each is a demo login (demo/data.py PEOPLE).
ECTS = [(f"ect{DEMO}", "Aisha Khan", "Lidget Green Primary"),
        ("ect.2@exceed-demo.example", "Ben Carter", "Lidget Green Primary"),
        ("ect.3@exceed-demo.example", "Chloe Patel", "Beckfoot Upper Heaton"),
        ("ect.4@exceed-demo.example", "Daniel Okafor", "Thornton Grammar School"),
        ("ect.5@exceed-demo.example", "Ella Murphy", "Horton Park Primary"),
        ("ect.6@exceed-demo.example", "Faisal Hussain", "Beckfoot Upper Heaton")]
MENTORS = [(f"mentor{DEMO}", "Tom Hughes", "Lidget Green Primary"),
           ("mentor.2@exceed-demo.example", "Grace Lin", "Beckfoot Upper Heaton"),
           ("mentor.3@exceed-demo.example", "Harry Walsh", "Thornton Grammar School")]
NPQ_LT = [(f"npq{DEMO}", "Imran Ali", "Beckfoot Upper Heaton"),
          ("npq.2@exceed-demo.example", "Jess Thompson", "Lidget Green Primary"),
          ("npq.3@exceed-demo.example", "Kate Morgan", "Horton Park Primary"),
          ("npq.4@exceed-demo.example", "Liam Byrne", "Thornton Grammar School")]
NPQ_H = [("npqh.1@exceed-demo.example", "Maya Singh", "Beckfoot Upper Heaton"),
         ("npqh.2@exceed-demo.example", "Nathan Price", "Horton Park Primary"),
         ("npqh.3@exceed-demo.example", "Olivia Reed", "Lidget Green Primary")]
FELLOWS = [(f"fellow{DEMO}", "Priya Shah", "Exceed Academies Trust"),
           ("fellow.2@exceed-demo.example", "Rhodri Owen", "Beckfoot Upper Heaton")]
TUTOR = (f"inductiontutor{DEMO}", "Sarah Evans", "Lidget Green Primary")

# (days from today, kind, title, audience); the term so far and what is still to come.
ECT_EVENTS = [
    (-84, "conference", "Induction conference", "everyone"),
    (-70, "clinic", "Clinic 1: Behaviour and routines", "ects"),
    (-63, "coaching_on_coaching", "Coaching on coaching 1", "mentors"),
    (-56, "self_study", "Self-study: How pupils learn", "ects"),
    (-42, "clinic", "Clinic 2: Adaptive teaching", "ects"),
    (-35, "coaching_on_coaching", "Coaching on coaching 2", "mentors"),
    (-21, "conference", "Autumn conference", "everyone"),
    (-7, "clinic", "Clinic 3: Assessment", "ects"),
    (12, "clinic", "Clinic 4: Subject and curriculum", "ects"),
    (19, "coaching_on_coaching", "Coaching on coaching 3", "mentors"),
    (40, "conference", "Spring conference", "everyone"),
]
NPQ_EVENTS = [
    (-77, "conference", "Opening conference"),
    (-63, "self_study", "Self-study unit 1"),
    (-49, "clinic", "Clinic 1"),
    (-35, "community_event", "Community event"),
    (-21, "peer_support", "Peer support with your buddy"),
    (-10, "clinic", "Clinic 2"),
    (15, "self_study", "Self-study unit 2"),
    (36, "conference", "Spring conference"),
    (50, "clinic", "Clinic 3"),
    (64, "self_study", "Self-study unit 3"),
    (78, "community_event", "Spring community event"),
    (92, "peer_support", "Peer support: spring"),
]


WELSH_TITLES = {
    "Induction conference": "Cynhadledd sefydlu", "Clinic 1: Behaviour and routines": "Clinig 1: Ymddygiad ac arferion",
    "Coaching on coaching 1": "Hyfforddi ar hyfforddi 1", "Self-study: How pupils learn": "Hunan-astudio: Sut mae "
    "disgyblion yn dysgu", "Clinic 2: Adaptive teaching": "Clinig 2: Addysgu ymaddasol",
    "Coaching on coaching 2": "Hyfforddi ar hyfforddi 2", "Autumn conference": "Cynhadledd yr hydref",
    "Clinic 3: Assessment": "Clinig 3: Asesu", "Clinic 4: Subject and curriculum": "Clinig 4: Pwnc a chwricwlwm",
    "Coaching on coaching 3": "Hyfforddi ar hyfforddi 3", "Spring conference": "Cynhadledd y gwanwyn",
    "Opening conference": "Cynhadledd agoriadol", "Self-study unit 1": "Uned hunan-astudio 1", "Clinic 1": "Clinig 1",
    "Community event": "Digwyddiad cymunedol", "Peer support with your buddy": "Cymorth gan gyfoedion gyda'ch cyfaill",
    "Clinic 2": "Clinig 2", "Self-study unit 2": "Uned hunan-astudio 2", "Clinic 3": "Clinig 3",
    "Self-study unit 3": "Uned hunan-astudio 3", "Spring community event": "Digwyddiad cymunedol y gwanwyn",
    "Peer support: spring": "Cymorth gan gyfoedion: y gwanwyn",
}


def _welsh(title: str) -> str:
    if title.endswith(" (Headship)"):
        base = title.removesuffix(" (Headship)")
        return f"{WELSH_TITLES.get(base, base)} (Prifathrawiaeth)"
    return WELSH_TITLES.get(title, "")


def _at(days: int, hour: int = 16) -> dt.datetime:
    return dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour), tzinfo=rules.LONDON)


def _org(consortium, name, *, kind="school", phase="", code=""):
    return Organisation.objects.get_or_create(consortium=consortium, kind=kind, name=name,
                                              defaults={"name_cy": name, "phase": phase, "school_code": code})[0]


def _person(consortium, email, name):
    # No language: a demo login keeps the one demo/data.py gives it.
    # A demo login already exists (demo/data.py): it is made a member directly, not invited.
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        return person_add(consortium=consortium, email=email, full_name=name).user
    membership_ensure(consortium=consortium, user=user)
    return user


def _programme(consortium, partnership, *, kind, name, name_cy, provider, agreement):
    programme = Programme.objects.filter(consortium=consortium, name=name).first()
    return programme or services.programme_create(
        consortium=consortium, kind=kind, name=name, name_cy=name_cy, partnership=partnership,
        lead_provider=provider, agreement=agreement)


def _cohort(programme, name, name_cy, starts_on, course=None):
    cohort = Cohort.objects.filter(consortium_id=programme.consortium_id, programme=programme, name=name).first()
    return cohort or services.cohort_create(programme=programme, name=name, name_cy=name_cy, starts_on=starts_on,
                                            course=course)


def _enrol(cohort, person, role, school, *, mentor=None):
    enrolment = Enrolment.objects.filter(consortium_id=cohort.consortium_id, cohort=cohort, user=person,
                                         role=role).first()
    return enrolment or services.enrolment_create(cohort=cohort, user=person, role=role, school=school,
                                                  started_on=cohort.starts_on, mentor=mentor)


def _event(cohort, days, kind, title, audience="everyone", *, online=False):
    event = Event.objects.filter(consortium_id=cohort.consortium_id, cohort=cohort, title=title).first()
    if event is not None:
        return event
    starts = _at(days, 9 if kind == "conference" else 16)
    hours = 6 if kind == "conference" else 1
    event = services.event_save(
        cohort=cohort, by=None, kind=kind, title=title, title_cy=_welsh(title), audience=audience, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=hours), venue="" if online else "Exceed Teaching School Hub, Bradford",
        online_link="https://teams.microsoft.com/l/meetup-join/demo" if online else "",
        content_url="https://www.my.ambition.org.uk/s/content/demo")
    if days < 0:
        Event.objects.filter(pk=event.pk).update(recording_url="https://www.my.ambition.org.uk/s/recording/demo",
                                                 notice_sent_at=starts - dt.timedelta(days=14))
        event.refresh_from_db()
    return event


def _attend(event, enrolment, state, lead):
    if Attendance.objects.filter(consortium_id=event.consortium_id, event=event, enrolment=enrolment).exists():
        return
    services.attendance_mark(event=event, enrolment=enrolment, state=state, by=lead)


def _catch_up(event, enrolment, lead, *, confirm: bool):
    attendance = Attendance.objects.filter(consortium_id=event.consortium_id, event=event, enrolment=enrolment).first()
    if attendance is None:
        services.attendance_mark(event=event, enrolment=enrolment, state="apologised", by=lead)
    if attendance is None or attendance.state == "apologised":
        attendance = services.catch_up_claim(event=event, user=enrolment.user,
                                             note="Watched the whole recording and completed the workbook tasks.")
        if confirm:
            services.catch_up_decide(attendance=attendance, by=lead, accept=True)


@transaction.atomic
def seed_demo_programmes(*, stdout=None) -> None:
    partnership = Partnership.objects.filter(consortium__slug=CONSORTIUM_SLUG, name=PARTNERSHIP_NAME).select_related(
        "consortium").first()
    if partnership is None:
        return
    consortium = partnership.consortium
    schools = {name: _org(consortium, name, phase=phase, code=code) for name, phase, code in SCHOOLS}
    trust = _org(consortium, "Exceed Academies Trust", kind="trust")
    provider = _org(consortium, "Ambition Institute", kind="professional_body")
    for school in schools.values():
        if not school.memberships.filter(partnership=partnership, left_on__isnull=True).exists():
            membership_add(partnership=partnership, organisation=school, joined_on=dt.date(2024, 9, 1))
    admin = User.objects.get(email=f"admin{DEMO}")
    from agreements.models import AgreementTemplate

    agreement = AgreementTemplate.objects.filter(consortium=consortium, partnership=partnership).first()
    year = rules.academic_year_of(timezone.localdate())
    start = dt.date(year, 9, 1)
    ect = _programme(consortium, partnership, kind="ect", name="Early Career Teachers programme",
                     name_cy="Rhaglen yr Athrawon Gyrfa Gynnar", provider=provider, agreement=agreement)
    npq = _programme(consortium, partnership, kind="npq", name="National Professional Qualifications",
                     name_cy="Cymwysterau Proffesiynol Cenedlaethol", provider=provider, agreement=agreement)
    services.npq_courses_ensure(consortium=consortium)
    for programme in (ect, npq):
        services.programme_role_grant(programme=programme, user=admin, role="programme_lead")
    ect_cohort = _cohort(ect, f"ECT cohort {rules.academic_year_label(year)}",
                         f"Carfan ECT {rules.academic_year_label(year)}", start)
    courses = {c.identifier: c for c in Course.objects.filter(consortium=consortium)}
    lt_cohort = _cohort(npq, f"NPQ Leading Teaching, autumn {year}", f"NPQ Arwain Addysgu, hydref {year}", start,
                        courses["npq-leading-teaching"])
    h_cohort = _cohort(npq, f"NPQ Headship, autumn {year}", f"NPQ Prifathrawiaeth, hydref {year}", start,
                       courses["npq-headship"])

    people = {}
    for email, name, _school in ECTS + MENTORS + NPQ_LT + NPQ_H + FELLOWS + [TUTOR]:
        people[email] = _person(consortium, email, name)
    for email, _name, employer in FELLOWS:
        if not people[email].employments.filter(consortium=consortium).exists():
            employment_change(consortium=consortium, user=people[email],
                              organisation=trust if employer == trust.name else schools[employer],
                              started_on=dt.date(year - 3, 9, 1))
    mentors = {school: _enrol(ect_cohort, people[email], "mentor", schools[school]) for email, _n, school in MENTORS}
    ects = [_enrol(ect_cohort, people[email], "ect", schools[school], mentor=mentors.get(school))
            for email, _n, school in ECTS]
    if mentors.get("Horton Park Primary") is None and not mentors["Lidget Green Primary"].school_periods.filter(
            school=schools["Horton Park Primary"]).exists():
        # Tom Hughes mentors at two schools at once, as mentors can.
        services.mentor_school_add(enrolment=mentors["Lidget Green Primary"], school=schools["Horton Park Primary"],
                                   started_on=start)
        services.mentor_assign(ect=ects[4], mentor=mentors["Lidget Green Primary"], started_on=start)
    lts = [_enrol(lt_cohort, people[email], "npq_participant", schools[school]) for email, _n, school in NPQ_LT]
    hs = [_enrol(h_cohort, people[email], "npq_participant", schools[school]) for email, _n, school in NPQ_H]
    tutor = people[TUTOR[0]]
    services.programme_role_grant(programme=ect, user=tutor, role="induction_tutor", organisation=schools[TUTOR[2]])
    partnership_role_grant(partnership=partnership, user=tutor, role="representative",
                           organisation=schools[TUTOR[2]])
    for email, _name, _employer in FELLOWS:
        for programme in (ect, npq):
            services.programme_role_grant(programme=programme, user=people[email], role="visiting_fellow")

    # A term of events, with attendance: most attended, some caught up, one NPQ participant below 90%.
    ect_events = [_event(ect_cohort, days, kind, title, audience) for days, kind, title, audience in ECT_EVENTS]
    lt_events = [_event(lt_cohort, days, kind, title, online=kind == "clinic") for days, kind, title in NPQ_EVENTS]
    h_events = [_event(h_cohort, days, kind, f"{title} (Headship)", online=kind == "clinic")
                for days, kind, title in NPQ_EVENTS]
    for index, event in enumerate(ect_events):
        if event.starts_at > timezone.now():
            continue
        for enrolment in ects + list(mentors.values()):
            if event.is_for(enrolment.role):
                # Ben Carter missed two clinics: below the ECT programme's 75%, as his tutor sees.
                missed = enrolment is ects[1] and index in (1, 4)
                _attend(event, enrolment, "absent" if missed else "attended", admin)
    for events, enrolments in ((lt_events, lts), (h_events, hs)):
        held = [e for e in events if e.starts_at <= timezone.now()]
        for index, event in enumerate(held):
            for number, enrolment in enumerate(enrolments):
                if number == 0 and enrolments is lts and index in (1, 3):
                    _attend(event, enrolment, "absent", admin)  # the demo NPQ login: 4 of 6, below 90%
                elif number == 1 and index == 2:
                    _catch_up(event, enrolment, admin, confirm=True)
                elif number == 2 and index == len(held) - 1:
                    _catch_up(event, enrolment, admin, confirm=False)
                else:
                    _attend(event, enrolment, "attended", admin)
    if not AssessmentWindow.objects.filter(consortium=consortium, cohort=lt_cohort).exists():
        deadline = lt_cohort.completion_deadline
        services.assessment_window_save(cohort=lt_cohort, title="Summer assessment window",
                                        opens_on=deadline - dt.timedelta(days=70),
                                        closes_on=deadline - dt.timedelta(days=56))

    # Visiting fellows: sessions, briefings, training, facilitation records.
    priya, rhodri = people[FELLOWS[0][0]], people[FELLOWS[1][0]]
    sessions = [(ect_events[6], priya, "facilitator"), (ect_events[6], rhodri, "co_facilitator"),
                (ect_events[8], priya, "facilitator"), (lt_events[5], rhodri, "facilitator"),
                (lt_events[6], priya, "facilitator"), (ect_events[10], rhodri, "facilitator")]
    for event, fellow, role in sessions:
        if FacilitationAssignment.objects.filter(consortium=consortium, event=event, fellow=fellow).exists():
            continue
        services.fellow_assign(event=event, fellow=fellow, role=role)
    for event in {event for event, _fellow, _role in sessions}:
        if FacilitatorBriefing.objects.filter(consortium=consortium, event=event).exists():
            continue
        day = rules.local_date(event.starts_at) - dt.timedelta(days=10)
        briefing = services.briefing_schedule(
            event=event, starts_at=dt.datetime.combine(day, dt.time(16), tzinfo=rules.LONDON), duration_minutes=60,
            online_link="https://teams.microsoft.com/l/meetup-join/briefing", by=admin)
        if briefing.starts_at <= timezone.now():
            for assignment in event.assignments.all():
                services.briefing_attendance_record(briefing=briefing, fellow=assignment.fellow, attended=True,
                                                    by=admin)
    for assignment in FacilitationAssignment.objects.filter(consortium=consortium, delivered_at__isnull=True,
                                                             event__ends_at__lte=timezone.now()):
        services.delivery_record(assignment=assignment, by=admin)
    training = TrainingDay.objects.filter(consortium=consortium, programme=ect, title="Initial facilitator training")
    if not training.exists():
        day = services.training_day_save(programme=ect, title="Initial facilitator training",
                                         on=start + dt.timedelta(days=9), half_days=2)
        services.training_attendance_record(training_day=day, fellow=priya, attended=True, by=admin)
        services.training_attendance_record(training_day=day, fellow=rhodri, attended=True, by=admin)
        services.training_day_save(programme=ect, title="Facilitator training: spring", on=_at(50).date(),
                                   half_days=2)

    # A mentor's report waiting in the hub's queue.
    mentor = people[MENTORS[0][0]]
    if not StaffingChange.objects.filter(consortium=consortium, reported_by=mentor).exists():
        services.staffing_change_report(programme=ect, reporter=mentor, kind="leave_of_absence",
                                        enrolment=ects[1], effective_on=_at(14).date(), returns_on=_at(70).date(),
                                        note="Planned surgery; expected back after half term.")
    if stdout is not None:
        count = Enrolment.objects.filter(consortium=consortium).count()
        stdout.write(f"  Programmes: {ect.name} and {npq.name}, {count} participants")
