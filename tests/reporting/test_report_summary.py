"""The chair's summary of the year opens the report, in the edition's language, with a clear fallback."""

import pytest
from django.urls import reverse

from reporting import pdf, services
from reporting.models import ReportSummary
from reporting.sections import ReportYear

from .conftest import YEAR
from .test_pdf_contents import pdf_text

pytestmark = pytest.mark.django_db

ENGLISH = "Every school now moderates writing with a partner school."
WELSH = "Mae pob ysgol bellach yn cymedroli ysgrifennu gydag ysgol bartner."


def url(partnership, year=YEAR):
    return reverse("report_summary_edit", args=[partnership.consortium.slug, partnership.pk, year])


@pytest.fixture
def year_choices_include_the_fixture_year(monkeypatch):
    # The page offers the last six academic years; YEAR (a finished one) must be among them.
    from reporting import forms

    monkeypatch.setattr(forms, "current_academic_year", lambda: YEAR + 1)


def test_each_edition_prints_the_summary_in_its_own_language(demo):
    services.report_summary_save(partnership=demo["partnership"], academic_year=YEAR, summary=ENGLISH,
                                 summary_cy=WELSH)

    english = pdf_text(pdf.build(demo["partnership"], ReportYear(YEAR), "en").pdf)
    welsh = pdf_text(pdf.build(demo["partnership"], ReportYear(YEAR), "cy").pdf)

    assert "The year in summary" in english and ENGLISH in english and WELSH not in english
    assert "Y flwyddyn yn gryno" in welsh and WELSH in welsh and ENGLISH not in welsh


def test_the_welsh_edition_prints_an_english_only_summary_with_a_note(demo):
    services.report_summary_save(partnership=demo["partnership"], academic_year=YEAR, summary=ENGLISH,
                                 summary_cy="")

    welsh = pdf_text(pdf.build(demo["partnership"], ReportYear(YEAR), "cy").pdf)

    assert ENGLISH in welsh
    assert "Ysgrifennwyd y crynodeb hwn mewn un iaith yn unig." in welsh


def test_without_a_summary_the_report_has_no_empty_heading(demo):
    text = pdf_text(pdf.build(demo["partnership"], ReportYear(YEAR), "en").pdf)

    assert "The year in summary" not in text


def test_the_chair_writes_both_languages_side_by_side(client, demo, chair, year_choices_include_the_fixture_year):
    client.force_login(chair)

    page = client.get(url(demo["partnership"]))
    response = client.post(url(demo["partnership"]), {"summary": ENGLISH, "summary_cy": WELSH})

    assert 'class="app-bilingual"' in page.content.decode()
    assert response.status_code == 302
    entry = ReportSummary.objects.get(partnership=demo["partnership"], academic_year=YEAR)
    assert (entry.summary, entry.summary_cy, entry.updated_by) == (ENGLISH, WELSH, chair)


def test_writing_it_again_changes_the_one_summary_of_the_year(demo, chair):
    services.report_summary_save(partnership=demo["partnership"], academic_year=YEAR, summary="First", summary_cy="")
    services.report_summary_save(partnership=demo["partnership"], academic_year=YEAR, summary=ENGLISH,
                                 summary_cy="", by=chair)

    assert list(ReportSummary.objects.values_list("summary", flat=True)) == [ENGLISH]


def test_a_representative_may_not_write_it(client, demo, year_choices_include_the_fixture_year):
    client.force_login(demo["reps"][0])

    assert client.post(url(demo["partnership"]), {"summary": "Mine"}).status_code == 403
    assert not ReportSummary.objects.exists()


def test_another_consortiums_partnership_is_not_found(client, demo, chair, other_partnership,
                                                      year_choices_include_the_fixture_year):
    client.force_login(chair)

    response = client.post(reverse("report_summary_edit", args=[demo["partnership"].consortium.slug,
                                                                other_partnership.pk, YEAR]), {"summary": "x"})

    assert response.status_code == 404
    assert not ReportSummary.objects.exists()


def test_a_year_the_page_does_not_offer_is_not_found(client, demo, chair):
    client.force_login(chair)

    assert client.get(url(demo["partnership"], 1999)).status_code == 404
