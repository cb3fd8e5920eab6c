"""A school's statement: every charge, credit and payment with how each share was worked out, as a PDF in
English and Welsh, built after commit, and emailed to the school exactly once per version."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from consortia.models import OutboundEmail
from finance import pdf, services
from finance.models import Statement
from finance.tasks import statement_build

from .conftest import issued_charges

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def billed(budget, finance_admin, approver, schools):
    """Cwm Glas charged £187.28 for the INSET day (212 of 1,132 pupils of £1,000) and paid it, then credited £50."""
    act, charges = issued_charges(budget, finance_admin, approver)
    mine = next(c for c in charges if c.organisation == schools[0])
    services.charge_mark_paid(charge=mine, by=finance_admin, paid_on=timezone.localdate(), payment_reference="BACS 77")
    music, more = issued_charges(budget, finance_admin, approver, title="Shared music specialist", cost_pence=50_000,
                                 basis="equal")
    credit, _none = services.charge_credit(charge=next(c for c in more if c.organisation == schools[0]),
                                           by=finance_admin, reason="Joined in the spring")
    services.charge_approve(charge=credit, by=approver)
    return {"school": schools[0], "charge": mine}


def test_the_english_statement_carries_the_figures_and_how_they_were_worked_out(budget, billed):
    text = pdf_text(pdf.build_statement(budget, billed["school"], "en").pdf)

    assert "Statement for Ysgol Gynradd Cwm Glas" in text
    assert "£187.28" in text and "£100.00" in text and "-£100.00" in text  # INSET share, music share, its credit
    assert "212 pupils (2025/26) of 1,132" in text
    assert "exactly £187.2792" in text
    assert "Payment received for CH-0005" in text
    assert "Balance the school owes" in text and "£0.00" in text


def test_the_welsh_statement_carries_the_same_figures_in_welsh(budget, billed):
    text = pdf_text(pdf.build_statement(budget, billed["school"], "cy").pdf)

    assert "Datganiad ar gyfer Ysgol Gynradd Cwm Glas" in text
    assert "Crynodeb" in text
    assert "£187.28" in text and "-£100.00" in text
    assert "212 o ddisgyblion (2025/26) o 1,132" in text
    assert "Statement for" not in text


def test_a_statement_is_built_after_commit_and_reused_while_the_figures_stand(
        budget, billed, finance_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        statement = services.statement_request(budget=budget, organisation=billed["school"], language="en",
                                               by=finance_admin)

    statement.refresh_from_db()
    assert len(callbacks) == 1 and statement.status == "ready" and statement.size_bytes > 1000
    again = services.statement_request(budget=budget, organisation=billed["school"], language="en")
    assert again.pk == statement.pk


def test_a_change_in_the_figures_makes_a_new_version(budget, billed, finance_admin, approver):
    first = services.statement_request(budget=budget, organisation=billed["school"], language="en")

    issued_charges(budget, finance_admin, approver, title="Theatre", cost_pence=1_000, basis="equal")
    second = services.statement_request(budget=budget, organisation=billed["school"], language="en")

    assert (first.version, second.version) == (1, 2)


def test_building_twice_does_no_harm(budget, billed):
    statement = services.statement_request(budget=budget, organisation=billed["school"], language="en")
    statement_build(statement.consortium_id, statement.pk)
    statement.refresh_from_db()
    built_file = statement.file.name

    statement_build(statement.consortium_id, statement.pk)

    statement.refresh_from_db()
    assert statement.status == "ready" and statement.file.name == built_file and statement.attempts == 1


def test_the_statement_is_emailed_once_per_version_in_each_readers_language(
        budget, billed, finance_admin, rep, settings, django_capture_on_commit_callbacks):
    from django.core import mail

    school = billed["school"]
    school.email = "office@cwmglas.cymru"
    school.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        services.statements_email(budget=budget, organisation=school, by=finance_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.statements_email(budget=budget, organisation=school, by=finance_admin)

    emails = OutboundEmail.objects.filter(purpose="finance_statement").order_by("recipient", "language")
    # the representative (English) once; the school office once in each language
    assert [(e.recipient, e.language) for e in emails] == [
        ("head@cwmglas.cymru", "en"), ("office@cwmglas.cymru", "cy"), ("office@cwmglas.cymru", "en")]
    assert all(e.status == "sent" and e.attachments[0]["mimetype"] == "application/pdf" for e in emails)
    assert len(mail.outbox) == 3
    assert Statement.objects.filter(organisation=school).count() == 2


def test_a_school_with_nobody_to_send_to_is_told_so(budget, billed, finance_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no representative"):
        services.statements_email(budget=budget, organisation=billed["school"], by=finance_admin)


def test_the_representative_downloads_their_schools_statement_and_not_anothers(
        client, consortium, budget, billed, rep, schools, django_capture_on_commit_callbacks):
    client.force_login(rep)
    base = f"/{consortium.slug}/finance/budgets/{budget.pk}/statements/"

    with django_capture_on_commit_callbacks(execute=True):
        built = client.post(f"{base}{schools[0].pk}/build/", {"language": "en"})
    status = client.get(built.url)
    download = client.get(f"/{consortium.slug}/finance/statements/{status.context['statement'].pk}/download/")
    refused = client.post(f"{base}{schools[1].pk}/build/", {"language": "en"})

    assert built.status_code == 302 and "Download the PDF" in status.content.decode()
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert refused.status_code == 404
