"""The rules every page keeps (ui/README.md), checked over the code itself."""

import importlib
import inspect
import re
from pathlib import Path

import pytest
from django import forms

from ui.forms import GovukFieldsMixin

ROOT = Path(__file__).resolve().parent.parent.parent
APPS_WITH_FORMS = ["accounts", "consortia", "partnerships", "agreements", "reporting", "governance", "finance"]
# Emails and PDFs (the annual report's sections among them) are not pages of the site: their styles are inline
# by necessity.
NOT_PAGES = re.compile(r"/(email|pdf|sections)/|reporting/report\.html$|_report_css\.html$|/report_section\.html$")


def page_templates():
    folders = [ROOT / "templates", ROOT / "ui" / "templates",
               *[ROOT / app / "templates" for app in APPS_WITH_FORMS]]
    return sorted(path for folder in folders if folder.exists() for path in folder.rglob("*.html")
                  if not NOT_PAGES.search(path.as_posix()))


@pytest.mark.parametrize("path", page_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_style_or_handlers(path):
    text = path.read_text()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"<[^>]+\son[a-z]+=", text), "inline event handler"


@pytest.mark.parametrize("path", page_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hand_written_legacy_markup(path):
    """The old hand-written stylesheet's classes are gone: pages use GOV.UK Frontend's."""
    text = path.read_text()

    legacy = re.findall(r'class="(?:[^"]* )?(narrow|panel|facts|badge|button|muted|lead|filters|cards|breadcrumb|'
                        r'error-summary|actions|link-button|secondary|danger|inline)(?: [^"]*)?"', text)
    assert legacy == []


def site_form_classes():
    found = []
    for app in APPS_WITH_FORMS:
        module = importlib.import_module(f"{app}.forms")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, forms.BaseForm):
                found.append(cls)
    return found


def test_forms_are_found():
    assert len(site_form_classes()) >= 15


@pytest.mark.parametrize("form_class", site_form_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_site_form_derives_from_ui_forms(form_class):
    assert issubclass(form_class, GovukFieldsMixin)
