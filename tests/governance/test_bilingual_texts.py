"""Texts people write come in Welsh beside the English: shown and sent in each reader's language,
with the English where no Welsh was written, in pages, notices, calendar invitations and the minutes PDF."""

import base64
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from governance import services

from .conftest import plan, took_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_meeting(partnership, chair, clerk, reps):
    meeting = plan(partnership, chair, days=10, title="Spring strategic meeting", agree=False, agenda=())
    meeting.title_cy = "Cyfarfod strategol y gwanwyn"
    meeting.save(update_fields=["title_cy"])
    services.agenda_item_save(meeting=meeting, title="Moderation", title_cy="Cymedroli",
                              description="What we learned", description_cy="Beth a ddysgwyd")
    services.agenda_item_save(meeting=meeting, title="Any other business")  # no Welsh written
    services.agenda_agree(meeting=meeting, by=chair)
    return meeting


def test_the_notice_goes_in_each_persons_language(welsh_meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=welsh_meeting, by=chair, message="Read the papers first",
         message_cy="Darllenwch y papurau yn gyntaf")

    english = next(m for m in mail.outbox if m.to == [reps[0].email])
    welsh = next(m for m in mail.outbox if m.to == [reps[1].email])  # prefers Welsh
    assert "Spring strategic meeting" in english.subject and "Read the papers first" in english.body
    assert "Cyfarfod strategol y gwanwyn" in welsh.subject
    assert "Cymedroli" in welsh.body and "Beth a ddysgwyd" in welsh.body
    assert "Darllenwch y papurau yn gyntaf" in welsh.body
    assert "Any other business" in welsh.body  # the English, where no Welsh was written
    assert "Moderation" not in welsh.body


def test_the_calendar_invitation_is_in_the_readers_language(welsh_meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=welsh_meeting, by=chair)

    welsh = next(m for m in mail.outbox if m.to == [reps[1].email])
    invitation = welsh.attachments[0][1]
    invitation = invitation if isinstance(invitation, str) else invitation.decode()
    assert "SUMMARY;LANGUAGE=cy:Cyfarfod strategol y gwanwyn" in invitation


def test_the_meeting_page_in_welsh_shows_the_welsh_and_marks_the_english(client, welsh_meeting, reps):
    client.force_login(reps[1])  # prefers Welsh

    page = client.get(f"/{welsh_meeting.partnership.consortium.slug}/meetings/{welsh_meeting.pk}/",
                      HTTP_ACCEPT_LANGUAGE="cy").content.decode()

    assert "Cyfarfod strategol y gwanwyn" in page and "Cymedroli" in page
    assert '<span lang="en">Any other business</span>' in page


def test_the_meeting_page_in_english_shows_the_english(client, welsh_meeting, reps):
    client.force_login(reps[0])

    page = client.get(f"/{welsh_meeting.partnership.consortium.slug}/meetings/{welsh_meeting.pk}/").content.decode()

    assert "Spring strategic meeting" in page and "Cymedroli" not in page


def test_the_agenda_item_form_takes_the_welsh_beside_the_english(client, partnership, chair, reps):
    meeting = plan(partnership, chair, days=10, agree=False, agenda=())
    client.force_login(chair)
    url = f"/{partnership.consortium.slug}/meetings/{meeting.pk}/agenda/add/"

    form = client.get(url).content.decode()
    client.post(url, {"title": "Budget", "title_cy": "Cyllideb", "description": "", "description_cy": ""})

    assert 'class="app-bilingual"' in form and 'lang="cy"' in form
    assert meeting.agenda_items.get().title_cy == "Cyllideb"


@pytest.fixture
def approved(partnership, chair, clerk, reps, schools, send):
    """Held with Parc absent (no apologies) and Llwyncelyn sending apologies; approved at a later meeting."""
    meeting = took_place(partnership, clerk, days_ago=8, title="Autumn meeting", chair=chair,
                         people={reps[0]: "absent", reps[2]: "apologies"})
    meeting.title_cy = "Cyfarfod yr hydref"
    meeting.save(update_fields=["title_cy"])
    services.minutes_save(meeting=meeting, by=clerk, body="The partnership agreed the calendar.",
                          body_cy="Cytunodd y bartneriaeth ar y calendr.")
    later = took_place(partnership, clerk, days_ago=1, title="Spring meeting", chair=chair)
    send(services.minutes_approve, minutes=meeting.minutes, at_meeting=later, by=clerk)
    meeting.minutes.refresh_from_db()
    return meeting


def pdf_words(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_the_minutes_pdf_lists_absent_members_and_the_approval(approved, chair, clerk, schools):
    text = pdf_words(services.minutes_pdf(approved.minutes, language="en"))

    assert "Member organisations not represented" in text
    assert f"{schools[0].name} Absent, no apologies" in text
    assert f"{schools[2].name} Apologies sent" in text
    assert "Approved as a correct record at the meeting of" in text and "(Spring meeting)" in text
    assert f"Signed by the chair of that meeting, {chair.get_full_name()}." in text
    assert f"Approval recorded by {clerk.get_full_name()}" in text


def test_the_welsh_minutes_pdf_has_the_welsh_notes_and_title(approved):
    text = pdf_words(services.minutes_pdf(approved.minutes, language="cy"))

    assert "Cyfarfod yr hydref" in text
    assert "Cytunodd y bartneriaeth ar y calendr." in text
    assert "The partnership agreed the calendar." not in text
    assert "Cymeradwywyd fel cofnod cywir" in text


def test_welsh_minutes_without_welsh_notes_say_they_are_in_english(approved):
    from governance.models import Minutes

    Minutes.objects.filter(pk=approved.minutes.pk).update(body_cy="")

    text = pdf_words(services.minutes_pdf(approved.minutes, language="cy"))

    assert "fe'u dangosir yn Saesneg" in text and "The partnership agreed the calendar." in text


def test_the_minutes_pdf_is_tagged_like_the_report(approved):
    reader = PdfReader(io.BytesIO(services.minutes_pdf(approved.minutes, language="en")))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data()  # declares PDF/UA


def test_the_emailed_minutes_pdf_is_in_the_recipients_language(approved, reps, send):
    send(services.minutes_circulate, minutes=approved.minutes)

    welsh = next(m for m in mail.outbox if m.to == [reps[1].email] and m.attachments)
    content = welsh.attachments[0][1]
    content = content if isinstance(content, bytes) else base64.b64decode(content)
    assert "Cytunodd y bartneriaeth ar y calendr." in pdf_words(content)


def test_a_cancellation_gives_each_reader_the_reason_in_their_language(welsh_meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=welsh_meeting, by=chair)
    mail.outbox.clear()

    send(services.meeting_cancel, meeting=welsh_meeting, by=chair, reason="The school is closed for snow",
         reason_cy="Mae'r ysgol ar gau oherwydd eira")

    english = next(m for m in mail.outbox if m.to == [reps[0].email])
    welsh = next(m for m in mail.outbox if m.to == [reps[1].email])
    assert "The school is closed for snow" in english.body and "eira" not in english.body
    assert "Mae'r ysgol ar gau oherwydd eira" in welsh.body and "closed for snow" not in welsh.body


def test_a_cancellation_reason_written_only_in_english_reaches_a_welsh_reader(welsh_meeting, chair, reps, send):
    send(services.meeting_notice_send, meeting=welsh_meeting, by=chair)
    mail.outbox.clear()

    send(services.meeting_cancel, meeting=welsh_meeting, by=chair, reason="The school is closed for snow")

    welsh = next(m for m in mail.outbox if m.to == [reps[1].email])
    assert "The school is closed for snow" in welsh.body


def test_the_cancel_form_takes_the_welsh_reason_beside_the_english(client, welsh_meeting, chair, reps):
    client.force_login(chair)
    url = f"/{welsh_meeting.partnership.consortium.slug}/meetings/{welsh_meeting.pk}/cancel/"

    form = client.get(url).content.decode()
    client.post(url, {"reason": "Snow", "reason_cy": "Eira"})

    assert 'class="app-bilingual"' in form
    welsh_meeting.refresh_from_db()
    assert (welsh_meeting.status, welsh_meeting.cancelled_reason, welsh_meeting.cancelled_reason_cy) == (
        "cancelled", "Snow", "Eira")
    client.force_login(reps[1])
    page = client.get(f"/{welsh_meeting.partnership.consortium.slug}/meetings/{welsh_meeting.pk}/",
                      HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Eira" in page and "Snow" not in page


def test_a_paper_title_is_shown_and_sent_in_the_readers_language(client, welsh_meeting, chair, reps, send):
    paper = services.paper_upload(
        meeting=welsh_meeting, uploaded_by=chair, title="Moderation report", title_cy="Adroddiad cymedroli",
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%paper\n", content_type="application/pdf"),
        confidentiality="members", no_pupil_data_confirmed=True)
    assert paper.title_cy == "Adroddiad cymedroli"
    send(services.meeting_notice_send, meeting=welsh_meeting, by=chair)

    english = next(m for m in mail.outbox if m.to == [reps[0].email])
    welsh = next(m for m in mail.outbox if m.to == [reps[1].email])
    assert "Moderation report" in english.body and "Adroddiad cymedroli" not in english.body
    assert "Adroddiad cymedroli" in welsh.body and "Moderation report" not in welsh.body
    client.force_login(reps[1])
    page = client.get(f"/{welsh_meeting.partnership.consortium.slug}/meetings/{welsh_meeting.pk}/",
                      HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Adroddiad cymedroli" in page


def test_the_paper_form_takes_the_welsh_title_beside_the_english(client, welsh_meeting, chair):
    client.force_login(chair)
    url = f"/{welsh_meeting.partnership.consortium.slug}/meetings/{welsh_meeting.pk}/papers/add/"

    form = client.get(url).content.decode()
    response = client.post(url, {
        "title": "Budget", "title_cy": "Cyllideb", "confidentiality": "members", "no_pupil_data_confirmed": "on",
        "file": SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%budget\n", content_type="application/pdf")})

    assert response.status_code == 302
    assert 'class="app-bilingual"' in form
    assert welsh_meeting.papers.get().title_cy == "Cyllideb"
