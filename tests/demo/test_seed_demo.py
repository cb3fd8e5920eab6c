"""`seed_demo` builds the demo consortia and is safe to run again."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from consortia.models import Consortium

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "consortia", "partnerships", "guardian", "account", "mfa"}
    }


def test_seed_demo_twice_leaves_the_same_data():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()

    call_command("seed_demo", stdout=io.StringIO())

    assert snapshot() == first
    assert first["consortia.Consortium"] == 5
    assert first["partnerships.Partnership"] == 5


def test_seed_demo_prints_a_login_per_role(capsys):
    call_command("seed_demo")

    printed = capsys.readouterr().out
    for login in ["admin@", "chair@", "clerk@", "head@", "observer@"]:
        assert login in printed
    assert "partneriaeth-demo" in printed


def test_demo_people_can_sign_in_and_see_their_consortium(client):
    call_command("seed_demo", stdout=io.StringIO())

    response = client.post("/accounts/login/", {"login": "head@demo.partneriaeth.cymru",
                                                "password": "partneriaeth-demo"})

    assert response.status_code == 302
    taf = Consortium.objects.get(slug="taf-valley-schools")
    assert client.get(f"/{taf.slug}/").status_code == 200
    assert client.get("/regional-consortia/").status_code == 404
