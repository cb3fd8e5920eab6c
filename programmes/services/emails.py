"""Programme emails: rendered in the recipient's language and sent only through the outbox."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from consortia.outbox import outbox_enqueue


def language_of(user) -> str:
    return "cy" if (getattr(user, "preferred_language", "") or "").startswith("cy") else "en"


def site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def enqueue(*, consortium, user, purpose: str, about, version: int, template: str, context: dict, subject,
            attachments=None, not_before=None):
    """One email to one person, once per (purpose, object, version): the outbox's key."""
    language = language_of(user)
    with translation.override(language):
        context = {**context, "recipient": user, "language": language, "consortium": consortium}
        return outbox_enqueue(
            consortium=consortium, recipient=user.email, purpose=purpose, about=about, version=version,
            subject=str(subject() if callable(subject) else subject), language=language,
            body_text=render_to_string(f"programmes/email/{template}.txt", context),
            body_html=render_to_string(f"programmes/email/{template}.html", context),
            attachments=attachments(language) if callable(attachments) else attachments, not_before=not_before,
        )
