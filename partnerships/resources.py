"""Importing and exporting organisations and people as CSV or XLSX (django-import-export).

NOTE: a resource works inside one consortium, the one chosen on the admin's import form:
every lookup and every write is scoped to it, rows are written through
`partnerships.services`, and an import with any invalid row saves nothing.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources
from import_export.fields import Field

from accounts.models import User
from consortia.models import Consortium, Membership

from . import services
from .models import Employment, Organisation, OrganisationYear

MAX_TEXT = 200  # the longest name or job title the models keep
MAX_EMAIL = 254
MAX_BUDGET = Decimal("9999999999.99")  # OrganisationYear.budget: 12 digits, 2 after the point
_ACADEMIC_YEAR = re.compile(r"(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?")


# --- Reading cells ---------------------------------------------------------------------------

def _text(value) -> str:
    """A cell as text. Spreadsheets give numbers (a school code, a year) as int or float."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _column(heading) -> str:
    """Headings are matched loosely, so "School code" is the school_code column."""
    return re.sub(r"[\s\-]+", "_", _text(heading).casefold())


def _choice_lookup(choices) -> dict[str, str]:
    """A choice's code and its English and Welsh labels, each mapped to the code."""
    lookup = {}
    for code, label in choices:
        lookup[code.casefold()] = code
        for language in ("en", "cy"):
            with translation.override(language):
                lookup[str(label).casefold()] = code
    return lookup


def _whole_number(value) -> int | None:
    text = _text(value).replace(",", "")
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise ValueError(_("Enter a whole number.")) from None
    if number < 0:
        raise ValueError(_("This cannot be negative."))
    return number


def _money(value) -> Decimal | None:
    text = re.sub(r"[£,\s]", "", _text(value))
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(_("Enter an amount in pounds, such as 1250000 or 1,250,000.00."))
    if amount < 0:
        raise ValueError(_("This cannot be negative."))
    # Spreadsheets store money as binary floats (1234.5000000001): round to the penny.
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount > MAX_BUDGET:
        raise ValueError(_("This is more than the largest budget that can be recorded."))
    return amount


def _academic_year(value) -> int | None:
    text = _text(value)
    if not text:
        return None
    match = _ACADEMIC_YEAR.fullmatch(text)
    if match is None:
        raise ValueError(_("Enter the year the academic year starts, such as 2025 or 2025/26."))
    start, end = int(match[1]), match[2]
    if end and int(end) != (start + 1) % 10 ** len(end):
        raise ValueError(_("An academic year runs into the next year, such as 2025/26."))
    if not 2000 <= start <= 2100:
        raise ValueError(_("Enter a year between 2000 and 2100."))
    return start


class _Diff(resources.Diff):
    """The preview shows values as the export writes them, computed columns included."""

    # import-export's Diff calls Diff._read_field_values by name, so both callers are replaced.
    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self._read_field_values(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self._read_field_values(resource, instance)

    @classmethod
    def _read_field_values(cls, resource, instance):
        return [resource.export_field(field, instance) for field in resource.get_import_fields()]


# --- The shared part ---------------------------------------------------------------------------

class ConsortiumResource(resources.ModelResource):
    """What both resources share: the consortium, errors by column, all or nothing.

    A subclass parses each row in `parse_row` (recording errors with `add_error`, keyed by
    column, and the existing row in `self.existing`), copies the values onto the instance in
    `apply` and writes through the services in `save`.
    """

    required_columns: tuple[str, ...] = ()

    class Meta:
        import_id_fields = ()  # rows are matched in parse_row, by school code, name or email
        use_transactions = True
        report_skipped = False  # skipped rows are blank lines

    def __init__(self, consortium: Consortium | None = None, **kwargs):
        super().__init__(**kwargs)
        self.consortium = consortium
        self.values: dict = {}
        self.errors: dict[str, list[str]] = {}
        self.existing = None
        self.line = 0
        self.blank = False
        self.checking = False

    @classmethod
    def get_diff_class(cls):
        return _Diff

    def get_import_fields(self):
        # The consortium column of an export is there to read; on import the form's choice wins.
        return [field for field in super().get_import_fields() if not field.readonly]

    def import_data(self, dataset, **kwargs):
        if self.consortium is None:
            raise ImproperlyConfigured("An import needs the consortium it is for.")
        # NOTE: all or nothing. With a transaction the dry run really runs the services (so a
        # row can use a local authority added a few rows up), and a confirmed import whose
        # rows turn out invalid (a replayed file, data changed since the dry run) is rolled
        # back whole instead of keeping its valid rows.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        if dataset.headers:
            dataset.headers = [_column(heading) for heading in dataset.headers]
        missing = [column for column in self.required_columns if column not in (dataset.headers or ())]
        if missing:
            return self._refused(dataset, _("The first row of the file must have the column headings: %(columns)s.")
                                 % {"columns": ", ".join(missing)})
        # Every row is checked in memory first, writing nothing, so that a large file with a
        # bad row is answered in a moment; only a file that passes runs through the services.
        self.checking = True
        try:
            checked = super().import_data(dataset, **{**kwargs, "dry_run": False, "use_transactions": False})
        finally:
            self.checking = False
        if checked.has_errors() or checked.has_validation_errors():
            return checked
        return super().import_data(dataset, **kwargs)

    def _refused(self, dataset, message: str):
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        result.append_base_error(self.get_error_result_class()(ValueError(message)))
        return result

    def add_error(self, column: str, message: str) -> None:
        self.errors.setdefault(column, []).append(message)

    def before_import_row(self, row, **kwargs):
        # Numbered as the spreadsheet numbers them, with the headings on row 1.
        self.line = kwargs["row_number"] + 1
        self.values, self.errors, self.existing = {}, {}, None
        self.blank = not any(_text(value) for value in row.values())
        if not self.blank:
            self.parse_row(row)

    def parse_row(self, row) -> None:
        raise NotImplementedError

    def get_instance(self, instance_loader, row):
        # A copy, so that a row which turns out invalid leaves the cached original untouched.
        return copy.copy(self.existing) if self.existing is not None else None

    def import_instance(self, instance, row, **kwargs):
        if self.blank:
            return
        self.apply(instance)
        if self.errors:
            raise ValidationError(self.errors)

    def apply(self, instance) -> None:
        raise NotImplementedError

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return self.blank

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The row's own checks ran in parse_row and apply; the service that saves a valid row
        # validates it again, as a whole.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        if self.checking:
            self.remember(instance)
        else:
            self.save(instance, is_create)

    def save(self, instance, is_create: bool) -> None:
        """Write the row through the services, then `remember` it."""
        raise NotImplementedError

    def remember(self, instance) -> None:
        """Let later rows find this one (a local authority they name, a duplicate)."""

    def after_import(self, dataset, result, **kwargs):
        # Ids come from the sequence, never from the file: there is no sequence to reset (and
        # resetting it under concurrent inserts would hand out ids twice).
        pass


# --- Organisations -----------------------------------------------------------------------------

class OrganisationResource(ConsortiumResource):
    kind = Field(attribute="kind", column_name="kind")
    name = Field(attribute="name", column_name="name")
    name_cy = Field(attribute="name_cy", column_name="name_cy")
    phase = Field(attribute="phase", column_name="phase")
    school_code = Field(attribute="school_code", column_name="school_code")
    language_medium = Field(attribute="language_medium", column_name="language_medium")
    context = Field(attribute="context", column_name="context")
    local_authority = Field(column_name="local_authority")
    email = Field(attribute="email", column_name="email")
    phone = Field(attribute="phone", column_name="phone")
    address = Field(attribute="address", column_name="address")
    website = Field(attribute="website", column_name="website")
    academic_year = Field(column_name="academic_year")
    pupils = Field(column_name="pupils")
    budget = Field(column_name="budget")
    consortium = Field(column_name="consortium", readonly=True)

    required_columns = ("kind", "name")
    TEXT_COLUMNS = ("name", "name_cy", "school_code", "context", "email", "phone", "address", "website")

    class Meta:
        model = Organisation
        name = gettext_lazy("Organisations")
        fields = ("kind", "name", "name_cy", "phase", "school_code", "language_medium", "context", "local_authority",
                  "email", "phone", "address",
                  "website", "academic_year", "pupils", "budget", "consortium")

    def before_import(self, dataset, **kwargs):
        organisations = Organisation.objects.for_consortium(self.consortium).select_related("local_authority")
        self.by_code: dict[str, Organisation] = {}
        self.by_name: dict[tuple[str, str], Organisation] = {}
        for organisation in organisations:
            self._remember(organisation)
        self.recorded_figures = {
            (organisation_id, year): (pupils, budget)
            for organisation_id, year, pupils, budget in OrganisationYear.objects.for_consortium(self.consortium)
            .values_list("organisation_id", "academic_year", "pupils", "budget")
        }
        self.figures = None
        self.seen_codes: dict[str, int] = {}
        self.seen_names: dict[tuple[str, str], int] = {}
        self.kinds = _choice_lookup(Organisation.Kind.choices)
        self.phases = _choice_lookup(Organisation.Phase.choices)
        self.media = _choice_lookup(Organisation.LanguageMedium.choices)

    def _remember(self, organisation: Organisation) -> None:
        if organisation.school_code:
            self.by_code[organisation.school_code.casefold()] = organisation
        self.by_name[(organisation.kind, organisation.name.casefold())] = organisation

    def _forget(self, organisation: Organisation) -> None:
        if organisation.school_code:
            self.by_code.pop(organisation.school_code.casefold(), None)
        self.by_name.pop((organisation.kind, organisation.name.casefold()), None)

    def parse_row(self, row) -> None:
        self.figures = None
        values = self.values
        for column in self.TEXT_COLUMNS:
            if column in row:
                values[column] = _text(row[column])
        self._parse_choice(row, "kind", self.kinds, required=True)
        self._parse_choice(row, "phase", self.phases, required=False)
        self._parse_choice(row, "language_medium", self.media, required=False)
        self._parse_local_authority(row)
        self._parse_figures(row)
        self._find_existing()

    def _parse_choice(self, row, column: str, lookup: dict[str, str], *, required: bool) -> None:
        if column not in row:
            return
        text = _text(row[column])
        if not text:
            if required:
                self.add_error(column, _("This column cannot be empty."))
            else:
                self.values[column] = ""
        elif text.casefold() in lookup:
            self.values[column] = lookup[text.casefold()]
        else:
            self.add_error(column, _("Unknown value “%(value)s”: use one of %(choices)s.") % {
                "value": text, "choices": ", ".join(sorted(set(lookup.values())))})

    def _parse_local_authority(self, row) -> None:
        if "local_authority" not in row:
            return
        text = _text(row["local_authority"])
        if not text:
            self.values["local_authority"] = None
            return
        authority = self.by_name.get((Organisation.Kind.LOCAL_AUTHORITY, text.casefold()))
        if authority is None:
            self.add_error("local_authority", _(
                "No local authority called “%(name)s” in this consortium. Add it first, in the admin or on an "
                "earlier row of this file.") % {"name": text})
        else:
            self.values["local_authority"] = authority

    def _parse_figures(self, row) -> None:
        figures = {}
        for column, parse in (("academic_year", _academic_year), ("pupils", _whole_number), ("budget", _money)):
            if column in row:
                try:
                    figures[column] = parse(row[column])
                except ValueError as error:
                    self.add_error(column, str(error))
        has_figures = figures.get("pupils") is not None or figures.get("budget") is not None
        if has_figures and figures.get("academic_year") is None and "academic_year" not in self.errors:
            self.add_error("academic_year", _("Give the academic year these figures are for, such as 2025/26."))
        # A year without figures changes nothing: a blank row of figures is not a reason to erase them.
        self.figures = figures if has_figures else None

    def _find_existing(self) -> None:
        """Match on the school code when there is one, otherwise on kind and name.

        A row with a new school code also matches an organisation of the same kind and name
        that has no code yet, so a second import can add the codes.
        """
        code, name, kind = self.values.get("school_code", ""), self.values.get("name", ""), self.values.get("kind")
        if code:
            earlier = self.seen_codes.setdefault(code.casefold(), self.line)
            if earlier != self.line:
                self.add_error("school_code", _("School code %(code)s is also on row %(row)s.") % {
                    "code": code, "row": earlier})
        named = None
        if kind and name:
            earlier = self.seen_names.setdefault((kind, name.casefold()), self.line)
            if earlier != self.line:
                self.add_error("name", _("“%(name)s” is also on row %(row)s.") % {"name": name, "row": earlier})
            named = self.by_name.get((kind, name.casefold()))
        existing = self.by_code.get(code.casefold()) if code else None
        if existing is None and named is not None and not (code and named.school_code):
            existing = named
        elif named is not None and named is not existing:
            self.add_error("name", _("Another organisation of this kind is already called “%(name)s”%(code)s.") % {
                "name": name, "code": f" ({named.school_code})" if named.school_code else ""})
        self.existing = existing

    def _figures_for(self, organisation: Organisation | None):
        """The row's year with the figures recorded for it, as the preview's "before"."""
        if self.figures is None or self.figures.get("academic_year") is None:
            return ("", "", "")
        year = self.figures["academic_year"]
        pupils, budget = (None, None)
        if organisation is not None and organisation.pk:
            pupils, budget = self.recorded_figures.get((organisation.pk, year), (None, None))
        return (year, pupils, budget)

    def get_instance(self, instance_loader, row):
        organisation = super().get_instance(instance_loader, row)
        if organisation is not None:
            organisation._figures = self._figures_for(organisation)
        return organisation

    def init_instance(self, row=None):
        organisation = Organisation(consortium=self.consortium)
        organisation._figures = ("", "", "")
        return organisation

    def apply(self, organisation: Organisation) -> None:
        for column, value in self.values.items():
            if column == "school_code" and not value:
                continue  # a blank cell never removes a recorded school code: it is how rows are matched
            setattr(organisation, column, value)
        if self.figures is not None and self.figures.get("academic_year") is not None:
            year, pupils, budget = self._figures_for(self.existing)
            organisation._figures = (
                year,
                self.figures.get("pupils", pupils),
                self.figures.get("budget", budget),
            )
        if self.errors or self.checking:
            # The model's own checks (a bad email address or website), for every column that
            # parsed, so one dry run lists every problem in the row.
            try:
                organisation.clean_fields(exclude=[*self.errors, "consortium", "local_authority"])
            except ValidationError as error:
                for column, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(column, message)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if super().skip_row(instance, original, row, import_validation_errors):
            return True
        # An unchanged organisation is not saved again, so re-importing a file adds no empty history.
        return (not import_validation_errors and original is not None and original.pk is not None
                and _Diff._read_field_values(self, original) == _Diff._read_field_values(self, instance))

    def save(self, organisation: Organisation, is_create: bool) -> None:
        services.organisation_save(consortium=self.consortium, organisation=organisation)
        year, pupils, budget = organisation._figures
        if year != "":
            services.organisation_year_record(organisation=organisation, academic_year=year, pupils=pupils,
                                              budget=budget)
            self.recorded_figures[(organisation.pk, year)] = (pupils, budget)
        self.remember(organisation)

    def remember(self, organisation: Organisation) -> None:
        if self.existing is not None:
            self._forget(self.existing)
        self._remember(organisation)

    # Export, and the preview's columns.

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("local_authority", "consortium").prefetch_related(
            Prefetch("years", queryset=OrganisationYear.objects.order_by("-academic_year"), to_attr="export_years"))

    def _figures_of(self, organisation: Organisation):
        figures = getattr(organisation, "_figures", None)
        if figures is None:  # exporting: the latest year's figures
            years = getattr(organisation, "export_years", None)
            if years is None:
                years = list(organisation.years.order_by("-academic_year")[:1])
            figures = (years[0].academic_year, years[0].pupils, years[0].budget) if years else ("", "", "")
        return tuple("" if value is None else value for value in figures)

    def dehydrate_local_authority(self, organisation: Organisation) -> str:
        return organisation.local_authority.name if organisation.local_authority_id else ""

    def dehydrate_academic_year(self, organisation: Organisation):
        return self._figures_of(organisation)[0]

    def dehydrate_pupils(self, organisation: Organisation):
        return self._figures_of(organisation)[1]

    def dehydrate_budget(self, organisation: Organisation):
        return self._figures_of(organisation)[2]

    def dehydrate_consortium(self, organisation: Organisation) -> str:
        return organisation.consortium.slug


# --- People ------------------------------------------------------------------------------------

class PersonResource(ConsortiumResource):
    """The consortium's people: one row per membership, with the person's current employer.

    NOTE: a person's profile (name, job title, language) is theirs and shared by every
    consortium they work in: `services.person_ensure` fills it in where empty but never
    overwrites it. The job title is also kept on the employment, which is the consortium's.
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
        pass  # everything is written by the services, in save()

    def save(self, membership: Membership, is_create: bool) -> None:
        values = self.values
        user = services.person_ensure(
            consortium=self.consortium, email=values["email"], full_name=values.get("full_name", ""),
            language=values.get("preferred_language"), job_title=values.get("job_title", ""),
        )
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
