"""Importing and exporting organisations, with their yearly pupil numbers and budget."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from .. import services
from ..models import Organisation, OrganisationYear
from ._cells import _academic_year, _choice_lookup, _Diff, _money, _text, _whole_number
from .base import ConsortiumResource


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
    column_headings = {
        "kind": ("type", "organisation type", "math", "math o sefydliad"),
        "name": ("organisation", "organisation name", "school", "school name", "english name", "name in english",
                 "name english", "enw", "enw saesneg"),
        "name_cy": ("welsh name", "name welsh", "name in welsh", "enw cymraeg", "enw yn gymraeg", "enw cy"),
        "phase": ("school phase", "cyfnod"),
        "school_code": ("school code", "school code or urn", "urn", "lea code", "cod ysgol"),
        "local_authority": ("la", "local authority", "council", "awdurdod lleol", "cyngor"),
        "email": ("email address", "e mail", "e bost", "cyfeiriad e bost"),
        "phone": ("telephone", "phone number", "ffon", "ffôn", "rhif ffon", "rhif ffôn"),
        "address": ("postal address", "cyfeiriad"),
        "website": ("web address", "web site", "url", "gwefan"),
        "academic_year": ("year", "blwyddyn", "blwyddyn academaidd"),
        "pupils": ("number of pupils", "pupil numbers", "nor", "number on roll", "nifer y disgyblion", "disgyblion"),
        "budget": ("annual budget", "school budget", "budget £", "annual budget £", "cyllideb", "cyllideb flynyddol"),
    }
    supports_bulk = True
    TEXT_COLUMNS = ("name", "name_cy", "school_code", "context", "email", "phone", "address", "website")

    class Meta:
        model = Organisation
        name = gettext_lazy("Organisations")
        fields = ("kind", "name", "name_cy", "phase", "school_code", "language_medium", "context", "local_authority",
                  "email", "phone", "address", "website", "academic_year", "pupils", "budget", "consortium")

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
                values[column] = _text(row[column], multiline=column == "address")
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

    # Written by bulk_write; the consortium is the resource's and is never changed by a row.
    BULK_FIELDS = ("kind", "name", "name_cy", "phase", "school_code", "local_authority", "language_medium", "context",
                   "email", "phone", "address", "website")

    def bulk_write(self, organisations: list[Organisation]) -> None:
        """Write the checked rows at once: what `save` does row by row, with bulk operations.

        Each row is validated as services.organisation_save validates it (the same full_clean,
        phase rule and consortium check); the uniqueness and the local authority were checked
        against this consortium's rows, in memory, by parse_row, and the database's constraints
        stand behind them. A local authority added earlier in the file is written first.
        """
        for organisation in organisations:
            if organisation.kind != Organisation.Kind.SCHOOL:
                organisation.phase = ""
            organisation.full_clean(exclude=["consortium", "local_authority"], validate_unique=False,
                                    validate_constraints=False)
            organisation.assert_same_consortium()

        def waiting(organisation: Organisation) -> bool:  # on a local authority not written yet
            authority = organisation._state.fields_cache.get("local_authority")
            return authority is not None and authority.pk is None

        updates = [organisation for organisation in organisations if organisation.pk is not None]
        Organisation.objects.bulk_update([o for o in updates if not waiting(o)], self.BULK_FIELDS, batch_size=1000)
        new = [organisation for organisation in organisations if organisation.pk is None]
        while new:
            ready = [organisation for organisation in new if not waiting(organisation)]
            if not ready:
                raise ValidationError(_("The file's local authorities refer to each other in a circle."))
            Organisation.objects.bulk_create(ready, batch_size=1000)
            new = [organisation for organisation in new if organisation.pk is None]
        Organisation.objects.bulk_update([o for o in updates if o.local_authority_id is None and o.local_authority],
                                         self.BULK_FIELDS, batch_size=1000)
        years = []
        for organisation in organisations:
            year, pupils, budget = organisation._figures
            if year != "":
                years.append(OrganisationYear(consortium_id=self.consortium.pk, organisation=organisation,
                                              academic_year=year, pupils=pupils, budget=budget))
        # An existing year's figures are replaced, as organisation_year_record replaces them.
        OrganisationYear.objects.bulk_create(years, batch_size=1000, update_conflicts=True,
                                             unique_fields=["consortium", "organisation", "academic_year"],
                                             update_fields=["pupils", "budget"])

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
