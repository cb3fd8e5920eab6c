from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import current_academic_year
from ui import forms as ui_forms

from .models import ReportBuild


def year_choices(count: int = 6) -> list[tuple[int, str]]:
    this_year = current_academic_year()
    return [(year, f"{year}/{str(year + 1)[-2:]}") for year in range(this_year, this_year - count, -1)]


class GenerateForm(ui_forms.Form):
    academic_year = forms.TypedChoiceField(label=_("Academic year"), coerce=int, choices=year_choices)
    language = forms.ChoiceField(label=_("Language"), choices=ReportBuild.Language.choices, widget=forms.RadioSelect)


class SummaryForm(ui_forms.Form):
    summary = forms.CharField(
        label=_("Summary (English)"), required=False, max_length=6000,
        widget=forms.Textarea(attrs={"rows": 10, "lang": "en"}),
        help_text=_("What the partnership achieved this year and what comes next, in a few paragraphs. "
                    "It opens the annual report."))
    summary_cy = forms.CharField(
        label=_("Summary (Welsh)"), required=False, max_length=6000,
        widget=forms.Textarea(attrs={"rows": 10, "lang": "cy"}),
        help_text=_("The Welsh edition prints this; without it, it prints the English with a note."))
