"""A report PDF is built for a demo partnership and its text carries the figures from the data."""

import io

import pytest
from pypdf import PdfReader

from reporting import pdf
from reporting.sections import ReportYear

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_report_holds_the_members_changes_and_principles(demo):
    # Given a partnership whose membership changed during the year
    partnership = demo["partnership"]

    # When its report for the year is built
    text = pdf_text(pdf.build(partnership, ReportYear(YEAR), "en").pdf)

    # Then the cover, the contents, the members, the changes and the principles are in the text
    assert "Annual partnership report" in text and "Academic year 2024/25" in text
    assert "Contents" in text and "Page 2 of" in text
    assert "Parc Primary School" in text and "Cwm Glas Primary" in text
    assert "Llwyncelyn Primary School" in text and "31 March 2025" in text  # left in the year
    assert "6 January 2025" in text  # Cwm Glas joined
    assert "Collegiate decision making" in text


def test_the_report_holds_the_years_governance_figures(demo_year):
    # Given a year of meetings, attendance, decisions and actions
    partnership = demo_year["partnership"]

    # When its report for the year is built
    built = pdf.build(partnership, ReportYear(YEAR), "en")
    text = pdf_text(built.pdf)

    # Then the figures are right and in the text
    assert built.figures["meetings_held"] == 3 and built.figures["meetings_minimum"] == 3
    assert built.figures["notice_rate"] == pytest.approx(2 / 3)
    assert built.figures["decisions"] == 2
    assert (built.figures["actions_raised"], built.figures["actions_completed"],
            built.figures["actions_overdue"]) == (4, 2, 1)
    assert "3 / 3" in text
    assert "67%" in text  # meetings on full notice
    assert "Adopt the shared reading plan" in text
    assert "Survey staff confidence" in text  # the overdue action
    assert "Short notice" in text
