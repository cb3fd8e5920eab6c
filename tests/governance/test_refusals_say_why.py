"""Repeating a finished step in governance gives its reason, though the page no longer shows the form."""

import pytest

from governance import services
from governance.models import Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(partnership, chair, reps):
    election = services.election_open(partnership=partnership, by=chair)
    services.nomination_add(election=election, nominee=reps[0], by=reps[1])
    return services.election_start_voting(election=election, by=chair)


def test_voting_twice_says_you_have_voted(client, election, reps):
    client.force_login(reps[3])
    url = f"/{election.partnership.consortium.slug}/meetings/elections/{election.pk}/"
    nomination = election.nominations.get()
    client.post(url, {"step": "vote", "nomination": nomination.pk}, follow=True)

    again = client.post(url, {"step": "vote", "nomination": nomination.pk})

    assert again.status_code == 400
    assert [str(m) for m in again.context["messages"]] == ["You have already voted in this election."]
    assert Vote.objects.count() == 1


def test_nominating_after_nominations_closed_says_so(client, election, reps):
    client.force_login(reps[2])

    response = client.post(f"/{election.partnership.consortium.slug}/meetings/elections/{election.pk}/",
                           {"step": "nominate", "nominee": reps[2].pk})

    assert response.status_code == 400
    assert [str(m) for m in response.context["messages"]] == ["Nominations are closed."]
