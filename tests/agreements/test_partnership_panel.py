"""The partnership page shows its agreements and how far acceptance has got."""

import pytest
from django.urls import reverse

from agreements import services

pytestmark = pytest.mark.django_db


def test_the_partnership_page_shows_acceptance_so_far(client, consortium, partnership, published, school_party, head,
                                                      chair):
    services.agreement_accept(party=school_party, user=head)
    client.force_login(chair)

    page = client.get(reverse("partnership_detail", args=[consortium.slug, partnership.pk])).content.decode()

    assert "Partnership agreement" in page
    assert "version 1: 1 of 2 accepted" in page
    assert f"/agreements/versions/{published.pk}/dashboard/" in page


def test_a_representative_sees_the_agreement_but_not_the_dashboard_link(client, consortium, partnership, published,
                                                                        head):
    client.force_login(head)

    page = client.get(reverse("partnership_detail", args=[consortium.slug, partnership.pk])).content.decode()

    assert f"/agreements/versions/{published.pk}/" in page
    assert "/dashboard/" not in page
