"""Importing ITE trainees and schools' placement offers from CSV or XLSX (django-import-export).

NOTE: as programmes.resources: every lookup is scoped to the consortium chosen on the import
form and to the ITE programmes the importer runs there; a programme or school is found by its
name (or school code) inside that consortium, never by an id from the file; rows are written
through services.ite, and an import with any invalid row saves nothing.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from partnerships.models import Organisation
from partnerships.resources import ConsortiumResource
from partnerships.resources._cells import _academic_year, _choice_lookup, _text, _whole_number

from . import rules
from .models import PlacementOffer, Programme, Route, Subject, Term, Trainee
from .resources import _date
from .selectors import access as access_selectors
from .services.enrolments import person_for_programme
from .services.ite import placement_offer_save, trainee_create

PROGRAMME_HEADINGS = ("programme", "rhaglen", "partnership", "partneriaeth")
SUBJECT_HEADINGS = ("subject", "pwnc")


class _IteResource(ConsortiumResource):
    """What both ITE imports share: the programmes the importer runs, and the choices in English or Welsh."""

    def before_import(self, dataset, **kwargs):
        allowed = access_selectors.access(self.user, self.consortium) if self.user is not None else None
        self.programmes: dict[str, Programme] = {}
        for programme in Programme.objects.for_consortium(self.consortium).filter(kind=Programme.Kind.ITE):
            if allowed is None or allowed.can(access_selectors.RUN, programme.pk):
                for name in (programme.name, programme.name_cy):
                    if name:
                        self.programmes[name.casefold()] = programme
        self.subjects = _choice_lookup(Subject.choices)
        self.seen: dict[tuple, int] = {}

    def _programme(self, row) -> Programme | None:
        text = _text(row.get("programme"))
        programme = self.programmes.get(text.casefold())
        if programme is None:
            self.add_error("programme", _("No initial teacher education programme you run is called “%(name)s”.")
                           % {"name": text})
        return programme

    def _choice(self, row, column, lookup, message) -> str:
        code = lookup.get(_text(row.get(column)).casefold())
        if code is None:
            self.add_error(column, message)
        return code or ""

    def _duplicate(self, key, message) -> None:
        earlier = self.seen.setdefault(key, self.line)
        if earlier != self.line:
            self.add_error(message[0], message[1] % {"row": earlier})

    def _write(self, call) -> object:
        try:
            return call()
        except ValidationError as error:
            raise ValidationError(_("Row %(row)s: %(errors)s") % {
                "row": self.line, "errors": "; ".join(error.messages)}) from error


class TraineeResource(_IteResource):
    email = Field(column_name="email")
    full_name = Field(column_name="full_name")
    programme = Field(column_name="programme")
    route = Field(attribute="route", column_name="route")
    subject = Field(attribute="subject", column_name="subject")
    starts_on = Field(attribute="starts_on", column_name="starts_on")
    ends_on = Field(attribute="ends_on", column_name="ends_on")

    required_columns = ("email", "programme", "route", "subject", "starts_on", "ends_on")
    column_headings = {
        "email": ("email address", "e mail", "e bost", "cyfeiriad e bost"),
        "full_name": ("name", "full name", "trainee", "enw", "enw llawn", "hyfforddai"),
        "programme": PROGRAMME_HEADINGS,
        "route": ("route", "llwybr"),
        "subject": SUBJECT_HEADINGS,
        "starts_on": ("start", "start date", "itt start", "dechrau", "dyddiad dechrau"),
        "ends_on": ("end", "end date", "itt end", "diwedd", "dyddiad gorffen"),
    }

    class Meta:
        model = Trainee
        name = gettext_lazy("Trainees")
        fields = ("email", "full_name", "programme", "route", "subject", "starts_on", "ends_on")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.routes = _choice_lookup(Route.choices)
        self.registered = {(programme_id, email.casefold(), year) for programme_id, email, year in Trainee.objects
                           .for_consortium(self.consortium).values_list("programme_id", "user__email", "academic_year")}

    def parse_row(self, row) -> None:
        from django.core.validators import validate_email

        email = _text(row.get("email")).lower()
        try:
            validate_email(email)
        except ValidationError:
            self.add_error("email", _("Enter a valid email address."))
        self.values["email"] = email
        self.values["full_name"] = _text(row.get("full_name"))[:200]
        programme = self.values["programme"] = self._programme(row)
        self.values["route"] = self._choice(row, "route", self.routes, _(
            "Use one of: PGCE, School Direct (tuition fee), School Direct (salaried), Assessment Only."))
        self.values["subject"] = self._choice(row, "subject", self.subjects, _("No subject is called “%(name)s”.")
                                              % {"name": _text(row.get("subject"))})
        for column in ("starts_on", "ends_on"):
            try:
                self.values[column] = _date(row.get(column))
            except ValueError as error:
                self.add_error(column, str(error))
                self.values[column] = None
            if self.values[column] is None and column not in self.errors:
                self.add_error(column, _("Enter a date such as 01/09/2025."))
        starts_on, ends_on = self.values["starts_on"], self.values["ends_on"]
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", _("The end date must be after the start date."))
        if programme is not None and email and starts_on:
            key = (programme.pk, email, rules.academic_year_of(starts_on))
            self._duplicate(key, ("email", _("This trainee is also on row %(row)s.")))
            if key in self.registered:
                self.add_error("email", _("%(email)s is already a trainee of this programme in that academic year.")
                               % {"email": email})

    def init_instance(self, row=None):
        return Trainee(consortium=self.consortium)

    def apply(self, trainee) -> None:
        for name in ("route", "subject", "starts_on", "ends_on"):
            setattr(trainee, name, self.values.get(name))

    def save(self, trainee, is_create: bool) -> None:
        values = self.values

        def write():
            person = person_for_programme(consortium=self.consortium, email=values["email"],
                                          full_name=values["full_name"], invited_by=self.user)
            return trainee_create(programme=values["programme"], user=person, route=values["route"],
                                  subject=values["subject"], academic_year=rules.academic_year_of(values["starts_on"]),
                                  starts_on=values["starts_on"], ends_on=values["ends_on"], by=self.user)

        saved = self._write(write)
        trainee.pk, trainee._state.adding = saved.pk, False
        trainee.user, trainee.programme = saved.user, saved.programme

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("user", "programme")

    def dehydrate_email(self, trainee) -> str:
        return trainee.user.email if trainee.user_id else self.values.get("email", "")

    def dehydrate_full_name(self, trainee) -> str:
        return trainee.user.full_name if trainee.user_id else self.values.get("full_name", "")

    def dehydrate_programme(self, trainee) -> str:
        programme = trainee.programme if trainee.programme_id else self.values.get("programme")
        return programme.name if programme else ""


class PlacementOfferResource(_IteResource):
    programme = Field(column_name="programme")
    school = Field(column_name="school")
    academic_year = Field(attribute="academic_year", column_name="academic_year")
    subject = Field(attribute="subject", column_name="subject")
    term = Field(attribute="term", column_name="term")
    places = Field(attribute="places", column_name="places")

    required_columns = ("programme", "school", "academic_year", "subject", "term", "places")
    column_headings = {
        "programme": PROGRAMME_HEADINGS,
        "school": ("school", "school code", "ysgol", "cod ysgol"),
        "academic_year": ("year", "academic year", "blwyddyn", "blwyddyn academaidd"),
        "subject": SUBJECT_HEADINGS,
        "term": ("term", "tymor"),
        "places": ("places", "capacity", "lleoedd"),
    }

    class Meta:
        model = PlacementOffer
        name = gettext_lazy("Placement offers")
        fields = ("programme", "school", "academic_year", "subject", "term", "places")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.terms = _choice_lookup(Term.choices)
        self.schools_by_code: dict[str, Organisation] = {}
        self.schools_by_name: dict[str, list[Organisation]] = defaultdict(list)
        for school in Organisation.objects.for_consortium(self.consortium).filter(kind="school"):
            if school.school_code:
                self.schools_by_code[school.school_code.casefold()] = school
            self.schools_by_name[school.name.casefold()].append(school)

    def parse_row(self, row) -> None:
        programme = self.values["programme"] = self._programme(row)
        text = _text(row.get("school"))
        school = self.schools_by_code.get(text.casefold())
        if school is None:
            named = self.schools_by_name.get(text.casefold(), [])
            if len(named) > 1:
                self.add_error("school", _("More than one school is called “%(name)s”: give its school code.")
                               % {"name": text})
            elif not named:
                self.add_error("school", _("No school in this consortium has the code or name “%(value)s”.")
                               % {"value": text})
            school = named[0] if len(named) == 1 else None
        self.values["school"] = school
        try:
            year = _academic_year(row.get("academic_year"))
        except ValueError as error:
            self.add_error("academic_year", str(error))
            year = None
        else:
            if year is None:
                self.add_error("academic_year", _("Enter the year the academic year starts, such as 2025 or "
                                                  "2025/26."))
        self.values["academic_year"] = year
        self.values["subject"] = self._choice(row, "subject", self.subjects, _("No subject is called “%(name)s”.")
                                              % {"name": _text(row.get("subject"))})
        self.values["term"] = self._choice(row, "term", self.terms, _("Use one of: autumn, spring, summer."))
        try:
            places = _whole_number(row.get("places"))
        except ValueError as error:
            self.add_error("places", str(error))
            places = None
        else:
            if places is None or places > 20:
                self.add_error("places", _("Enter between 0 and 20 places."))
        self.values["places"] = places
        if programme is not None and school is not None and year and self.values["subject"] and self.values["term"]:
            self._duplicate((programme.pk, school.pk, year, self.values["subject"], self.values["term"]),
                            ("school", _("The same school, subject and term are also on row %(row)s.")))

    def init_instance(self, row=None):
        return PlacementOffer(consortium=self.consortium)

    def apply(self, offer) -> None:
        for name in ("academic_year", "subject", "term", "places"):
            setattr(offer, name, self.values.get(name))

    def save(self, offer, is_create: bool) -> None:
        values = self.values
        saved = self._write(lambda: placement_offer_save(
            programme=values["programme"], school=values["school"], academic_year=values["academic_year"],
            subject=values["subject"], term=values["term"], places=values["places"]))
        offer.pk, offer._state.adding = saved.pk, False
        offer.programme, offer.school = saved.programme, saved.school

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("programme", "school")

    def dehydrate_programme(self, offer) -> str:
        programme = offer.programme if offer.programme_id else self.values.get("programme")
        return programme.name if programme else ""

    def dehydrate_school(self, offer) -> str:
        school = offer.school if offer.school_id else self.values.get("school")
        return (school.school_code or school.name) if school else ""
