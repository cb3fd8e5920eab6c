"""A secret ballot stays secret in the database: try every way of linking a vote to its voter.

The receipts say who voted and the votes say for whom. Sorting both by id, reading them in the
order they are stored in, or matching the transaction that wrote them must give the same answer
whatever order the ballots were cast in: then none of them can tell who voted for whom.
"""

import pytest
from django.db import connection, models

from governance import services
from governance.models import BallotReceipt, Vote
from partnerships.services import membership_add, partnership_role_grant

from ..factories import OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

VOTERS = 6
# Two ways of casting the same tally (three votes each): the first voters for nominee 0, or for nominee 1.
FIRST_HALF_FOR_0 = [0, 0, 0, 1, 1, 1]
FIRST_HALF_FOR_1 = [1, 1, 1, 0, 0, 0]


def election_cast(consortium, choices):
    """An election in a partnership of its own, the voters casting `choices` (nominee 0 or 1) in turn."""
    partnership = PartnershipFactory(consortium=consortium)
    voters = []
    for _ in range(VOTERS):
        school = OrganisationFactory(consortium=consortium)
        membership_add(partnership=partnership, organisation=school)
        voter = UserFactory()
        partnership_role_grant(partnership=partnership, user=voter, role="representative", organisation=school)
        voters.append(voter)
    chair = UserFactory()
    partnership_role_grant(partnership=partnership, user=chair, role="chair")
    election = services.election_open(partnership=partnership, by=chair)
    nominations = [services.nomination_add(election=election, nominee=voters[i], by=voters[i]) for i in (0, 1)]
    services.election_start_voting(election=election, by=chair)
    for voter, choice in zip(voters, choices, strict=True):
        services.vote_cast(election=election, voter=voter, nomination=nominations[choice])
    return election, [n.pk for n in nominations]


def nominee_of(nomination_ids, nomination_id):
    return nomination_ids.index(nomination_id)


def by_id(election, nominations):
    """Pair the receipts and the votes, each sorted by id: the attack the outside tester used."""
    receipts = BallotReceipt.objects.filter(election=election).order_by("id").values_list("voter_id", flat=True)
    votes = Vote.objects.filter(election=election).order_by("id").values_list("nomination_id", flat=True)
    return [nominee_of(nominations, vote) for _voter, vote in zip(receipts, votes, strict=True)]


def as_stored(election, nominations):
    """The votes in the order they lie on disk."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nomination_id FROM governance_vote WHERE election_id = %s ORDER BY ctid",
                       [election.pk])
        return [nominee_of(nominations, row[0]) for row in cursor.fetchall()]


def writing_transactions(election):
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM governance_vote WHERE election_id = %s", [election.pk])
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def two_elections(consortium):
    return election_cast(consortium, FIRST_HALF_FOR_0), election_cast(consortium, FIRST_HALF_FOR_1)


def test_sorting_receipts_and_votes_by_id_says_nothing(two_elections):
    (first, first_nominations), (second, second_nominations) = two_elections

    assert by_id(first, first_nominations) == by_id(second, second_nominations)


def test_the_order_votes_are_stored_in_says_nothing(two_elections):
    (first, first_nominations), (second, second_nominations) = two_elections

    assert as_stored(first, first_nominations) == as_stored(second, second_nominations)


def test_every_vote_was_written_by_the_same_transaction(two_elections):
    (first, _), (second, _) = two_elections

    assert len(writing_transactions(first)) == len(writing_transactions(second)) == 1


def test_a_new_ballot_leaves_no_vote_with_the_id_it_had(consortium):
    election, nominations = election_cast(consortium, FIRST_HALF_FOR_0[:-1] + [0])
    before = set(Vote.objects.filter(election=election).values_list("id", flat=True))
    voter = UserFactory()
    school = OrganisationFactory(consortium=consortium)
    membership_add(partnership=election.partnership, organisation=school)
    partnership_role_grant(partnership=election.partnership, user=voter, role="representative", organisation=school)

    services.vote_cast(election=election, voter=voter, nomination=election.nominations.get(pk=nominations[1]))

    after = set(Vote.objects.filter(election=election).values_list("id", flat=True))
    assert len(after) == VOTERS + 1 and not before & after


def test_nothing_on_a_vote_or_a_receipt_records_when_it_was_made():
    fields = [*Vote._meta.get_fields(), *BallotReceipt._meta.get_fields()]

    assert not [f.name for f in fields if isinstance(f, models.DateField | models.TimeField)]
    assert isinstance(Vote._meta.pk, models.UUIDField)


def test_the_tally_is_still_right(two_elections):
    (first, first_nominations), _ = two_elections

    closed = services.election_close(election=first, by=first.created_by)

    assert [r["votes"] for r in closed.results] == [3, 3]
