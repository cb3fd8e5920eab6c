from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from consortia.models import Consortium
from consortia.services import consortium_role_grant
from demo import data
from partnerships.models import Partnership
from partnerships.services import partnership_role_grant

User = get_user_model()


def upsert(model, lookup: dict, values: dict):
    """Create the row, or bring it up to date, writing (and recording history) only on a change."""
    obj, created = model._default_manager.get_or_create(**lookup, defaults=values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed and not created:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


class Command(BaseCommand):
    help = "Create or refresh the demo consortia and one login per role. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        users = {}
        for email, full_name, language in data.PEOPLE:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": full_name, "preferred_language": language}
            )
            if created:
                user.set_password(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            users[email] = user
        admin = users["admin@demo.partneriaeth.cymru"]
        if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(admin, data.DEMO_ADMIN_TOTP_SECRET)

        for spec in data.CONSORTIA:
            consortium = upsert(Consortium, {"slug": spec["slug"]},
                                {"name": spec["name"], "name_cy": spec["name_cy"], "kind": spec["kind"]})
            partnerships = []
            for name, name_cy, kind, purpose in spec["partnerships"]:
                partnership = upsert(Partnership, {"consortium": consortium, "name": name},
                                     {"name_cy": name_cy, "kind": kind, "purpose": purpose})
                partnerships.append(partnership)
            for email, role, partnership_index in spec["roles"]:
                if partnership_index is None:
                    consortium_role_grant(consortium=consortium, user=users[email], role=role)
                else:
                    partnership_role_grant(
                        partnership=partnerships[partnership_index], user=users[email], role=role
                    )

        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        self.stdout.write(f"  password for every demo login: {data.DEMO_PASSWORD}")
        for email, full_name, _language in data.PEOPLE:
            self.stdout.write(f"  {email:38} {full_name}")
        self.stdout.write(
            "  The consortium admin must use two-factor authentication: add the TOTP secret "
            f"{data.DEMO_ADMIN_TOTP_SECRET} to an authenticator app (issuer Partneriaeth)."
        )
