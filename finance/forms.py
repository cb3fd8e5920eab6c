"""Finance forms: GOV.UK markup through ui.forms; amounts typed in pounds and pence, kept as pence."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.dates import FINANCE as FINANCE_DATES
from partnerships.models import Organisation
from ui.forms import Form

from . import terms
from .models import BudgetLine, Charge, CostedActivity, Payment, Statement
from .models.activities import Basis
from .models.budgets import YearBasis
from .money import parse_pounds, pounds

User = get_user_model()


class MoneyField(forms.CharField):
    """Pounds and pence as typed ("1,250.00", "£80"), cleaned to whole pence."""

    def __init__(self, *args, allow_negative: bool = False, **kwargs):
        self.allow_negative = allow_negative
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "govuk-input--width-10", "spellcheck": "false"})

    def prepare_value(self, value):
        return f"{pounds(value):.2f}" if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_pounds(value, allow_negative=self.allow_negative)



class HoursField(forms.DecimalField):
    """Hours as typed ("1.5"), cleaned to whole minutes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        hours = super().clean(value)
        if hours is None:
            return None
        return int((hours * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _year_choices(around: int | None = None) -> list[tuple[int, str]]:
    around = around or terms.academic_year_of(timezone.localdate())
    return [(year, terms.year_label(terms.ACADEMIC, year)) for year in range(around + 1, around - 6, -1)]


def _people(consortium_id: int):
    return User.objects.filter(memberships__consortium_id=consortium_id, memberships__is_active=True).order_by(
        "full_name", "email")


def _name(organisation) -> str:
    return organisation.name


# --- Settings, budgets and lines -------------------------------------------------------------------------

class SettingsForm(Form):
    year_basis = forms.ChoiceField(label=_("The partnership's financial year"), choices=YearBasis.choices,
                                   widget=forms.RadioSelect,
                                   help_text=_("Applies to budgets created from now on; each budget keeps its own "
                                               "dates."))
    open_books = forms.BooleanField(
        label=_("Open books: every member's representative sees every school's charges and payments"),
        required=False)
    free_release_hours = HoursField(label=_("Free PD release for each leader each term (hours)"),
                                    max_value=Decimal(40))


class RateForm(Form):
    hourly_rate = MoneyField(label=_("Hourly rate for chargeable PD release (£)"))
    effective_from = forms.DateField(validators=[FINANCE_DATES], label=_("From"), help_text=_("For example, 1 9 2026"))


class BudgetForm(Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    holder = forms.ModelChoiceField(label=_("Who holds the money"), queryset=Organisation.objects.none(),
                                    help_text=_("For example one member school, or the local authority."))
    administrator = forms.ModelChoiceField(label=_("Finance administrator"), queryset=User.objects.none(),
                                           required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, consortium_id: int, with_year: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = Organisation.objects.filter(consortium_id=consortium_id).order_by("name")
        self.fields["administrator"].queryset = _people(consortium_id)
        if with_year:
            self.fields["year"].choices = _year_choices()
            self.fields["year"].help_text = _("The year the budget starts in: 2026/27 starts in 2026.")
        else:
            del self.fields["year"]


class LineForm(Form):
    kind = forms.ChoiceField(label=_("Income or spending"), choices=BudgetLine.Kind.choices, widget=forms.RadioSelect)
    category = forms.ChoiceField(label=_("Category"), choices=BudgetLine.Category.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
    planned_pence = MoneyField(label=_("Planned amount (£)"))


# --- Activities --------------------------------------------------------------------------------------------

class ActivityForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_cy = forms.CharField(label=_("Welsh title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CostedActivity.Kind.choices)
    held_on = forms.DateField(validators=[FINANCE_DATES], label=_("Date"), required=False,
                              help_text=_("For example, 6 1 2027"))
    cost_pence = MoneyField(label=_("Cost (£)"))
    basis = forms.ChoiceField(label=_("How the cost is shared"), choices=Basis.choices, widget=forms.RadioSelect)
    academic_year = forms.TypedChoiceField(
        label=_("School figures from"), coerce=int, choices=(),
        help_text=_("Budgets and pupil numbers recorded for this academic year weigh the shares."))
    budget_line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none(), required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = _year_choices(budget.academic_year)
        self.fields["academic_year"].initial = budget.academic_year
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(
            consortium_id=budget.consortium_id, budget=budget, kind=BudgetLine.Kind.SPENDING).order_by("position")


class MembersForm(Form):
    """Who shares the activity; on fixed amounts, the amount each agreed."""

    organisations = forms.ModelMultipleChoiceField(label=_("Members sharing the cost"),
                                                   queryset=Organisation.objects.none(),
                                                   widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, activity, candidates, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fields["organisations"].queryset = candidates
        self.fields["organisations"].label_from_instance = _name
        self.fields["organisations"].initial = [m.organisation_id for m in members]
        self.fixed_names = []
        if activity.basis == Basis.FIXED:
            fixed = {m.organisation_id: m.fixed_pence for m in members}
            for organisation in candidates:
                name = f"fixed_{organisation.pk}"
                self.fields[name] = MoneyField(label=_("Agreed amount for %(school)s (£)") % {
                    "school": organisation.name}, required=False, initial=fixed.get(organisation.pk))
                self.fixed_names.append((organisation.pk, name))

    def fixed_pence(self) -> dict[int, int | None]:
        return {pk: self.cleaned_data.get(name) for pk, name in self.fixed_names}


# --- PD release -------------------------------------------------------------------------------------------------

class DeliveryForm(Form):
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=User.objects.none())
    leader_school = forms.ModelChoiceField(label=_("Leader's school"), queryset=Organisation.objects.none())
    activity = forms.ModelChoiceField(label=_("Activity"), queryset=CostedActivity.objects.none(),
                                      help_text=_("The costed activity the PD was part of; its basis shares any "
                                                  "charge."))
    delivered_on = forms.DateField(validators=[FINANCE_DATES], label=_("Date"), help_text=_("For example, 12 11 2026"))
    hours = HoursField(label=_("Hours delivered"), min_value=Decimal("0.25"), max_value=Decimal(12),
                       help_text=_("For example 1.5 for an hour and a half."))
    recipients = forms.ModelMultipleChoiceField(label=_("Schools whose colleagues received it"),
                                                queryset=Organisation.objects.none(),
                                                widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=_("What was delivered"), max_length=300, required=False)

    def __init__(self, *args, partnership, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = _people(partnership.consortium_id)
        self.fields["leader_school"].queryset = members
        self.fields["recipients"].queryset = members
        self.fields["recipients"].label_from_instance = _name
        self.fields["activity"].queryset = CostedActivity.objects.filter(
            consortium_id=partnership.consortium_id, budget__partnership=partnership).select_related(
            "budget").order_by("-budget__starts_on", "title")
        self.fields["activity"].label_from_instance = lambda a: f"{a.display_title()} ({a.budget.label})"


class TermsForm(Form):
    def __init__(self, *args, academic_year: int, current: list, **kwargs):
        super().__init__(*args, **kwargs)
        by_name = {t.name: t for t in current}
        defaults = {name: (start, end) for name, start, end in terms.default_terms(academic_year)}
        labels = {terms.AUTUMN: _("Autumn term"), terms.SPRING: _("Spring term"), terms.SUMMER: _("Summer term")}
        for name in terms.TERM_ORDER:
            start, end = (by_name[name].starts_on, by_name[name].ends_on) if name in by_name else defaults[name]
            self.fields[f"{name}_start"] = forms.DateField(
                validators=[FINANCE_DATES], label=_("%(term)s: first day") % {"term": labels[name]}, initial=start)
            self.fields[f"{name}_end"] = forms.DateField(
                validators=[FINANCE_DATES], label=_("%(term)s: last day") % {"term": labels[name]}, initial=end)

    def dates(self) -> dict:
        return {name: (self.cleaned_data[f"{name}_start"], self.cleaned_data[f"{name}_end"])
                for name in terms.TERM_ORDER}


# --- Charges, payments and statements ------------------------------------------------------------------------

class CreditForm(Form):
    reason = forms.CharField(label=_("Why is the charge being credited?"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=1000)
    replacement_pence = MoneyField(label=_("Corrected amount (£)"), required=False,
                                   help_text=_("Leave empty to credit the charge without a new one."))


class PaidForm(Form):
    paid_on = forms.DateField(validators=[FINANCE_DATES], label=_("Date paid"))
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=100, required=False)


class PaymentPaidForm(Form):
    paid_on = forms.DateField(validators=[FINANCE_DATES], label=_("Date paid"))
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=100,
                                        help_text=_("The reference the school will see on its bank statement."))


class PurchaseOrderForm(Form):
    purchase_order_ref = forms.CharField(label=_("Purchase order number"), max_length=60, required=False)


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class PaymentForm(Form):
    payee = forms.ModelChoiceField(label=_("Paid to"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Who is being paid"), choices=Payment.Kind.choices, widget=forms.RadioSelect)
    amount_pence = MoneyField(label=_("Amount (£)"))
    description = forms.CharField(label=_("What it is for"), max_length=300,
                                  help_text=_("For example: visiting fellow's facilitation, 2 days in the spring "
                                              "term."))
    invoice_ref = forms.CharField(label=_("Invoice or claim reference"), max_length=100, required=False)
    budget_line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none(), required=False)
    activity = forms.ModelChoiceField(label=_("Activity"), queryset=CostedActivity.objects.none(), required=False)

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payee"].queryset = Organisation.objects.filter(consortium_id=budget.consortium_id).order_by(
            "name")
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(
            consortium_id=budget.consortium_id, budget=budget, kind=BudgetLine.Kind.SPENDING).order_by("position")
        self.fields["activity"].queryset = CostedActivity.objects.filter(consortium_id=budget.consortium_id,
                                                                         budget=budget).order_by("title")


class LanguageForm(Form):
    language = forms.ChoiceField(label=_("Language"), choices=Statement.Language.choices, widget=forms.RadioSelect)


class ChargeFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", _("Any status")), *Charge.Status.choices], required=False)
    organisation = forms.IntegerField(required=False)
    q = forms.CharField(required=False, max_length=100)

    def clean_organisation(self):
        value = self.cleaned_data.get("organisation")
        if value is not None and value <= 0:
            raise ValidationError("")
        return value
