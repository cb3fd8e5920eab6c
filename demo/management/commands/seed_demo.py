import datetime as dt
import importlib
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from consortia.models import Consortium
from consortia.services import consortium_role_grant
from demo import data
from partnerships.models import (
    Employment,
    Organisation,
    OrganisationYear,
    Partnership,
    PartnershipGroup,
    PartnershipItem,
    PartnershipMembership,
)
from partnerships.services import employment_change, membership_add, partnership_items_replace, partnership_role_grant

User = get_user_model()

# Each later app seeds its own demo data; listed here so the order is explicit.
DEMO_EXTENSIONS = ["agreements.demo.seed_demo_agreements", "governance.demo.seed_demo_governance",
                   "finance.demo.seed_demo_finance", "programmes.demo.seed_demo_programmes",
                   "programmes.demo_ite.seed_demo_ite_and_plans"]


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
        from consortia.tenancy import cross_consortium

        # Seeds several consortia at once: the one deliberate cross-consortium write path here.
        with cross_consortium("management command: seed_demo"):
            return self._seed(*args, **options)

    def _seed(self, *args, **options):
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
                                     {"name_cy": name_cy, "kind": kind, "purpose": purpose,
                                      "purpose_cy": data.PURPOSE_CY.get(name, "")})
                partnerships.append(partnership)
            self.seed_organisations(consortium, partnerships[0], users)
            for email, role, partnership_index in spec["roles"]:
                if partnership_index is None:
                    consortium_role_grant(consortium=consortium, user=users[email], role=role)
                else:
                    partnership_role_grant(
                        partnership=partnerships[partnership_index], user=users[email], role=role
                    )

        self.seed_extensions()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with any of these:"))
        self.stdout.write(f"  password for every demo login: {data.DEMO_PASSWORD}")
        for email, full_name, _language in data.PEOPLE:
            self.stdout.write(f"  {email:38} {full_name}")
        self.stdout.write(
            "  The consortium admin must use two-factor authentication: add the TOTP secret "
            f"{data.DEMO_ADMIN_TOTP_SECRET} to an authenticator app (issuer Partneriaeth)."
        )

    def seed_organisations(self, consortium, partnership, users):
        slug = consortium.slug
        organisations = {}
        for kind, name, name_cy, phase, code, authority, years in data.ORGANISATIONS.get(slug, []):
            fields = {"name_cy": name_cy, "phase": phase, "school_code": code}
            if authority:  # no authority in the data says nothing: another demo (ITE) may have set one
                fields["local_authority"] = organisations.get(authority)
            organisation = upsert(Organisation, {"consortium": consortium, "kind": kind, "name": name}, fields)
            organisations[name] = organisation
            for year, (pupils, budget) in years.items():
                upsert(OrganisationYear, {"consortium": consortium, "organisation": organisation,
                                          "academic_year": year},
                       {"pupils": pupils, "budget": Decimal(budget)})
        for name in data.MEMBERS.get(slug, []):
            if not PartnershipMembership.objects.filter(consortium=consortium, partnership=partnership,
                                                        organisation=organisations[name]).exists():
                membership_add(partnership=partnership, organisation=organisations[name],
                               joined_on=dt.date(2024, 9, 1))
        for email, name in data.REPRESENTS.get(slug, []):
            partnership_role_grant(partnership=partnership, user=users[email], role="representative",
                                   organisation=organisations[name])
        for email, name, job_title in data.EMPLOYERS.get(slug, []):
            if not Employment.objects.filter(consortium=consortium, user=users[email]).exists():
                employment_change(consortium=consortium, user=users[email], organisation=organisations[name],
                                  job_title=job_title, started_on=dt.date(2019, 9, 1))
        for list_kind, texts in data.LISTS.get(slug, {}).items():
            texts_cy = data.LISTS_CY.get(slug, {}).get(list_kind, [])
            current = list(PartnershipItem.objects.filter(consortium=consortium, partnership=partnership,
                                                          list_kind=list_kind).values_list("text", "text_cy"))
            if current != list(zip(texts, texts_cy or [""] * len(texts), strict=True)):
                partnership_items_replace(partnership=partnership, list_kind=list_kind, texts=texts,
                                          texts_cy=texts_cy)
        for name, kind, remit in data.GROUPS.get(slug, []):
            upsert(PartnershipGroup, {"consortium": consortium, "partnership": partnership, "name": name},
                   {"kind": kind, "remit": remit})
        if slug in data.TERMS_OF_REFERENCE:
            upsert(Partnership, {"pk": partnership.pk},
                   {"terms_of_reference": data.TERMS_OF_REFERENCE[slug],
                    "terms_of_reference_cy": data.TERMS_OF_REFERENCE_CY.get(slug, ""),
                    "circulate_notes_to_local_authority": slug == "taf-valley-schools"})

    def seed_extensions(self):
        """Demo data of the apps that build on partnerships (agreements, governance, ...)."""
        for extension in DEMO_EXTENSIONS:
            module_name, function_name = extension.rsplit(".", 1)
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            getattr(module, function_name)(stdout=self.stdout)
