"""The one place that decides which language's text a reader gets.

Texts a partnership publishes or sends (names, remits, terms of reference, agreement texts)
are kept in English and, beside it, in Welsh in a field of the same name ending `_cy`. A
Welsh reader gets the Welsh text; when there is none they get the English, marked as English
(`lang="en"` and a note) so that nobody takes it for a missing translation of the page. An
English reader always gets the English text, which is the one that is required.

Models call `pick`/`text_of` from their `display_*` methods and templates use the `bilingual`
tag of `ui`, so no page or PDF chooses a language by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

WELSH = "cy"
ENGLISH = "en"


def reader_language(language: str | None = None) -> str:
    """The reader's language as "cy" or "en": the one given, else the active one."""
    return WELSH if (language or get_language() or ENGLISH).startswith(WELSH) else ENGLISH


@dataclass(frozen=True)
class Text:
    text: str
    # The language the text is written in, for the element's lang attribute.
    language: str
    # The reader asked for Welsh and is given the English because there is no Welsh yet.
    fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def pick(english: str, welsh: str, language: str | None = None) -> Text:
    english, welsh = english or "", welsh or ""
    if reader_language(language) == WELSH:
        if welsh.strip():
            return Text(welsh, WELSH, False)
        return Text(english, ENGLISH, bool(english.strip()))
    if not english.strip() and welsh.strip():
        # Only the Welsh was written: an English reader is better served by it than by nothing.
        return Text(welsh, WELSH, True)
    return Text(english, ENGLISH, False)


def text_of(obj, field: str, language: str | None = None) -> Text:
    """`obj.<field>` in the reader's language, from `obj.<field>` and `obj.<field>_cy`."""
    return pick(getattr(obj, field, "") or "", getattr(obj, f"{field}_cy", "") or "", language)


def display_name(obj, language: str | None = None) -> str:
    """The name to show for a consortium, partnership, organisation or group."""
    return text_of(obj, "name", language).text
