"""The page where the partnership office sets what "contrast" means: the office (RUN) only, bad
input a 400 with nothing saved, the saved rule used for placements from then, other consortium 404."""

import pytest
from django.urls import reverse

from programmes import services
from programmes.selectors import ite as ite_selectors

from ..conftest import with_mfa
from ..factories import UserFactory
from .ite import council, ite_programme, place, school, trainee

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(partnership):
    return ite_programme(partnership)  # size band, language medium, local authority


@pytest.fixture
def office(programme):
    user = UserFactory(full_name="Olwen Office")
    services.programme_role_grant(programme=programme, user=user, role="programme_lead")
    user.refresh_from_db()
    return with_mfa(user)


def rules_url(consortium, programme):
    return reverse("ite_rules", args=[consortium.slug, programme.pk])


def test_the_office_sees_the_current_rule_ticked(client, consortium, programme, office):
    client.force_login(office)
    page = client.get(rules_url(consortium, programme))
    assert page.status_code == 200
    assert "What contrast means" in page.content.decode()
    assert page.context["form"].initial["contrast_attributes"] == ["size_band", "language_medium", "local_authority"]


def test_saving_a_rule_changes_what_counts_as_contrast(client, consortium, programme, office):
    county = council(consortium, "Ceredigion")
    given = trainee(programme)
    place(given, school(consortium, "Rural High", la=county, context="rural"), 1)
    client.force_login(office)

    saved = client.post(rules_url(consortium, programme), {
        "contrast_attributes": ["context"], "contrast_minimum": 1, "first_term": "autumn", "second_term": "summer"})

    assert saved.status_code == 302
    rules = ite_selectors.rules_for(programme)
    assert (rules.contrast_attributes, rules.second_term) == (["context"], "summer")
    # Same size, medium and county but another context: contrasts now, with no reason needed.
    urban = school(consortium, "Urban High", la=county, context="urban")
    second = place(given, urban, 2)
    assert second.contrast_reason == ""


@pytest.mark.parametrize("data, field", [
    ({"contrast_minimum": 1, "first_term": "autumn", "second_term": "spring"}, "contrast_attributes"),
    ({"contrast_attributes": ["context"], "contrast_minimum": 2, "first_term": "autumn", "second_term": "spring"},
     "contrast_minimum"),
    ({"contrast_attributes": ["context"], "contrast_minimum": 1, "first_term": "spring", "second_term": "spring"},
     "second_term"),
    ({"contrast_attributes": ["nonsense"], "contrast_minimum": 1, "first_term": "autumn", "second_term": "spring"},
     "contrast_attributes"),
])
def test_bad_rules_are_refused_and_nothing_saved(client, consortium, programme, office, data, field):
    client.force_login(office)
    refused = client.post(rules_url(consortium, programme), data)
    assert refused.status_code == 400
    assert field in refused.context["form"].errors
    assert ite_selectors.rules_for(programme).contrast_attributes == ["size_band", "language_medium",
                                                                       "local_authority"]


def test_a_trainee_or_tutor_cannot_set_the_rules(client, consortium, programme):
    tutor = UserFactory()
    services.programme_role_grant(programme=programme, user=tutor, role="ite_tutor")
    client.force_login(tutor)
    assert client.get(rules_url(consortium, programme)).status_code == 403


def test_another_consortiums_programme_is_404(client, other_consortium, other_admin, programme):
    client.force_login(with_mfa(other_admin))
    assert client.get(reverse("ite_rules", args=[other_consortium.slug, programme.pk])).status_code == 404
