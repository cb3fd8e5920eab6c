"""A refused, missing or broken page explains itself in the person's language, in the site's frame."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_page_the_person_may_not_open_says_so_and_who_to_ask(client, consortium, partnership, representative,
                                                                consortium_admin):
    client.force_login(representative)

    response = client.get(reverse("partnership_edit", args=[consortium.slug, partnership.pk]))

    page = response.content.decode()
    assert response.status_code == 403
    assert "You do not have permission to see this page" in page and page.count("<h1") == 1
    assert f'href="{reverse("dashboard", args=[consortium.slug])}"' in page
    assert consortium_admin.email in page
    assert 'class="govuk-header' not in page and "app-header" in page  # the product's own frame


def test_the_refusal_is_welsh_for_a_welsh_reader(client, consortium, partnership, representative):
    representative.preferred_language = "cy"
    representative.save(update_fields=["preferred_language"])
    client.force_login(representative)

    page = client.get(reverse("partnership_edit", args=[consortium.slug, partnership.pk])).content.decode()

    assert "Nid oes gennych ganiatâd i weld y dudalen hon" in page
    assert "You do not have permission" not in page


def test_a_missing_page_is_a_proper_404(client, representative):
    client.force_login(representative)

    response = client.get("/no-such-consortium/partnerships/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_server_error_page_needs_no_request():
    with translation.override("cy"):
        page = render_to_string("500.html")

    assert "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth" in page
