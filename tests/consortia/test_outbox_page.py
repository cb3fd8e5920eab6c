"""The Emails page says when each email went, or when it will go."""

import datetime as dt

import pytest
from django.utils import timezone

from consortia.outbox import outbox_enqueue

pytestmark = pytest.mark.django_db


def email(consortium, recipient, **extra):
    row, _ = outbox_enqueue(consortium=consortium, recipient=recipient, purpose="test", about=consortium,
                            version=1, subject=f"About {recipient}", body_text="Hello", **extra)
    return row


def row_of(page, recipient):
    return page.split(recipient, 1)[1].split("</tr>", 1)[0]


def test_a_queued_email_for_later_says_when_it_will_be_sent(client, consortium, consortium_admin):
    later = timezone.localtime().replace(microsecond=0) + dt.timedelta(days=3)
    email(consortium, "reminder@ysgol.cymru", not_before=later)
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/outbox/").content.decode()

    assert f"Will be sent {later:%A} {later.day} {later:%B %Y, %H:%M}" in row_of(page, "reminder@ysgol.cymru")


def test_an_email_due_now_says_it_goes_within_a_minute(client, consortium, consortium_admin):
    row = email(consortium, "now@ysgol.cymru")
    type(row).objects.filter(pk=row.pk).update(status="queued")
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/outbox/").content.decode()

    assert "Due now: goes out within a minute" in row_of(page, "now@ysgol.cymru")


def test_a_sent_email_says_when_it_went(client, consortium, consortium_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = email(consortium, "sent@ysgol.cymru")
    row.refresh_from_db()
    sent = timezone.localtime(row.sent_at)
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/outbox/").content.decode()

    assert f"Sent {sent:%A} {sent.day} {sent:%B %Y, %H:%M}" in row_of(page, "sent@ysgol.cymru")


def test_a_failed_email_says_it_was_not_sent_and_why(client, consortium, consortium_admin):
    row = email(consortium, "failed@ysgol.cymru")
    type(row).objects.filter(pk=row.pk).update(status="failed", attempts=6, last_error="SMTPException: refused")
    client.force_login(consortium_admin)

    page = client.get(f"/{consortium.slug}/outbox/").content.decode()

    assert "Not sent" in row_of(page, "failed@ysgol.cymru") and "refused" in row_of(page, "failed@ysgol.cymru")
