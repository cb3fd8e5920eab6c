from django import forms
from django.utils.translation import gettext_lazy as _

from .files import MAX_BYTES
from .models import ImportJob


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What does the file hold?"), choices=ImportJob.Kind.choices,
                             widget=forms.RadioSelect)
    import_file = forms.FileField(
        label=_("File"), help_text=_("A CSV or XLSX file, with the column headings on its first row, at most "
                                     "%(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)})
