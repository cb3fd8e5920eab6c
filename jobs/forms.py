from django import forms
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from .files import MAX_BYTES
from .models import ImportJob


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What does the file hold?"), choices=ImportJob.Kind.choices,
                             widget=forms.RadioSelect)
    # An empty file reaches check_shape, which says what the first row must hold.
    import_file = forms.FileField(allow_empty_file=True, label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Worked out per request: a lazy text interpolated at import time would stay in English.
        self.fields["import_file"].help_text = gettext_now(
            "A CSV or XLSX file, with the column headings on its first row, at most %(size)s MB.") % {
            "size": MAX_BYTES // (1024 * 1024)}
