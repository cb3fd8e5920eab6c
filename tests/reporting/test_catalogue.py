"""The reporting app's Welsh catalogue is complete, nothing fuzzy, and compiled from its source."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "reporting/locale/cy/LC_MESSAGES/django.po"


def test_every_reporting_message_is_translated():
    catalogue = polib.pofile(str(CATALOGUE))

    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    source = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0)) for e in polib.pofile(str(CATALOGUE))
              if e.translated()}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0))
                for e in polib.mofile(str(CATALOGUE.with_suffix(".mo")))}

    assert compiled == source
