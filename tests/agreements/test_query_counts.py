"""The acceptance dashboard costs a fixed number of queries, however many parties the version binds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements import services
from agreements.models import AgreementResponse
from partnerships.models import Organisation, PartnershipMembership, PartnershipRole

from ..factories import UserFactory
from .helpers import draft_agreement

pytestmark = pytest.mark.django_db


def add_member_schools(partnership, count, start):
    """`count` more member schools, each with a representative (rows written in bulk: this is the setup)."""
    schools = Organisation.objects.bulk_create([
        Organisation(consortium_id=partnership.consortium_id, kind="school", name=f"School {start + n:03}")
        for n in range(count)])
    PartnershipMembership.objects.bulk_create([
        PartnershipMembership(consortium_id=partnership.consortium_id, partnership=partnership, organisation=s)
        for s in schools])
    heads = [UserFactory(email=f"head{start + n}@school.cymru", full_name=f"Head {start + n}") for n in range(count)]
    PartnershipRole.objects.bulk_create([
        PartnershipRole(consortium_id=partnership.consortium_id, partnership=partnership, user=head,
                        role="representative", organisation=school) for school, head in zip(schools, heads,
                                                                                           strict=True)])
    return list(zip(schools, heads, strict=True))


def agreement_with_parties(partnership, title, admin, schools):
    """Publish an agreement binding every member school; a third accept and one challenges."""
    # The emails are queued for after the commit, which a test's transaction never reaches: none is sent.
    version = services.version_publish(version=draft_agreement(partnership, title=title), by=admin)
    parties = {p.organisation_id: p for p in version.parties.all()}
    AgreementResponse.objects.bulk_create([
        AgreementResponse(consortium_id=version.consortium_id, party=parties[school.pk], version=version,
                          kind="accept", by=head, on_behalf_of=school, at=timezone.now(), text_accepted="…")
        for school, head in schools[::3]])
    school, head = schools[1]
    services.agreement_challenge(party=parties[school.pk], user=head, reason="A question")
    return version


def queries_for(client, url):
    client.get(url)  # the first request of a session does one-off work (second-factor check, session save)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_dashboard_query_count_is_flat_from_5_to_200_parties(client, consortium, partnership, consortium_admin):
    client.force_login(consortium_admin)
    schools = add_member_schools(partnership, 5, 0)
    small_version = agreement_with_parties(partnership, "Small", consortium_admin, schools)
    schools += add_member_schools(partnership, 195, 5)
    large_version = agreement_with_parties(partnership, "Large", consortium_admin, schools)

    small, small_page = queries_for(client, f"/{consortium.slug}/agreements/versions/{small_version.pk}/dashboard/")
    large, large_page = queries_for(client, f"/{consortium.slug}/agreements/versions/{large_version.pk}/dashboard/")

    assert small_version.parties.count() == 5 and large_version.parties.count() == 200
    assert large == small, f"5 parties: {small} queries; 200 parties: {large} queries"
    print(f"dashboard queries: 5 parties {small}, 200 parties {large}")
    assert small <= 23
    assert large_page.context["dashboard"].counts == {"total": 200, "accepted": 67, "pending": 132,
                                                      "challenged": 1, "withdrawn": 0}
    assert small_page.context["dashboard"].counts["total"] == 5
