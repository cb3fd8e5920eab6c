"""Importing ITE trainees and placement offers from CSV or XLSX: headings in English or Welsh,
every row inside the importer's consortium and the ITE programmes they run, all or nothing."""

import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes import services
from programmes.models import PlacementOffer, Trainee
from programmes.resources_ite import PlacementOfferResource, TraineeResource

from ..conftest import with_mfa
from ..factories import OrganisationFactory, PartnershipFactory, UserFactory
from .ite import YEAR, ite_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(consortium, partnership):
    programme = ite_programme(partnership)
    office = UserFactory()
    services.programme_role_grant(programme=programme, user=office, role="programme_lead")
    office.refresh_from_db()
    alpha = OrganisationFactory(consortium=consortium, name="Alpha High", school_code="6614001")
    beta = OrganisationFactory(consortium=consortium, name="Beta Academy", school_code="6614002")
    return {"programme": programme, "office": with_mfa(office), "schools": [alpha, beta]}


def dataset(headers, rows):
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return data


TRAINEE_HEADERS = ["E-bost", "Enw llawn", "Rhaglen", "Llwybr", "Pwnc", "Dyddiad dechrau", "Dyddiad gorffen"]


def trainee_row(programme, email="aled@uni.example", route="PGCE", subject="Mathematics", starts="01/09/2026"):
    return [email, "Aled Jones", programme.name, route, subject, starts, "30/06/2027"]


def test_trainees_import_with_welsh_headings_as_drafts_in_their_year(consortium, setup):
    programme = setup["programme"]
    rows = [trainee_row(programme), trainee_row(programme, email="Bethan@Uni.example", route="assessment_only",
                                                subject="english")]

    result = TraineeResource(consortium=consortium, user=setup["office"]).import_data(
        dataset(TRAINEE_HEADERS, rows), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    trainees = {t.user.email: t for t in Trainee.objects.filter(programme=programme)}
    assert set(trainees) == {"aled@uni.example", "bethan@uni.example"}
    aled = trainees["aled@uni.example"]
    assert (aled.route, aled.subject, aled.academic_year) == ("provider_led_postgrad", "mathematics", YEAR)
    assert trainees["bethan@uni.example"].route == "assessment_only"
    assert [c.state for c in aled.status_changes.all()] == ["draft"]


def test_one_bad_trainee_row_saves_nothing_and_is_named(consortium, setup):
    programme = setup["programme"]
    rows = [trainee_row(programme), trainee_row(programme, email="b@uni.example", route="Teach First"),
            trainee_row(programme, email="c@uni.example")]

    result = TraineeResource(consortium=consortium, user=setup["office"]).import_data(
        dataset(TRAINEE_HEADERS, rows), dry_run=False)

    assert [(r.number, sorted(r.error_dict)) for r in result.invalid_rows] == [(2, ["route"])]
    assert not Trainee.objects.exists()


def test_a_programme_of_another_consortium_or_not_run_by_the_importer_is_refused(consortium, other_consortium,
                                                                                  setup):
    elsewhere = ite_programme(PartnershipFactory(consortium=other_consortium), name="Elsewhere ITE")
    not_mine = ite_programme(PartnershipFactory(consortium=consortium), name="Primary ITE")
    rows = [trainee_row(elsewhere), trainee_row(not_mine, email="b@uni.example")]

    result = TraineeResource(consortium=consortium, user=setup["office"]).import_data(
        dataset(TRAINEE_HEADERS, rows), dry_run=False)

    assert [sorted(r.error_dict) for r in result.invalid_rows] == [["programme"], ["programme"]]
    assert not Trainee.objects.exists()


OFFER_HEADERS = ["programme", "school", "academic year", "subject", "term", "places"]


def test_placement_offers_import_by_school_code_or_name(consortium, setup):
    programme, (alpha, beta) = setup["programme"], setup["schools"]
    rows = [[programme.name, alpha.school_code, "2026/27", "Mathematics", "Tymor yr hydref", 2],
            [programme.name, "beta academy", 2026, "english", "spring", "3"]]

    result = PlacementOfferResource(consortium=consortium, user=setup["office"]).import_data(
        dataset(OFFER_HEADERS, rows), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    offers = {(o.school_id, o.subject, o.term): o.places for o in PlacementOffer.objects.filter(academic_year=YEAR)}
    assert offers == {(alpha.pk, "mathematics", "autumn"): 2, (beta.pk, "english", "spring"): 3}


def test_a_school_of_another_consortium_is_refused_and_nothing_is_saved(consortium, other_consortium, setup):
    programme = setup["programme"]
    outsider = OrganisationFactory(consortium=other_consortium, name="Outside School", school_code="9999001")
    rows = [[programme.name, setup["schools"][0].school_code, 2026, "mathematics", "autumn", 2],
            [programme.name, outsider.school_code, 2026, "mathematics", "autumn", 2],
            [programme.name, str(outsider.pk), 2026, "mathematics", "spring", 2]]

    result = PlacementOfferResource(consortium=consortium, user=setup["office"]).import_data(
        dataset(OFFER_HEADERS, rows), dry_run=False)

    assert [(r.number, sorted(r.error_dict)) for r in result.invalid_rows] == [(2, ["school"]), (3, ["school"])]
    assert not PlacementOffer.objects.exists()


def test_bad_offer_cells_are_named_by_column(consortium, setup):
    programme, alpha = setup["programme"], setup["schools"][0]
    rows = [[programme.name, alpha.school_code, "next year", "mathematics", "autumn", 2],
            [programme.name, alpha.school_code, 2026, "knitting", "winter", 21],
            [programme.name, alpha.school_code, 2026, "mathematics", "autumn", 1],
            [programme.name, alpha.school_code, 2026, "mathematics", "autumn", 2]]

    result = PlacementOfferResource(consortium=consortium, user=setup["office"]).import_data(
        dataset(OFFER_HEADERS, rows), dry_run=False)

    assert {r.number: sorted(r.error_dict) for r in result.invalid_rows} == {
        1: ["academic_year"], 2: ["places", "subject", "term"], 4: ["school"]}
    assert not PlacementOffer.objects.exists()


def test_the_admin_imports_an_xlsx_of_offers_after_a_dry_run(client, consortium, setup):
    programme, alpha = setup["programme"], setup["schools"][0]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(OFFER_HEADERS)
    sheet.append([programme.name, alpha.school_code, 2026, "physics", "summer", 1])
    content = io.BytesIO()
    book.save(content)
    client.force_login(setup["office"])

    response = client.post(reverse("admin:programmes_placementoffer_import"), {
        "consortium": consortium.pk, "format": "1", "resource": "0",
        "import_file": SimpleUploadedFile("offers.xlsx", content.getvalue())})
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors()
    assert not PlacementOffer.objects.exists()
    client.post(reverse("admin:programmes_placementoffer_process_import"), response.context["confirm_form"].initial)

    assert PlacementOffer.objects.get().term == "summer"
    assert client.get(reverse("admin:programmes_trainee_import")).status_code == 200
