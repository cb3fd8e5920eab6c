"""Every programmes page opens for the person it is for, in English and in Welsh, and bad input is a
clear 400, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes import services

from ..factories import UserFactory
from .conftest import enrol, event_on, future, past

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(lead, ect_programme, ect_cohort, npq_cohort, schools, trust):
    from partnerships.services import employment_change

    mentor = enrol(ect_cohort, schools[0], role="mentor", started_on=past(60).date())
    ect = enrol(ect_cohort, schools[0], role="ect", started_on=past(60).date(), mentor=mentor)
    npq = enrol(npq_cohort, schools[0], started_on=past(60).date())
    held = event_on(ect_cohort, past(2), recording_url="https://rec.example/1")
    coming = event_on(ect_cohort, future(30))
    fellow = UserFactory()
    services.programme_role_grant(programme=ect_programme, user=fellow, role="visiting_fellow")
    employment_change(consortium=ect_programme.consortium, user=fellow, organisation=trust)
    assignment = services.fellow_assign(event=held, fellow=fellow)
    services.delivery_record(assignment=assignment, by=lead)
    briefing = services.briefing_schedule(event=held, starts_at=held.starts_at - dt.timedelta(days=8),
                                          duration_minutes=60, online_link="https://t.example/b", by=lead)
    training = services.training_day_save(programme=ect_programme, title="Initial", on=timezone.localdate())
    window = services.assessment_window_save(cohort=npq_cohort, title="Summer", opens_on=past(5).date(),
                                             closes_on=future(5).date())
    attempt = services.assessment_register(enrolment=npq, window=window, by=lead)
    change = services.staffing_change_report(programme=ect_programme, reporter=mentor.user, kind="leaving",
                                             enrolment=ect, effective_on=timezone.localdate())
    tutor = UserFactory()
    services.programme_role_grant(programme=ect_programme, user=tutor, role="induction_tutor",
                                  organisation=schools[0])
    return locals()


def hub_pages(w):
    slug = w["ect_programme"].consortium.slug
    p, c, e = w["ect_programme"].pk, w["ect_cohort"].pk, w["held"].pk
    return [reverse(name, args=[slug, *args]) for name, args in [
        ("programme_list", []), ("programme_create", []), ("programme_detail", [p]), ("programme_edit", [p]),
        ("programme_cohort_create", [p]), ("programme_role_grant", [p]), ("programme_agreement", [p]),
        ("programme_staffing", [p]), ("programme_fellows", [p]), ("programme_training_create", [p]),
        ("programme_facilitation_pay", [p]),
        ("programme_staffing_act", [w["change"].pk]), ("programme_training_day", [w["training"].pk]),
        ("programme_cohort", [c]), ("programme_cohort_edit", [c]), ("programme_enrol", [c]),
        ("programme_engagement", [c]), ("programme_event_create", [c]),
        ("programme_window_create", [w["npq_cohort"].pk]), ("programme_event", [e]), ("programme_event_edit", [e]),
        ("programme_event_cancel", [w["coming"].pk]), ("programme_register", [e]),
        ("programme_attendance_import", [e]), ("programme_briefing_schedule", [e]),
        ("programme_briefing", [w["briefing"].pk]), ("programme_assignment", [w["assignment"].pk]),
        ("programme_enrolment", [w["ect"].pk]), ("programme_status_change", [w["ect"].pk]),
        ("programme_mentor", [w["ect"].pk]), ("programme_school_add", [w["mentor"].pk]),
        ("programme_assessment_register", [w["npq"].pk]), ("programme_attempt", [w["attempt"].pk]),
    ]]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_hub_page_opens_in_both_languages(client, consortium_admin, world, language):
    consortium_admin.preferred_language = language
    consortium_admin.save()
    client.force_login(consortium_admin)

    answers = {url: client.get(url).status_code for url in hub_pages(world)}

    assert {url: code for url, code in answers.items() if code != 200} == {}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("who,page", [
    ("ect", "programme_me"), ("mentor", "programme_me"), ("tutor", "programme_me"), ("fellow", "programme_me"),
    ("ect", "enrolment"), ("mentor", "coaching"), ("mentor", "staffing_report"), ("ect", "catch_up"),
    ("fellow", "assignment"), ("tutor", "cohort"), ("ect", "dashboard"), ("fellow", "dashboard"),
])
def test_each_role_opens_its_own_pages(client, world, who, page, language):
    person = world[who] if isinstance(world[who], type(world["tutor"])) else world[who].user
    person.preferred_language = language
    person.save()
    slug = world["ect_programme"].consortium.slug
    url = {"programme_me": reverse("programme_me", args=[slug]),
           "enrolment": reverse("programme_enrolment", args=[slug, world["ect"].pk]),
           "coaching": reverse("programme_coaching", args=[slug, world["ect"].pk]),
           "staffing_report": reverse("programme_staffing_report", args=[slug, world["ect_programme"].pk]),
           "catch_up": reverse("programme_catch_up", args=[slug, world["held"].pk]),
           "assignment": reverse("programme_assignment", args=[slug, world["assignment"].pk]),
           "cohort": reverse("programme_cohort", args=[slug, world["ect_cohort"].pk]),
           "dashboard": reverse("dashboard", args=[slug])}[page]
    client.force_login(person)

    assert client.get(url).status_code == 200


def test_welsh_pages_are_in_welsh(client, world):
    ect = world["ect"].user
    ect.preferred_language = "cy"
    ect.save()
    client.force_login(ect)

    page = client.get(reverse("programme_me", args=[world["ect_programme"].consortium.slug])).content.decode()

    assert "Fy rhaglenni" in page and "Ble rydw i arni" in page


@pytest.mark.parametrize("form,data", [
    ("programme_event_create", {"kind": "clinic", "title": "", "date": "2026-13-40", "start_time": "25:00"}),
    ("programme_enrol", {"email": "not-an-email", "role": "ect"}),
    ("programme_window_create", {"title": "W", "opens_on": "2026-06-14", "closes_on": "2026-06-01"}),
])
def test_bad_input_is_a_clear_400_and_saves_nothing(client, consortium_admin, world, form, data):
    client.force_login(consortium_admin)
    target = world["npq_cohort"] if form == "programme_window_create" else world["ect_cohort"]

    response = client.post(reverse(form, args=[target.consortium.slug, target.pk]), data)

    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
