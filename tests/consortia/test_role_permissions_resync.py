"""A role that gains a permission in a release gives it to the people who already hold the role."""

import pytest
from django.core.management import call_command
from guardian.shortcuts import assign_perm, remove_perm

from consortia.permissions import has_consortium_perm
from consortia.services import membership_ensure
from tests.factories import ConsortiumFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_chair_granted_before_a_permission_existed_holds_it_after_migrate(partnership, chair):
    # As if the role had been granted by a release before "approve finance" was one of its permissions.
    remove_perm("partnerships.approve_finance", chair, partnership)
    assert not chair.has_perm("partnerships.approve_finance", partnership)

    # What migrate does once its last app is migrated (a real migrate cannot run inside the test's
    # transaction: row-level security alters tables then).
    from django.apps import apps
    from django.db.models.signals import post_migrate

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    post_migrate.send(sender=last, app_config=last, verbosity=0, interactive=False, using="default",
                      apps=apps, plan=[])

    chair = type(chair).objects.get(pk=chair.pk)
    assert chair.has_perm("partnerships.approve_finance", partnership)


def test_the_command_takes_away_what_no_role_gives(capsys):
    consortium = ConsortiumFactory()
    person = UserFactory()
    membership_ensure(consortium=consortium, user=person)
    assign_perm("consortia.administer_consortium", person, consortium)

    call_command("sync_role_permissions")

    person = type(person).objects.get(pk=person.pk)
    assert not has_consortium_perm(person, "consortia.administer_consortium", consortium)
    assert "role holders checked" in capsys.readouterr().out
