"""Registers on a phone, online attendance reports, and catching up by recording."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from programmes import services
from programmes.models import Attendance, AttendanceImport

from .conftest import enrol, event_on, future, past

pytestmark = pytest.mark.django_db

TEAMS = ("1. Summary\n"
         "Meeting title\tClinic 1\n"
         "Attended participants\t3\n"
         "\n"
         "2. Participants\n"
         "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
         "Ann One\t10/1/25, 3:58:12 PM\t10/1/25, 5:01:02 PM\t1h 2m 50s\tann@school.example\t"
         "ann@school.example\tAttendee\n"
         "Guest Person\t10/1/25, 4:00:00 PM\t10/1/25, 4:30:00 PM\t30m\t\t\tAttendee\n"
         "Zed Stranger\t10/1/25, 4:00:00 PM\t10/1/25, 4:30:00 PM\t30m\tzed@elsewhere.example\tzed@elsewhere.example\t"
         "Attendee\n"
         "\n"
         "3. In-Meeting Activities\n"
         "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
         "Ann One\t10/1/25, 3:58:12 PM\t10/1/25, 5:01:02 PM\t1h 2m 50s\tann@school.example\tAttendee\n")
ZOOM = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Ann One,ANN@school.example,10/01/2025 03:58:12 PM,10/01/2025 04:30:00 PM,32,No\n"
        "Ann One,ann@school.example,10/01/2025 04:35:00 PM,10/01/2025 05:00:00 PM,25,No\n"
        "Bob Two,bob@school.example,10/01/2025 04:00:00 PM,10/01/2025 05:00:00 PM,60,No\n")


@pytest.fixture
def held(npq_cohort, schools):
    ann = enrol(npq_cohort, schools[0], email="ann@school.example", started_on=past(30).date())
    bob = enrol(npq_cohort, schools[0], email="bob@school.example", started_on=past(30).date())
    event = event_on(npq_cohort, past(1), online_link="https://teams.example/m", venue="",
                     recording_url="https://rec.example/1")
    return event, ann, bob


def test_one_tap_marks_a_participant(held):
    event, ann, _bob = held

    services.attendance_mark(event=event, enrolment=ann, state="apologised", by=None)
    services.attendance_mark(event=event, enrolment=ann, state="attended", by=None)

    assert Attendance.objects.get(event=event, enrolment=ann).state == "attended"


def test_all_present_marks_only_those_not_yet_marked(held):
    event, ann, bob = held
    services.attendance_mark(event=event, enrolment=ann, state="apologised", by=None)

    marked = services.attendance_all_present(event=event, by=None)

    assert marked == 1
    assert dict(Attendance.objects.filter(event=event).values_list("enrolment", "state")) == {
        ann.pk: "apologised", bob.pk: "attended"}


def test_the_register_opens_when_the_event_starts(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0])
    event = event_on(npq_cohort, future(2))

    with pytest.raises(ValidationError, match="opens when the event starts"):
        services.attendance_mark(event=event, enrolment=enrolment, state="attended", by=None)


def test_someone_not_expected_cannot_be_marked(held, npq_programme, schools):
    from .conftest import npq_cohort_for

    event, _ann, _bob = held
    other = enrol(npq_cohort_for(npq_programme, "npq-headship"), schools[0])

    with pytest.raises(ValidationError, match="not expected"):
        services.attendance_mark(event=event, enrolment=other, state="attended", by=None)


def test_a_register_tap_with_htmx_returns_just_the_row(client, consortium_admin, held):
    event, ann, _bob = held
    client.force_login(consortium_admin)

    response = client.post(f"/{event.consortium.slug}/programmes/events/{event.pk}/register/",
                           {"enrolment": ann.pk, "state": "absent"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<tr class="govuk-table__row" id="person-')
    assert "HX-Request" in response["Vary"]
    assert Attendance.objects.get(event=event, enrolment=ann).state == "absent"


def test_a_teams_report_is_matched_by_email_and_checked_before_saving(held):
    event, ann, _bob = held
    upload = SimpleUploadedFile("report.csv", TEAMS.encode("utf-16"))

    report = services.attendance_report_check(event=event, file=upload, by=None)

    assert report.source == "teams"
    assert [(row["email"], row["minutes"]) for row in report.matched] == [("ann@school.example", 62)]
    assert {row["why"] for row in report.unmatched} == {"no email address in the report", "not expected at this event"}
    assert not Attendance.objects.filter(event=event).exists()


def test_applying_a_report_marks_everyone_matched_online_once(held):
    event, ann, bob = held
    report = services.attendance_report_check(event=event, file=SimpleUploadedFile("z.csv", ZOOM.encode()), by=None)

    first = services.attendance_report_apply(report=report, by=None)
    again = services.attendance_report_apply(report=report, by=None)

    assert (first, again) == (2, 0)
    assert set(Attendance.objects.filter(event=event).values_list("enrolment", "state", "mode")) == {
        (ann.pk, "attended", "online"), (bob.pk, "attended", "online")}
    assert [row["minutes"] for row in report.matched if row["email"] == "ann@school.example"] == [57]


def test_a_report_with_nobody_expected_is_refused(held):
    event, _ann, _bob = held
    strangers = "Name,Email\nX,x@nowhere.example\n"

    with pytest.raises(ValidationError, match="Nobody in the report"):
        services.attendance_report_check(event=event, file=SimpleUploadedFile("r.csv", strangers.encode()), by=None)

    assert not AttendanceImport.objects.exists()


def test_a_file_without_an_email_column_is_a_clear_error_on_the_page(client, consortium_admin, held):
    event, _ann, _bob = held
    client.force_login(consortium_admin)

    response = client.post(f"/{event.consortium.slug}/programmes/events/{event.pk}/import/",
                           {"file": SimpleUploadedFile("r.csv", b"a,b\n1,2\n")})

    assert response.status_code == 400
    assert "No email column was found" in response.content.decode()


def test_a_catch_up_claimed_but_not_confirmed_does_not_count(held):
    event, ann, _bob = held
    services.attendance_mark(event=event, enrolment=ann, state="absent", by=None)

    claim = services.catch_up_claim(event=event, user=ann.user, note="Watched the recording, did the tasks")

    assert claim.state == "catch_up_claimed" and not claim.counts


def test_a_catch_up_counts_once_the_hub_confirms_it(held):
    event, ann, _bob = held
    services.attendance_mark(event=event, enrolment=ann, state="apologised", by=None)
    claim = services.catch_up_claim(event=event, user=ann.user, note="Watched it")

    confirmed = services.catch_up_decide(attendance=claim, by=None, accept=True)

    assert (confirmed.state, confirmed.mode, confirmed.counts) == ("caught_up", "recording", True)


def test_a_rejected_catch_up_does_not_count_and_may_be_claimed_again(held):
    event, ann, _bob = held
    services.attendance_mark(event=event, enrolment=ann, state="absent", by=None)
    claim = services.catch_up_claim(event=event, user=ann.user, note="Watched it")
    rejected = services.catch_up_decide(attendance=claim, by=None, accept=False)

    again = services.catch_up_claim(event=event, user=ann.user, note="Watched it again, did the workbook")

    assert not rejected.counts
    assert again.state == "catch_up_claimed"


def test_there_is_nothing_to_catch_up_after_attending(held):
    event, ann, _bob = held
    services.attendance_mark(event=event, enrolment=ann, state="attended", by=None)

    with pytest.raises(ValidationError, match="nothing to catch up"):
        services.catch_up_claim(event=event, user=ann.user, note="Watched it")


def test_catching_up_needs_a_recording(npq_cohort, schools):
    enrolment = enrol(npq_cohort, schools[0], started_on=past(30).date())
    event = event_on(npq_cohort, past(2))

    with pytest.raises(ValidationError, match="no recording"):
        services.catch_up_claim(event=event, user=enrolment.user, note="Watched it")


def test_the_register_does_not_overwrite_a_catch_up(held):
    event, ann, _bob = held
    services.attendance_mark(event=event, enrolment=ann, state="absent", by=None)
    services.catch_up_claim(event=event, user=ann.user, note="Watched it")

    with pytest.raises(ValidationError, match="decide that instead"):
        services.attendance_mark(event=event, enrolment=ann, state="attended", by=None)


def test_the_report_parser_reads_durations_in_every_shape():
    from programmes.services.attendance import _minutes

    assert [_minutes(v) for v in ("1h 2m 3s", "45", "62.5", "1:02:03", "", "n/a")] == [62, 45, 62, 62, None, None]
    assert io  # the reports are read from memory, never written to disk
