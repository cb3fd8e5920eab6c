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
