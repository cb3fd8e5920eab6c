"""Chair elections: nominations, one secret vote per eligible member, the result, and the term of office."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from consortia.models import OutboundEmail
from governance import services
from governance.models import BallotReceipt, OfficeTerm, Vote
from partnerships.models import PartnershipRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(partnership, chair, reps):
    election = services.election_open(partnership=partnership, by=chair)
    services.nomination_add(election=election, nominee=reps[0], by=reps[1])
    services.nomination_add(election=election, nominee=reps[1], by=reps[2])
    return services.election_start_voting(election=election, by=chair)


def nomination_of(election, user):
    return election.nominations.get(nominee=user)


def test_each_eligible_member_votes_once_and_the_result_is_recorded(election, chair, reps):
    for voter, choice in zip(reps, [reps[0], reps[0], reps[1], reps[0]], strict=True):
        services.vote_cast(election=election, voter=voter, nomination=nomination_of(election, choice))

    closed = services.election_close(election=election, by=chair, today=dt.date(2026, 9, 1))

    assert closed.winner == reps[0]
    assert [(r["name"], r["votes"]) for r in closed.results] == [(str(reps[0]), 3), (str(reps[1]), 1)]
    assert (closed.turnout, closed.eligible_count) == (4, 4)


def test_a_second_vote_is_refused(election, reps):
    services.vote_cast(election=election, voter=reps[0], nomination=nomination_of(election, reps[1]))

    with pytest.raises(ValidationError, match="already voted"):
        services.vote_cast(election=election, voter=reps[0], nomination=nomination_of(election, reps[0]))

    assert Vote.objects.filter(election=election).count() == 1


@pytest.mark.parametrize("who", ["observer", "clerk", "member"])
def test_an_ineligible_person_cannot_vote(request, election, who):
    person = request.getfixturevalue(who)

    with pytest.raises(ValidationError, match="Only the partnership's current representatives"):
        services.vote_cast(election=election, voter=person, nomination=election.nominations.first())

    assert not BallotReceipt.objects.filter(election=election).exists()


def test_an_ineligible_person_cannot_vote_through_the_page(client, election, observer):
    client.force_login(observer)

    response = client.post(f"/{election.partnership.consortium.slug}/meetings/elections/{election.pk}/",
                           {"step": "vote", "nomination": election.nominations.first().pk})

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_the_ballot_is_secret(client, election, reps):
    services.vote_cast(election=election, voter=reps[2], nomination=nomination_of(election, reps[1]))
    client.force_login(reps[3])

    page = client.get(f"/{election.partnership.consortium.slug}/meetings/elections/{election.pk}/").content.decode()

    assert {f.name for f in Vote._meta.get_fields()} == {"id", "consortium", "election", "nomination"}
    assert "1 of 4 eligible members have voted." in page
    assert reps[2].full_name not in page


def test_voting_through_the_page(client, election, reps):
    client.force_login(reps[3])
    url = f"/{election.partnership.consortium.slug}/meetings/elections/{election.pk}/"

    first = client.post(url, {"step": "vote", "nomination": nomination_of(election, reps[1]).pk})
    second = client.post(url, {"step": "vote", "nomination": nomination_of(election, reps[0]).pk})

    assert first.status_code == 302
    assert second.status_code == 400
    assert Vote.objects.filter(election=election).count() == 1


def test_the_winner_becomes_chair_for_the_term(election, partnership, chair, reps):
    services.vote_cast(election=election, voter=reps[0], nomination=nomination_of(election, reps[1]))

    services.election_close(election=election, by=chair, today=dt.date(2026, 9, 1))

    term = OfficeTerm.objects.get(partnership=partnership)
    assert (term.user, term.starts_on, term.ends_on) == (reps[1], dt.date(2026, 9, 1), dt.date(2028, 9, 1))
    current_chairs = PartnershipRole.objects.filter(partnership=partnership, role="chair", ended_at__isnull=True)
    assert [r.user for r in current_chairs] == [reps[1]]


def test_a_tie_elects_no_one(election, chair, reps):
    services.vote_cast(election=election, voter=reps[0], nomination=nomination_of(election, reps[0]))
    services.vote_cast(election=election, voter=reps[1], nomination=nomination_of(election, reps[1]))

    closed = services.election_close(election=election, by=chair)

    assert closed.winner is None


def test_only_people_with_a_role_can_be_nominated(partnership, chair, member):
    election = services.election_open(partnership=partnership, by=chair)

    with pytest.raises(ValidationError):
        services.nomination_add(election=election, nominee=member, by=chair)


def test_the_consortium_admin_is_warned_sixty_days_before_a_term_ends(partnership, chair, consortium_admin,
                                                                       django_capture_on_commit_callbacks):
    OfficeTerm.objects.create(consortium=partnership.consortium, partnership=partnership, user=chair,
                              starts_on=dt.date(2024, 9, 1), ends_on=dt.date(2026, 8, 31))

    with django_capture_on_commit_callbacks(execute=True):
        early = services.term_warnings_send(today=dt.date(2026, 7, 1))
        due = services.term_warnings_send(today=dt.date(2026, 7, 2))
        again = services.term_warnings_send(today=dt.date(2026, 7, 3))

    assert (early, due, again) == (0, 1, 0)
    assert OutboundEmail.objects.get(purpose="chair_term_ending").recipient == consortium_admin.email
    assert len(mail.outbox) == 1
