"""In the Django admin a consortium admin sees and edits only their own consortium's rows."""

import pytest
from django.contrib import admin
from django.urls import reverse

from consortia.models import Consortium, TenantModel
from consortia.services import invitation_create
from partnerships.services import (
    membership_add,
    partnership_group_save,
    partnership_items_replace,
    partnership_role_grant,
)

from ..agreements.helpers import one_of_each_row
from ..factories import EmploymentFactory, OrganisationFactory, UserFactory
from ..finance.helpers import finance_rows
from ..governance.test_isolation import governance_rows

pytestmark = pytest.mark.django_db


def tenant_admins():
    return [
        model for model in admin.site._registry
        if issubclass(model, TenantModel) or model is Consortium
    ]


@pytest.fixture
def rows_in_both(consortium, other_consortium, partnership, other_partnership, consortium_admin, other_admin,
                 django_capture_on_commit_callbacks):
    """At least one row of every tenant-owned admin model in each consortium."""
    for c, p, inviter in [(consortium, partnership, consortium_admin), (other_consortium, other_partnership,
                                                                          other_admin)]:
        partnership_role_grant(partnership=p, user=UserFactory(), role="observer")
        organisation = OrganisationFactory(consortium=c)
        EmploymentFactory(organisation=organisation)
        membership_add(partnership=p, organisation=organisation)
        partnership_group_save(partnership=p, name="Advisory group", kind="advisory")
        partnership_items_replace(partnership=p, list_kind="principle", texts=["Decisions are collegiate."])
        chair, representative = UserFactory(), UserFactory()
        partnership_role_grant(partnership=p, user=chair, role="chair")
        partnership_role_grant(partnership=p, user=representative, role="representative", organisation=organisation)
        governance_rows(p, chair, representative)
        one_of_each_row(p, inviter)
        finance_rows(p, chair, inviter)
        with django_capture_on_commit_callbacks(execute=True):
            invitation_create(consortium=c, invited_by=inviter, email=f"new@{c.slug}.cymru",
                              role="consortium_member")


def owner_id(obj):
    return obj.pk if isinstance(obj, Consortium) else obj.consortium_id


@pytest.mark.parametrize("model", tenant_admins(), ids=lambda m: m._meta.label)
def test_changelist_shows_only_my_consortium(client, consortium_admin, consortium, other_consortium, rows_in_both,
                                             model):
    client.force_login(consortium_admin)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    response = client.get(url)

    assert response.status_code == 200
    shown = list(response.context["cl"].queryset)
    assert shown, "the fixture should give every model a row in my consortium"
    assert {owner_id(obj) for obj in shown} == {consortium.pk}


@pytest.mark.parametrize("model", tenant_admins(), ids=lambda m: m._meta.label)
def test_another_consortiums_row_cannot_be_opened(client, consortium_admin, other_consortium, rows_in_both, model):
    client.force_login(consortium_admin)
    manager = model._default_manager
    theirs = manager.get(pk=other_consortium.pk) if model is Consortium else manager.filter(
        consortium=other_consortium).first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[theirs.pk])

    response = client.get(url)

    # Django's admin answers an object outside its queryset as a missing one: back to the index.
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_foreign_key_choices_are_limited_to_my_consortium(client, consortium_admin, partnership, other_partnership):
    client.force_login(consortium_admin)

    response = client.get(reverse("admin:partnerships_partnershiprole_add"))

    form = response.context["adminform"].form
    assert list(form.fields["partnership"].queryset) == [partnership]
    assert list(form.fields["consortium"].queryset) == [partnership.consortium]


def test_granting_a_role_on_another_consortiums_partnership_is_refused(client, consortium_admin, consortium,
                                                                       other_partnership, member):
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:partnerships_partnershiprole_add"), {
        "consortium": consortium.pk, "partnership": other_partnership.pk, "user": member.pk, "role": "chair",
    })

    assert response.status_code == 200  # the form is shown again with the error
    assert not other_partnership.roles.exists()


def test_granting_a_role_in_the_admin_grants_its_permissions(client, consortium_admin, consortium, partnership,
                                                             member):
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:partnerships_partnershiprole_add"), {
        "consortium": consortium.pk, "partnership": partnership.pk, "user": member.pk, "role": "chair",
    })

    assert response.status_code == 302
    assert member.has_perm("partnerships.change_partnership", partnership)


def test_people_outside_the_admin_role_cannot_open_the_admin(client, representative):
    client.force_login(representative)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/login" in response.url
