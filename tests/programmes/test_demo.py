"""The programmes demo: Exceed's cohorts, a term of events and attendance, fellows, and the logins."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from programmes.models import Attendance, Enrolment, FacilitationRecord
from programmes.selectors.engagement import engagement_for

pytestmark = pytest.mark.django_db


def snapshot():
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("programmes").get_models()}


def test_seeding_twice_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()

    call_command("seed_demo", stdout=io.StringIO())

    assert snapshot() == first
    # ECT and NPQ at the Exceed hub, and the Institute's ITE programme
    assert first["programmes.Programme"] == 3 and first["programmes.Cohort"] == 3


def test_the_demo_has_catch_ups_one_participant_below_90_percent_and_fellows_records():
    call_command("seed_demo", stdout=io.StringIO())
    npq = Enrolment.objects.filter(cohort__programme__kind="npq").select_related("cohort__programme")

    figures = engagement_for(list(npq))
    below = [e.user.email for e in npq if figures[e.pk].below]

    assert "npq@demo.partneriaeth.cymru" in below
    assert Attendance.objects.filter(state="caught_up").exists()
    assert Attendance.objects.filter(state="catch_up_claimed").exists()
    assert FacilitationRecord.objects.filter(kind="session").exists()
    assert FacilitationRecord.objects.filter(kind="training_day").count() == 2


@pytest.mark.parametrize("login,page,text", [
    ("ect@demo.partneriaeth.cymru", "/exceed-hub/programmes/me/", "My next events"),
    ("npq@demo.partneriaeth.cymru", "/exceed-hub/", "My engagement"),
    ("mentor@demo.partneriaeth.cymru", "/exceed-hub/programmes/me/", "Early career teachers I mentor"),
    ("inductiontutor@demo.partneriaeth.cymru", "/exceed-hub/programmes/me/", "Cyfranogwyr mewn perygl"),
    ("fellow@demo.partneriaeth.cymru", "/exceed-hub/", "My next sessions"),
])
def test_each_demo_login_signs_in_and_sees_their_programme(client, login, page, text):
    call_command("seed_demo", stdout=io.StringIO())

    signed_in = client.post("/accounts/login/", {"login": login, "password": "partneriaeth-demo"})

    assert signed_in.status_code == 302
    assert text in client.get(page).content.decode()
