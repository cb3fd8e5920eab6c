"""Control characters and bidirectional overrides never get into what people type, through any form or the API.

ESC, BEL, NUL, stray carriage returns and U+202E are removed in one place (consortia.text) that
every form field and every API text field uses; line breaks stay in multi-line text.
"""

import pytest
from django import forms
from django.urls import reverse
from rest_framework import serializers

from consortia.text import clean_text

pytestmark = pytest.mark.django_db

HOSTILE = "Budget\x1b[31m review\x07 \u202eevil\u202c\x00 day\r"
CLEAN = "Budget[31m review evil day"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069"])
def test_each_unsafe_character_is_removed(char):
    assert clean_text(f"a{char}b", multiline=True) == "ab"


def test_line_breaks_are_kept_in_multi_line_text_and_become_spaces_elsewhere():
    assert clean_text("one\r\ntwo\rthree\u2028four", multiline=True) == "one\ntwo\nthree\nfour"
    assert clean_text("one\r\ntwo\tthree", multiline=False) == "one two three"


def test_welsh_and_other_letters_are_left_alone():
    text = "Ysgol Gymraeg Bryn Taf – ŵ ŷ â ê î ô û, 👩‍🏫, ‏עברית‏"

    assert clean_text(text, multiline=False) == text


class SampleForm(forms.Form):
    title = forms.CharField(max_length=200)
    notes = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    nickname = forms.CharField(required=False, empty_value=None)


def test_every_form_text_field_is_cleaned_but_a_password_is_kept_as_typed():
    form = SampleForm({"title": HOSTILE, "notes": "Line one\r\nLine\x1b two", "password": "pa\x1bss\u202e",
                       "nickname": "\x07"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": CLEAN, "notes": "Line one\nLine two", "password": "pa\x1bss\u202e",
                                 "nickname": None}


def test_a_required_field_of_nothing_but_control_characters_is_empty():
    form = SampleForm({"title": "\x1b\x07\u202e", "password": "x"})

    assert form.errors["title"] == ["This field is required."]


class SampleSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    reason = serializers.CharField()
    email = serializers.EmailField(required=False)


def test_every_api_text_field_is_cleaned():
    serializer = SampleSerializer(data={"title": HOSTILE, "reason": "First\r\nsecond\x1b", "email": "a\x07@b.cymru"})

    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"title": CLEAN, "reason": "First\nsecond", "email": "a@b.cymru"}


def test_a_page_form_stores_clean_text(client, chair, partnership):
    from governance.models import Meeting

    client.force_login(chair)

    client.post(reverse("meeting_create", args=[partnership.consortium.slug, partnership.pk]), {
        "title": HOSTILE, "kind": "strategic", "date": "2030-01-15", "start_time": "10:00", "end_time": "11:00",
        "venue": "Parc\u202e"})

    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.venue) == (CLEAN, "Parc")


def test_the_admin_stores_clean_text(client, consortium_admin, partnership):
    from partnerships.models import PartnershipGroup

    client.force_login(consortium_admin)

    client.post(reverse("admin:partnerships_partnershipgroup_add"), {
        "consortium": partnership.consortium_id, "partnership": partnership.pk, "name": HOSTILE, "kind": "advisory",
        "remit": "Advise\x1b\r\non\x07 policy"})

    group = PartnershipGroup.objects.get()
    assert (group.name, group.remit) == (CLEAN, "Advise\non policy")


def test_the_api_stores_clean_text(client, consortium_admin, consortium):
    from rest_framework.test import APIClient

    from partnerships.models import Organisation

    api = APIClient()
    api.force_authenticate(consortium_admin)

    response = api.post(f"/api/v1/{consortium.slug}/organisations/", {"kind": "school", "name": HOSTILE},
                        format="json")

    assert response.status_code == 201
    assert Organisation.objects.get().name == CLEAN


def test_an_import_stores_clean_text(consortium):
    import tablib

    from partnerships.models import Organisation
    from partnerships.resources import OrganisationResource

    data = tablib.Dataset(headers=["kind", "name", "address"])
    data.append(["school", HOSTILE, "1 Heol y Bont\r\nPontypridd\x1b"])

    OrganisationResource(consortium=consortium).import_data(data)

    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.address) == (CLEAN, "1 Heol y Bont\nPontypridd")
