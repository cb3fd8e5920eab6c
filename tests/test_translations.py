"""Welsh ships complete: every message translated, nothing fuzzy, compiled catalogues current."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The project's catalogue, the Welsh we keep for libraries (allauth, import-export, Django's gaps), and
# the apps' own catalogues.
CATALOGUES = sorted(
    [ROOT / "vendor_locale/cy/LC_MESSAGES/django.po", ROOT / "vendor_locale/cy/LC_MESSAGES/djangojs.po",
     *ROOT.glob("*/locale/cy/LC_MESSAGES/django.po"),
     ROOT / "locale/cy/LC_MESSAGES/django.po"],
    key=str,
)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-3]))
def test_every_message_is_translated(path):
    catalogue = polib.pofile(str(path))

    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-3]))
def test_the_compiled_catalogue_matches_the_source(path):
    source = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0)) for e in polib.pofile(str(path))
              if e.translated()}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0))
                for e in polib.mofile(str(path.with_suffix(".mo")))}

    assert compiled == source


def test_the_source_catalogue_covers_every_string_in_the_code(tmp_path, settings):
    """makemessages over the code finds no message the Welsh catalogue lacks."""
    import shutil
    import subprocess

    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed (apt-get install gettext); CI installs it")
    work = tmp_path / "project"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".venv*", "var", ".git", "node_modules", "tests",
                                                              "bench", "__pycache__"))
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "makemessages", "-l", "cy", "--no-obsolete"],
                   cwd=work, check=True, capture_output=True)
    untranslated = {
        str(path.relative_to(work)): [e.msgid for e in polib.pofile(str(path)).untranslated_entries()]
        for path in [work / "locale/cy/LC_MESSAGES/django.po", *work.glob("*/locale/cy/LC_MESSAGES/django.po")]
    }

    assert {path: msgids for path, msgids in untranslated.items() if msgids} == {}
