"""Texts people write in English and Welsh: which one a reader sees.

A bilingual text is two fields side by side, `<name>` (English) and `<name>_cy` (Welsh). A reader
in Welsh sees the Welsh when there is one and the English otherwise; a reader in English sees the
English, or the Welsh when only that was written. Pages, emails, calendar invitations and PDFs
all decide through `bilingual`, so the fallback is the same everywhere.

NOTE: partnership and organisation names keep their own `display_name` methods (the same rule);
reconcile with them rather than adding a second rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import get_language

WELSH = "cy"
ENGLISH = "en"


def reading_language(language: str | None = None) -> str:
    return WELSH if (language or get_language() or ENGLISH).startswith(WELSH) else ENGLISH


def _get(obj, name: str) -> str:
    value = obj.get(name, "") if isinstance(obj, Mapping) else getattr(obj, name, "")
    return value or ""


def bilingual_with_language(obj, field: str, language: str | None = None) -> tuple[str, str]:
    """(text, the language it is in) for a reader of `language` (the active language by default)."""
    english, welsh = _get(obj, field), _get(obj, f"{field}_cy")
    if reading_language(language) == WELSH:
        return (welsh, WELSH) if welsh.strip() else (english, ENGLISH)
    return (english, ENGLISH) if english.strip() else (welsh, WELSH)


def bilingual(obj, field: str, language: str | None = None) -> str:
    """The text of `field` in the reader's language, with the fallback above."""
    return bilingual_with_language(obj, field, language)[0]


def is_fallback(obj, field: str, language: str | None = None) -> bool:
    """Whether the reader gets the other language's text (there is none in theirs)."""
    text, shown_in = bilingual_with_language(obj, field, language)
    return bool(text) and shown_in != reading_language(language)
