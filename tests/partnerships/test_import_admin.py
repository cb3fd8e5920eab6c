"""The admin pages the imports write into: organisations with their yearly figures, and member organisations."""

import datetime as dt

import pytest
from django.urls import reverse

from partnerships.models import Organisation, PartnershipMembership, PartnershipRole
from partnerships.services import membership_add, partnership_role_grant

from ..factories import OrganisationFactory, OrganisationYearFactory, UserFactory

pytestmark = pytest.mark.django_db


def organisation_form(consortium, years=(), **values):
    data = {"consortium": consortium.pk, "kind": "school", "name": "Ysgol y Cwm", "name_cy": "", "phase": "primary",
            "school_code": "6762001", "local_authority": "", "email": "", "phone": "", "address": "", "website": "",
            "years-TOTAL_FORMS": str(len(years)), "years-INITIAL_FORMS": "0", "years-MIN_NUM_FORMS": "0",
            "years-MAX_NUM_FORMS": "1000"}
    for index, (year, pupils, budget) in enumerate(years):
        data.update({f"years-{index}-academic_year": year, f"years-{index}-pupils": pupils,
                     f"years-{index}-budget": budget})
    data.update(values)
    return data


def test_a_consortium_admin_adds_an_organisation_with_its_figures(client, consortium, consortium_admin):
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:partnerships_organisation_add"),
                           organisation_form(consortium, years=[("2025", "312", "1250000")]))

    assert response.status_code == 302
    year = Organisation.objects.get(consortium=consortium).years.get()
    assert (year.academic_year, year.pupils, year.consortium_id) == (2025, 312, consortium.pk)


def test_the_same_year_twice_is_refused(client, consortium, consortium_admin):
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:partnerships_organisation_add"),
                           organisation_form(consortium, years=[("2025", "312", "1"), ("2025", "300", "2")]))

    assert response.status_code == 200
    assert not Organisation.objects.exists()


def test_an_organisation_is_saved_through_the_service(client, consortium, consortium_admin):
    organisation = OrganisationFactory(consortium=consortium, kind="school", phase="primary")
    OrganisationYearFactory(organisation=organisation)
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:partnerships_organisation_change", args=[organisation.pk]),
                           organisation_form(consortium, kind="hei", **{"years-TOTAL_FORMS": "0"}))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.kind, organisation.phase) == ("hei", "")  # only schools have a phase


def test_an_organisation_leaving_in_the_admin_ends_its_representatives_roles(client, consortium, partnership,
                                                                             consortium_admin):
    organisation = OrganisationFactory(consortium=consortium)
    membership = membership_add(partnership=partnership, organisation=organisation, joined_on=dt.date(2025, 9, 1))
    head = UserFactory()
    partnership_role_grant(partnership=partnership, user=head, role="representative", organisation=organisation)
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:partnerships_partnershipmembership_change", args=[membership.pk]), {
        "consortium": consortium.pk, "partnership": partnership.pk, "organisation": organisation.pk,
        "joined_on": "2025-09-01", "left_on": "2025-12-01",
    })

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == dt.date(2025, 12, 1)
    assert PartnershipRole.objects.get(user=head).ended_at is not None


def test_a_current_member_cannot_be_added_twice(client, consortium, partnership, consortium_admin):
    organisation = OrganisationFactory(consortium=consortium)
    membership_add(partnership=partnership, organisation=organisation)
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:partnerships_partnershipmembership_add"), {
        "consortium": consortium.pk, "partnership": partnership.pk, "organisation": organisation.pk,
        "joined_on": "2026-01-01", "left_on": "",
    })

    assert response.status_code == 200
    assert PartnershipMembership.objects.count() == 1
