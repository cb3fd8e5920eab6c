"""Importing participants onto cohorts from CSV or XLSX, and exporting them (django-import-export).

NOTE: as partnerships.resources: every lookup and write is scoped to the consortium chosen on
the import form (and to the cohorts the importer runs), rows are matched to people by email,
written through the services, and an import with any invalid row saves nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from partnerships.models import Organisation
from partnerships.resources import ConsortiumResource
from partnerships.resources._cells import _choice_lookup, _text

from .models import Cohort, Enrolment, ParticipantRole, SchoolPeriod
from .selectors import access as access_selectors
from .selectors.enrolments import with_status
from .services.enrolments import ROLES_FOR, enrolment_create, person_for_programme


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("Enter a date such as 01/09/2025."))


class EnrolmentResource(ConsortiumResource):
    email = Field(column_name="email")
    full_name = Field(column_name="full_name")
    cohort = Field(column_name="cohort")
    role = Field(column_name="role")
    school = Field(column_name="school")
    started_on = Field(column_name="started_on")
    mentor_email = Field(column_name="mentor_email")
    status = Field(column_name="status", readonly=True)
    consortium = Field(column_name="consortium", readonly=True)

    required_columns = ("email", "cohort", "role", "school")

    class Meta:
        model = Enrolment
        name = gettext_lazy("Participants")
        fields = ("email", "full_name", "cohort", "role", "school", "started_on", "mentor_email", "status",
                  "consortium")

    def __init__(self, consortium=None, user=None, **kwargs):
        super().__init__(consortium=consortium, **kwargs)
        self.user = user

    def before_import(self, dataset, **kwargs):
        allowed = access_selectors.access(self.user, self.consortium) if self.user is not None else None
        cohorts = Cohort.objects.for_consortium(self.consortium).select_related("programme")
        self.cohorts = {c.name.casefold(): c for c in cohorts
                        if allowed is None or allowed.can(access_selectors.RUN, c.programme_id, c.pk)}
        self.schools_by_code: dict[str, Organisation] = {}
        self.schools_by_name: dict[str, list[Organisation]] = defaultdict(list)
        for organisation in Organisation.objects.for_consortium(self.consortium).filter(kind__in=["school", "trust"]):
            if organisation.school_code:
                self.schools_by_code[organisation.school_code.casefold()] = organisation
            self.schools_by_name[organisation.name.casefold()].append(organisation)
        self.enrolled = {(cohort_id, email.casefold(), role) for cohort_id, email, role in Enrolment.objects
                         .for_consortium(self.consortium).values_list("cohort_id", "user__email", "role")}
        self.ects_at_school = {email.casefold() for email in SchoolPeriod.objects.for_consortium(self.consortium)
                               .filter(role="ect", finished_on__isnull=True).values_list("user__email", flat=True)}
        self.mentors = defaultdict(dict)
        for enrolment in Enrolment.objects.for_consortium(self.consortium).filter(role="mentor").select_related(
                "user", "cohort"):
            self.mentors[enrolment.cohort.programme_id][enrolment.user.email.casefold()] = enrolment
        self.roles = _choice_lookup(ParticipantRole.choices)
        self.seen: dict[tuple, int] = {}

    def parse_row(self, row) -> None:
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        email = _text(row.get("email")).lower()
        try:
            validate_email(email)
        except ValidationError:
            self.add_error("email", _("Enter a valid email address."))
        self.values["email"] = email
        self.values["full_name"] = _text(row.get("full_name"))[:200]
        cohort = self.cohorts.get(_text(row.get("cohort")).casefold())
        if cohort is None:
            self.add_error("cohort", _("No cohort you run is called “%(name)s”.") % {"name": _text(row.get("cohort"))})
        self.values["cohort"] = cohort
        role = self.roles.get(_text(row.get("role")).casefold())
        if role is None:
            self.add_error("role", _("Use one of: ect, mentor, npq_participant."))
        elif cohort is not None and role not in ROLES_FOR[cohort.programme.kind]:
            self.add_error("role", _("This cohort's programme has no such role."))
        self.values["role"] = role
        self._parse_school(_text(row.get("school")), role)
        try:
            self.values["started_on"] = _date(row.get("started_on"))
        except ValueError as error:
            self.add_error("started_on", str(error))
        mentor_email = _text(row.get("mentor_email")).lower()
        self.values["mentor"] = None
        if mentor_email and cohort is not None:
            mentor = self.mentors[cohort.programme_id].get(mentor_email)
            if mentor is None or role != "ect":
                self.add_error("mentor_email", _("No mentor on this programme has that email address."))
            self.values["mentor"] = mentor
        if email and cohort is not None and role:
            key = (cohort.pk, email.casefold(), role)
            earlier = self.seen.setdefault(key, self.line)
            if earlier != self.line:
                self.add_error("email", _("%(email)s is also on row %(row)s.") % {"email": email, "row": earlier})
            elif key in self.enrolled:
                self.add_error("email", _("%(email)s is already on this cohort in that role.") % {"email": email})
            if role == "ect" and email.casefold() in self.ects_at_school:
                self.add_error("email", _("%(email)s is already an early career teacher at a school: move them "
                                          "instead.") % {"email": email})

    def _parse_school(self, text: str, role) -> None:
        school = self.schools_by_code.get(text.casefold())
        if school is None:
            named = self.schools_by_name.get(text.casefold(), [])
            if len(named) > 1:
                self.add_error("school", _("More than one school is called “%(name)s”: give its school code.") % {
                    "name": text})
            school = named[0] if len(named) == 1 else None
        if school is None and "school" not in self.errors:
            self.add_error("school", _("No school in this consortium has the code or name “%(value)s”.") % {
                "value": text})
        elif school is not None and school.kind == "trust" and role != "npq_participant":
            self.add_error("school", _("Choose a school, not a trust."))
        self.values["school"] = school

    def init_instance(self, row=None):
        return Enrolment(consortium=self.consortium)

    def apply(self, enrolment) -> None:
        pass  # everything is written by the services, in save()

    def remember(self, enrolment) -> None:
        values = self.values
        if values.get("cohort") and values.get("role"):
            self.enrolled.add((values["cohort"].pk, values["email"].casefold(), values["role"]))

    def save(self, enrolment, is_create: bool) -> None:
        values = self.values
        person = person_for_programme(consortium=self.consortium, email=values["email"], full_name=values["full_name"],
                                      invited_by=self.user)
        saved = enrolment_create(cohort=values["cohort"], user=person, role=values["role"], school=values["school"],
                                 started_on=values["started_on"], by=self.user, mentor=values["mentor"])
        enrolment.pk, enrolment._state.adding = saved.pk, False
        enrolment.user, enrolment.cohort, enrolment.role = person, values["cohort"], values["role"]

    # Export, and the preview's columns.

    def filter_export(self, queryset, **kwargs):
        return with_status(queryset.select_related("user", "cohort", "consortium"))

    def dehydrate_email(self, enrolment) -> str:
        return enrolment.user.email if enrolment.user_id else self.values.get("email", "")

    def dehydrate_full_name(self, enrolment) -> str:
        return enrolment.user.full_name if enrolment.user_id else self.values.get("full_name", "")

    def dehydrate_cohort(self, enrolment) -> str:
        return enrolment.cohort.name if enrolment.cohort_id else ""

    def dehydrate_role(self, enrolment) -> str:
        return enrolment.role or self.values.get("role") or ""

    def dehydrate_school(self, enrolment) -> str:
        return getattr(enrolment, "school_name", None) or (self.values.get("school").name
                                                           if self.values.get("school") else "")

    def dehydrate_started_on(self, enrolment):
        return enrolment.started_on or self.values.get("started_on") or ""

    def dehydrate_mentor_email(self, enrolment) -> str:
        mentor = self.values.get("mentor")
        return mentor.user.email if mentor else ""

    def dehydrate_status(self, enrolment) -> str:
        return getattr(enrolment, "status", "")

    def dehydrate_consortium(self, enrolment) -> str:
        return enrolment.consortium.slug
