"""A report chosen in Welsh has Welsh headings, Welsh dates and UK numbers."""

import pytest

from reporting import pdf
from reporting.sections import ReportYear

from .conftest import YEAR
from .test_pdf_contents import pdf_text

pytestmark = pytest.mark.django_db


def test_the_welsh_report_has_welsh_headings(demo):
    # When the report is built in Welsh
    text = pdf_text(pdf.build(demo["partnership"], ReportYear(YEAR), "cy").pdf)

    # Then its headings, page numbers and dates are Welsh
    assert "Adroddiad blynyddol y bartneriaeth" in text
    assert "Cynnwys" in text
    assert "Y bartneriaeth a'i haelodau" in text
    assert "Tudalen 2 o" in text
    assert "31 Mawrth 2025" in text
    assert "Contents" not in text
