"""An admin invites someone straight into a role in a partnership; no role is chosen for them by default."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from consortia.models import Invitation
from partnerships.models import Organisation, PartnershipInvitation, PartnershipRole
from partnerships.services import membership_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(partnership):
    organisation = Organisation.objects.create(consortium=partnership.consortium, kind="school",
                                               name="Ysgol y Cwm", name_cy="Ysgol y Cwm")
    membership_add(partnership=partnership, organisation=organisation)
    return organisation


def invite(client, consortium, capture, **data):
    form = {"email": "ceri.morgan@ysgolycwm.cymru", "full_name": "Ceri Morgan", "language": "en", **data}
    with capture(execute=True):
        return client.post(reverse("invite", args=[consortium.slug]), form)


def path_of_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/[^\s\"<]+/)", message.body).group(1)


def test_the_invite_form_chooses_no_role_for_you(client, consortium, consortium_admin):
    client.force_login(consortium_admin)

    page = client.get(reverse("invite", args=[consortium.slug])).content.decode()

    roles = re.findall(r'<input class="govuk-radios__input" id="id_role_\d+" name="role" type="radio" value="(\w+)"'
                       r'( checked)?>', page)
    assert [value for value, _ in roles] == ["consortium_admin", "consortium_member", "chair", "clerk",
                                             "representative", "observer"]
    assert [value for value, checked in roles if checked] == []


def test_an_invitation_without_a_role_is_refused(client, consortium, consortium_admin,
                                                 django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert "Choose the role they are invited to." in response.content.decode()
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_headteacher_is_invited_as_representative_of_a_member_school(
        client, consortium, partnership, school, consortium_admin, django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks, role="representative",
                      partnership=partnership.pk, organisation=school.pk)

    assert response.status_code == 302
    assert "as Member representative for Ysgol y Cwm in Primary School Improvement Partnership" in mail.outbox[0].body
    assert not PartnershipRole.objects.filter(partnership=partnership, role="representative").exists()
    client.logout()
    path = path_of_link(mail.outbox[0])
    page = client.get(path).content.decode()
    assert "invited as Member representative for Ysgol y Cwm in Primary School Improvement Partnership" in page

    client.post(path, {"full_name": "Ceri Morgan", "password1": "Cwm-Taf-2026-secret",
                       "password2": "Cwm-Taf-2026-secret"})

    role = PartnershipRole.objects.get(partnership=partnership, role="representative")
    assert (role.user.email, role.organisation) == ("ceri.morgan@ysgolycwm.cymru", school)
    detail = client.get(reverse("partnership_detail", args=[consortium.slug, partnership.pk]))
    assert detail.status_code == 200


def test_a_representative_needs_the_school_they_speak_for(client, consortium, partnership, school, consortium_admin,
                                                          django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks, role="representative",
                      partnership=partnership.pk)

    assert response.status_code == 400
    assert "Choose the member organisation this representative speaks for." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_partnership_role_needs_its_partnership(client, consortium, consortium_admin,
                                                  django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks, role="observer")

    assert response.status_code == 400
    assert "Choose the partnership they are invited to." in response.content.decode()


def test_a_school_that_is_not_a_member_is_refused(client, consortium, partnership, consortium_admin,
                                                  django_capture_on_commit_callbacks):
    outsider = Organisation.objects.create(consortium=consortium, kind="school", name="Ysgol Arall")
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks, role="representative",
                      partnership=partnership.pk, organisation=outsider.pk)

    assert response.status_code == 400
    assert not Invitation.objects.exists() and not PartnershipInvitation.objects.exists()


def test_another_consortiums_partnership_is_not_a_choice(client, consortium, other_partnership, consortium_admin,
                                                         django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)

    response = invite(client, consortium, django_capture_on_commit_callbacks, role="observer",
                      partnership=other_partnership.pk)

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_the_partnership_page_invites_into_that_partnership(client, consortium, partnership, school,
                                                            consortium_admin):
    client.force_login(consortium_admin)

    page = client.get(reverse("partnership_detail", args=[consortium.slug, partnership.pk])).content.decode()
    link = f'{reverse("invite", args=[consortium.slug])}?partnership={partnership.pk}'
    assert link in page
    form = client.get(link).content.decode()

    assert f'<option value="{partnership.pk}" selected>' in form
    assert f'<option value="{school.pk}">Ysgol y Cwm</option>' in form


def test_waiting_invitations_say_what_they_invite_to(client, consortium, partnership, school, consortium_admin,
                                                    django_capture_on_commit_callbacks):
    client.force_login(consortium_admin)
    invite(client, consortium, django_capture_on_commit_callbacks, role="representative",
           partnership=partnership.pk, organisation=school.pk)

    page = client.get(reverse("people", args=[consortium.slug])).content.decode()

    assert "Member representative for Ysgol y Cwm in Primary School Improvement Partnership" in page


def test_an_invitation_to_a_school_that_has_since_left_is_refused_at_sign_up(
        client, consortium, partnership, school, consortium_admin, django_capture_on_commit_callbacks):
    from accounts.models import User
    from partnerships.models import PartnershipMembership
    from partnerships.services import membership_leave

    client.force_login(consortium_admin)
    invite(client, consortium, django_capture_on_commit_callbacks, role="representative",
           partnership=partnership.pk, organisation=school.pk)
    membership_leave(membership=PartnershipMembership.objects.get(partnership=partnership, organisation=school))
    client.logout()

    response = client.post(path_of_link(mail.outbox[0]), {
        "full_name": "Ceri Morgan", "password1": "Cwm-Taf-2026-secret", "password2": "Cwm-Taf-2026-secret"})

    assert response.status_code == 400
    assert "Only a current member organisation can have a representative." in response.content.decode()
    assert not User.objects.filter(email="ceri.morgan@ysgolycwm.cymru").exists()
    assert Invitation.objects.get().status == Invitation.Status.PENDING
