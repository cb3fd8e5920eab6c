"""Quorum from the partnership's rule: member organisations represented by at least one person present."""

import datetime as dt

import pytest

from governance import rules, selectors, services
from governance.models import Attendance
from partnerships.services import membership_leave, partnership_update

from .conftest import planned_earlier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rule,value,members,required", [
    ("majority", None, 4, 3),
    ("majority", None, 5, 3),
    ("majority", None, 1, 1),
    ("fraction", 50, 4, 2),
    ("fraction", 60, 5, 3),
    ("fraction", 34, 3, 2),
    ("fraction", 100, 4, 4),
    ("count", 3, 10, 3),
])
def test_the_number_needed(rule, value, members, required):
    assert rules.quorum_required(rule=rule, value=value, member_count=members) == required


@pytest.fixture
def held(partnership, chair, reps):
    return planned_earlier(partnership, chair, days=-1)


def record(meeting, by, present):
    services.attendance_record(meeting=meeting, by=by, people={
        user.pk: ("present" if user in present else "apologies") for user, _v in selectors.invitees(meeting)})
    return selectors.meeting_quorum(meeting)


def test_half_of_four_is_not_a_majority(held, chair, reps):
    quorum = record(held, chair, reps[:2])

    assert (quorum.present, quorum.required, quorum.quorate) == (2, 3, False)


def test_three_of_four_is_a_majority(held, chair, reps):
    quorum = record(held, chair, reps[:3])

    assert quorum.quorate


def test_two_people_from_one_school_count_once(held, partnership, chair, reps, schools):
    from partnerships.services import partnership_role_grant

    from ..factories import UserFactory

    deputy = UserFactory()
    partnership_role_grant(partnership=partnership, user=deputy, role="representative", organisation=schools[0])

    quorum = record(held, chair, [reps[0], deputy, reps[1]])

    assert (quorum.present, quorum.quorate) == (2, False)


def test_officers_without_an_organisation_do_not_count(held, chair, clerk, reps):
    quorum = record(held, chair, [chair, clerk, reps[0], reps[1]])

    assert quorum.present == 2


def test_a_school_that_left_before_the_meeting_is_not_a_member(held, partnership, chair, reps, schools):
    membership = partnership.memberships.get(organisation=schools[3])
    membership_leave(membership=membership, left_on=dt.date(2025, 1, 1))

    quorum = record(held, chair, reps[:2])

    assert (quorum.member_count, quorum.required, quorum.quorate) == (3, 2, True)


def test_a_delegate_counts_for_their_school(held, chair, reps, schools):
    services.attendance_record(meeting=held, by=chair, people={reps[0].pk: "present", reps[1].pk: "present"},
                               guests=[{"name": "Deputy head", "organisation": schools[2]}])

    quorum = selectors.meeting_quorum(held)

    assert quorum.quorate
    assert Attendance.objects.get(name="Deputy head").is_delegate


def test_fixed_count_rule(held, partnership, chair, reps):
    partnership_update(partnership=partnership, quorum_rule="count", quorum_value=2)
    held.partnership.refresh_from_db()

    quorum = record(held, chair, reps[:2])

    assert quorum.quorate


def test_decisions_without_quorum_are_marked(held, chair, reps):
    record(held, chair, reps[:1])

    decision = services.decision_record(meeting=held, by=chair, text="Adopt the moderation calendar",
                                        vote_taken=True, votes_for=1, votes_against=0, votes_abstaining=0)

    assert decision.quorate is False


def test_decisions_with_quorum_are_not_marked(held, chair, reps):
    record(held, chair, reps[:3])

    decision = services.decision_record(meeting=held, by=chair, text="Adopt the moderation calendar")

    assert decision.quorate is True


def test_the_meeting_page_shows_the_quorum_and_the_mark(client, held, chair, reps):
    record(held, chair, reps[:1])
    services.decision_record(meeting=held, by=chair, text="Adopt the moderation calendar")
    client.force_login(reps[0])

    page = client.get(f"/{held.partnership.consortium.slug}/meetings/{held.pk}/").content.decode()

    assert "Not quorate" in page
    assert "1 of 4 member organisations represented; 3 needed." in page
    assert "Taken without a quorum" in page


def test_quorum_is_not_shown_before_attendance_is_recorded(client, meeting, reps):
    client.force_login(reps[0])

    page = client.get(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/").content.decode()

    assert "Not quorate" not in page and "Quorate" not in page
    assert "the quorum is shown once it is" in page


def test_the_chair_present_for_their_school_counts_for_it(held, partnership, chair, clerk, reps, schools):
    from partnerships.services import employment_change

    employment_change(consortium=partnership.consortium, user=chair, organisation=schools[0],
                      job_title="Headteacher", started_on=dt.date(2020, 9, 1))

    quorum = record(held, clerk, [chair, reps[1], reps[2]])

    assert (quorum.present, quorum.required, quorum.quorate) == (3, 3, True)
    assert Attendance.objects.get(meeting=held, user=chair).organisation == schools[0]


def test_a_chair_who_works_outside_the_partnership_counts_for_no_member(held, partnership, chair, clerk, reps):
    from partnerships.models import Organisation
    from partnerships.services import employment_change

    elsewhere = Organisation.objects.create(consortium=partnership.consortium, kind="school", name="Not a member")
    employment_change(consortium=partnership.consortium, user=chair, organisation=elsewhere,
                      started_on=dt.date(2020, 9, 1))

    quorum = record(held, clerk, [chair, reps[1]])

    assert quorum.present == 1


def test_a_decision_waits_for_the_attendance(held, chair):
    with pytest.raises(Exception, match="Record the attendance first"):
        services.decision_record(meeting=held, by=chair, text="Too early")


def test_correcting_the_attendance_corrects_the_decisions_quorum(held, chair, reps):
    record(held, chair, reps[:1])
    decision = services.decision_record(meeting=held, by=chair, text="Adopt the moderation calendar")

    record(held, chair, reps[:3])

    decision.refresh_from_db()
    assert decision.quorate is True


def test_the_meeting_page_lists_member_schools_not_represented(client, held, chair, reps, schools):
    record(held, chair, reps[:2])
    client.force_login(reps[0])

    page = client.get(f"/{held.partnership.consortium.slug}/meetings/{held.pk}/").content.decode()

    assert "Member organisations not represented" in page
    assert schools[2].name in page and schools[3].name in page


def test_correcting_the_attendance_keeps_one_row_per_guest(held, chair, reps, schools):
    guests = [{"name": "Deputy head", "organisation": schools[2]}]
    services.attendance_record(meeting=held, by=chair, people={reps[0].pk: "present"}, guests=guests)

    services.attendance_record(meeting=held, by=chair, people={reps[0].pk: "present"}, guests=guests)
    services.attendance_record(meeting=held, by=chair, people={reps[1].pk: "present"})  # as the API does

    assert Attendance.objects.filter(meeting=held, name="Deputy head").count() == 1
