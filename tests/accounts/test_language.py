"""English and Welsh: the switch is on every page and the choice sticks to the person."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_language_switch_is_on_the_sign_in_page(client):
    page = client.get("/accounts/login/").content.decode()

    assert 'action="/i18n/setlang/"' in page and 'value="cy"' in page


def test_switching_to_welsh_shows_welsh_pages(client, representative, consortium):
    client.force_login(representative)

    client.post("/i18n/setlang/", {"language": "cy", "next": f"/{consortium.slug}/"})
    page = client.get(f"/{consortium.slug}/").content.decode()

    assert '<html lang="cy"' in page
    assert "Partneriaethau" in page


def test_the_choice_is_saved_on_the_profile(client, representative):
    client.force_login(representative)

    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})

    representative.refresh_from_db()
    assert representative.preferred_language == "cy"


def test_signing_in_uses_the_saved_language(client, representative, consortium):
    from ..factories import PASSWORD

    type(representative).objects.filter(pk=representative.pk).update(preferred_language="cy")

    client.post("/accounts/login/", {"login": representative.email, "password": PASSWORD})
    page = client.get(f"/{consortium.slug}/").content.decode()

    assert '<html lang="cy"' in page


def test_the_sign_in_page_is_welsh_too(client):
    client.cookies["language"] = "cy"

    page = client.get("/accounts/login/").content.decode()

    assert "Mewngofnodi" in page or "mewngofnodi" in page


def test_an_unknown_language_or_foreign_next_url_is_ignored(client):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})

    assert response.status_code == 302 and response.url == "/"


def test_the_first_visit_asks_which_language(client, representative, consortium):
    client.force_login(representative)

    first = client.get(f"/{consortium.slug}/").content.decode()
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    later = client.get(f"/{consortium.slug}/").content.decode()

    assert "Pa iaith hoffech chi" in first
    assert "Pa iaith hoffech chi" not in later
