"""Importing and exporting a consortium's people, with their current employer."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from accounts.models import User
from consortia.models import Membership

from .. import services
from ..models import Employment, Organisation
from ._cells import _choice_lookup, _text
from .base import ConsortiumResource

MAX_TEXT = 200  # the longest name or job title the models keep
MAX_EMAIL = 254


class PersonResource(ConsortiumResource):
    """The consortium's people: one row per membership, with the person's current employer.

    NOTE: a person's profile (name, job title, language) is theirs and shared by every
    consortium they work in: `services.person_add` fills it in where empty but never
    overwrites it, and someone with an account who is not a member here is invited instead,
    their row skipped. The job title is also kept on the employment, which is the consortium's.
    """

    email = Field(column_name="email")
    full_name = Field(column_name="full_name")
    job_title = Field(column_name="job_title")
    preferred_language = Field(column_name="preferred_language")
    organisation = Field(column_name="organisation")
    consortium = Field(column_name="consortium", readonly=True)

    required_columns = ("email",)

    class Meta:
        model = Membership
        name = gettext_lazy("People")
        fields = ("email", "full_name", "job_title", "preferred_language", "organisation", "consortium")

    def before_import(self, dataset, **kwargs):
        self.members = {}
        for membership in Membership.objects.for_consortium(self.consortium).select_related("user"):
            membership.consortium = self.consortium
            self.members[membership.user.email.casefold()] = membership
        self.employments = {
            employment.user_id: employment
            for employment in Employment.objects.for_consortium(self.consortium).filter(ended_on__isnull=True)
            .select_related("organisation")
        }
        self.organisations_by_code: dict[str, Organisation] = {}
        self.organisations_by_name: dict[str, list[Organisation]] = defaultdict(list)
        for organisation in Organisation.objects.for_consortium(self.consortium):
            if organisation.school_code:
                self.organisations_by_code[organisation.school_code.casefold()] = organisation
            self.organisations_by_name[organisation.name.casefold()].append(organisation)
        self.languages = _choice_lookup(User.Language.choices) | {"english": "en", "welsh": "cy", "cymraeg": "cy",
                                                                   "saesneg": "en"}
        self.seen_emails: dict[str, int] = {}
        # Addresses in the file that already have an account: unless they are a member here, the
        # person is invited, and the file's details for them wait until they accept.
        emails = {_text(email).casefold() for email in (dataset["email"] if "email" in (dataset.headers or ()) else ())}
        self.accounts = set(User.objects.annotate(address=Lower("email")).filter(address__in=emails)
                            .values_list("address", flat=True))
        self.invites: list[dict] = []

    def parse_row(self, row) -> None:
        self._parse_email(row)
        for column in ("full_name", "job_title"):
            if column in row:
                text = _text(row[column])
                if len(text) > MAX_TEXT:
                    self.add_error(column, _("Use at most %(count)s characters.") % {"count": MAX_TEXT})
                self.values[column] = text
        if "preferred_language" in row and (text := _text(row["preferred_language"])):
            if text.casefold() in self.languages:
                self.values["preferred_language"] = self.languages[text.casefold()]
            else:
                self.add_error("preferred_language", _("Unknown language “%(value)s”: use en or cy.") % {"value": text})
        if "organisation" in row and (text := _text(row["organisation"])):
            self._parse_organisation(text)

    def _parse_email(self, row) -> None:
        email = _text(row.get("email"))
        if not email:
            self.add_error("email", _("Enter an email address."))
            return
        try:
            validate_email(email)
            if len(email) > MAX_EMAIL:
                raise ValidationError("too long")
        except ValidationError:
            self.add_error("email", _("“%(value)s” is not a valid email address.") % {"value": email})
            return
        key = email.casefold()
        earlier = self.seen_emails.setdefault(key, self.line)
        if earlier != self.line:
            self.add_error("email", _("%(email)s is also on row %(row)s.") % {"email": email, "row": earlier})
        self.values["email"] = email
        self.existing = self.members.get(key)
        if key in self.accounts and (self.existing is None or not self.existing.is_active):
            # NOTE: nothing of theirs is read, not even for the preview, until they accept.
            self.existing = None
            self.values["invite"] = True
            self.add_warning(_("%(email)s already has an account, so they will be sent an invitation and join "
                               "when they accept it. Nothing else on this row is saved until then.") % {"email": email})

    def _parse_organisation(self, text: str) -> None:
        organisation = self.organisations_by_code.get(text.casefold())
        if organisation is None:
            named = self.organisations_by_name.get(text.casefold(), [])
            if len(named) > 1:
                self.add_error("organisation", _(
                    "More than one organisation is called “%(name)s”: give its school code instead.") % {"name": text})
                return
            organisation = named[0] if named else None
        if organisation is None:
            self.add_error("organisation", _(
                "No organisation in this consortium has the school code or name “%(value)s”.") % {"value": text})
        else:
            self.values["organisation"] = organisation

    def get_instance(self, instance_loader, row):
        membership = super().get_instance(instance_loader, row)
        if membership is not None:
            membership._employment = self.employments.get(membership.user_id)
        return membership

    def init_instance(self, row=None):
        membership = Membership(consortium=self.consortium)
        membership._employment = None
        return membership

    def apply(self, membership: Membership) -> None:
        if self.values.get("invite") and not self.checking and not self.errors:
            self.invites.append(dict(self.values))
        # everything else is written by the services, in save()

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return super().skip_row(instance, original, row, import_validation_errors) or bool(self.values.get("invite"))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self.checking:
            return
        for values in self.invites:
            services.person_add(consortium=self.consortium, email=values["email"],
                                full_name=values.get("full_name", ""), language=values.get("preferred_language"),
                                invited_by=self.user)

    def save(self, membership: Membership, is_create: bool) -> None:
        values = self.values
        user = services.person_add(
            consortium=self.consortium, email=values["email"], full_name=values.get("full_name", ""),
            language=values.get("preferred_language"), job_title=values.get("job_title", ""), invited_by=self.user,
        ).user
        employment = self.employments.get(user.pk)
        organisation = values.get("organisation")
        if organisation is None and employment is not None and values.get("job_title"):
            organisation = employment.organisation  # a new job title at the same employer
        if organisation is not None:
            employment = services.employment_change(consortium=self.consortium, user=user, organisation=organisation,
                                                    job_title=values.get("job_title", ""))
            employment.organisation = organisation
            self.employments[user.pk] = employment
        # The membership person_ensure made or found, so the admin's log names the right row.
        membership.pk = Membership.objects.for_consortium(self.consortium).filter(user=user).values_list(
            "pk", flat=True).get()
        membership._state.adding = False
        membership.user, membership.is_active, membership._employment = user, True, employment
        self.members[user.email.casefold()] = membership

    # Export, and the preview's columns.

    def filter_export(self, queryset, **kwargs):
        current = Employment.objects.filter(
            ended_on__isnull=True, consortium_id__in=queryset.values("consortium_id")).select_related("organisation")
        return queryset.filter(is_active=True).select_related("user", "consortium").prefetch_related(
            Prefetch("user__employments", queryset=current, to_attr="current_employments"))

    def _employment_of(self, membership: Membership) -> Employment | None:
        if hasattr(membership, "_employment"):
            return membership._employment
        if not membership.user_id:
            return None
        if hasattr(membership.user, "current_employments"):
            return next((employment for employment in membership.user.current_employments
                         if employment.consortium_id == membership.consortium_id), None)
        return Employment.objects.for_consortium(membership.consortium_id).filter(
            user_id=membership.user_id, ended_on__isnull=True).select_related("organisation").first()

    def dehydrate_email(self, membership: Membership) -> str:
        return membership.user.email if membership.user_id else ""

    def dehydrate_full_name(self, membership: Membership) -> str:
        return membership.user.full_name if membership.user_id else ""

    def dehydrate_job_title(self, membership: Membership) -> str:
        employment = self._employment_of(membership)
        if employment is not None and employment.job_title:
            return employment.job_title
        return membership.user.job_title if membership.user_id else ""

    def dehydrate_preferred_language(self, membership: Membership) -> str:
        return membership.user.preferred_language if membership.user_id else ""

    def dehydrate_organisation(self, membership: Membership) -> str:
        employment = self._employment_of(membership)
        if employment is None:
            return ""
        return employment.organisation.school_code or employment.organisation.name

    def dehydrate_consortium(self, membership: Membership) -> str:
        return membership.consortium.slug
