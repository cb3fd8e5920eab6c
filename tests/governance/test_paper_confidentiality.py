"""A paper is seen only by its audience: on the meeting page, by download, in emails and in the API."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.models import OutboundEmail
from governance import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test paper\n"


def pdf(name="paper.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload(meeting, by, title, confidentiality="members", organisations=None):
    return services.paper_upload(meeting=meeting, uploaded_by=by, title=title, file=pdf(), no_pupil_data_confirmed=True,
                                 confidentiality=confidentiality, organisations=organisations)


@pytest.fixture
def papers(meeting, chair, schools):
    return {
        "open": upload(meeting, chair, "Open paper on moderation"),
        "officers": upload(meeting, chair, "Chair and clerk budget paper", "officers"),
        "reps": upload(meeting, chair, "Representatives paper on staffing", "representatives"),
        "named": upload(meeting, chair, "Paper for Parc only", "organisations", [schools[0]]),
    }


def page_for(client, user, meeting):
    client.force_login(user)
    return client.get(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/").content.decode()


def download(client, user, paper):
    client.force_login(user)
    return client.get(f"/{paper.consortium.slug}/meetings/papers/{paper.pk}/")


def test_a_representative_sees_open_representative_and_their_own_schools_papers(client, meeting, papers, reps):
    page = page_for(client, reps[0], meeting)

    assert "Open paper on moderation" in page
    assert "Representatives paper on staffing" in page
    assert "Paper for Parc only" in page
    assert "Chair and clerk budget paper" not in page


def test_another_schools_representative_does_not_see_the_named_paper(client, meeting, papers, reps):
    page = page_for(client, reps[1], meeting)

    assert "Paper for Parc only" not in page
    assert download(client, reps[1], papers["named"]).status_code == 404
    assert download(client, reps[1], papers["officers"]).status_code == 404


def test_an_observer_sees_only_the_open_paper(client, meeting, papers, observer):
    page = page_for(client, observer, meeting)

    assert "Open paper on moderation" in page
    assert "Representatives paper on staffing" not in page
    assert download(client, observer, papers["reps"]).status_code == 404
    assert download(client, observer, papers["open"]).status_code == 200


def test_the_clerk_and_the_consortium_admin_see_everything(client, meeting, papers, clerk, consortium_admin):
    for user in (clerk, consortium_admin):
        page = page_for(client, user, meeting)

        assert all(p.title in page for p in papers.values())


def test_a_download_returns_the_file(client, meeting, papers, reps):
    response = download(client, reps[0], papers["open"])

    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_notice_emails_link_only_to_papers_the_recipient_may_see(meeting, papers, chair, reps, send):
    send(services.meeting_notice_send, meeting=meeting, by=chair)

    to_parc = OutboundEmail.objects.get(purpose="meeting_notice", recipient=reps[0].email).body_text
    to_bryn = OutboundEmail.objects.get(purpose="meeting_notice", recipient=reps[1].email).body_text
    to_chair = OutboundEmail.objects.get(purpose="meeting_notice", recipient=chair.email).body_text

    assert f"/papers/{papers['named'].pk}/" in to_parc
    assert f"/papers/{papers['named'].pk}/" not in to_bryn
    assert "Paper for Parc only" not in to_bryn
    assert f"/papers/{papers['officers'].pk}/" not in to_parc
    assert f"/papers/{papers['officers'].pk}/" in to_chair


def test_subscribed_observers_are_emailed_only_papers_they_may_see(meeting, partnership, chair, observer, send):
    services.subscription_set(partnership=partnership, user=observer, subscribed=True)

    send(upload, meeting, chair, "Open paper on moderation")
    send(upload, meeting, chair, "Representatives paper on staffing", "representatives")

    assert [m.subject for m in mail.outbox] == [
        f"New paper for {meeting.title}: Open paper on moderation"]


def test_uploads_need_the_pupil_data_confirmation(meeting, chair):
    with pytest.raises(ValidationError, match="individual pupil"):
        services.paper_upload(meeting=meeting, uploaded_by=chair, title="Tracking sheet", file=pdf(),
                              no_pupil_data_confirmed=False, confidentiality="members")


@pytest.mark.parametrize("name,content", [
    ("script.exe", b"MZ\x90\x00"),
    ("fake.pdf", b"MZ\x90\x00 not a pdf"),
    ("notes.html", b"<html></html>"),
])
def test_uploads_of_the_wrong_type_are_refused(meeting, chair, name, content):
    with pytest.raises(ValidationError):
        services.paper_upload(meeting=meeting, uploaded_by=chair, title="Paper", file=pdf(name, content),
                              no_pupil_data_confirmed=True, confidentiality="members")


def test_uploads_over_the_size_limit_are_refused(meeting, chair, monkeypatch):
    monkeypatch.setattr("governance.services.papers.MAX_PAPER_BYTES", 10)

    with pytest.raises(ValidationError, match="larger than"):
        services.paper_upload(meeting=meeting, uploaded_by=chair, title="Paper", file=pdf(),
                              no_pupil_data_confirmed=True, confidentiality="members")


def test_the_upload_page_refuses_a_missing_confirmation(client, meeting, chair):
    client.force_login(chair)

    response = client.post(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/papers/add/", {
        "title": "Tracking sheet", "file": pdf(), "confidentiality": "members"})

    assert response.status_code == 400
    assert not meeting.papers.exists()


def test_the_upload_page_accepts_a_confirmed_paper(client, meeting, chair, schools):
    client.force_login(chair)

    response = client.post(f"/{meeting.partnership.consortium.slug}/meetings/{meeting.pk}/papers/add/", {
        "title": "Parc report", "file": pdf(), "confidentiality": "organisations",
        "organisations": [schools[0].pk], "no_pupil_data_confirmed": "on"})

    assert response.status_code == 302
    assert list(meeting.papers.get().audience.values_list("organisation", flat=True)) == [schools[0].pk]


def test_a_download_is_an_attachment_that_browsers_must_not_sniff(client, meeting, papers, reps):
    # An uploaded file is never rendered in the site's origin: saved, not opened, and not
    # re-typed by the browser (an "image" that is really HTML must not run as a page).
    response = download(client, reps[0], papers["open"])

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="paper.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_nobody_outside_the_audience_gets_the_file(client, meeting, papers, other_admin):
    signed_out = client.get(f"/{papers['open'].consortium.slug}/meetings/papers/{papers['open'].pk}/")
    another_consortium = download(client, other_admin, papers["open"])

    assert signed_out.status_code == 302 and "/accounts/login/" in signed_out["Location"]
    assert another_consortium.status_code == 404
