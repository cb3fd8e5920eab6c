"""The demo agreement from seed 003 is created and published once, however often the seed runs."""

import pytest

from agreements.demo import seed_demo_agreements
from agreements.models import AgreementParty, AgreementSection, AgreementTemplate, AgreementVersion, BoundRole

from ..factories import ConsortiumFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exceed():
    consortium = ConsortiumFactory(slug="exceed-hub", name="Exceed Teaching School Hub")
    return PartnershipFactory(consortium=consortium, name="Exceed ECT and NPQ Programmes", kind="ect_npq")


def test_seeding_twice_creates_one_published_version(exceed):
    seed_demo_agreements({"exceed-hub": exceed})
    seed_demo_agreements({"exceed-hub": [exceed]})

    template = AgreementTemplate.objects.get()
    assert template.title_cy == "Cytundeb partneriaeth"
    version = AgreementVersion.objects.get()
    assert (version.number, version.status) == (1, AgreementVersion.Status.PUBLISHED)
    assert AgreementSection.objects.count() == 7
    assert not AgreementParty.objects.exists()


def test_every_role_has_its_commitments_in_both_languages(exceed):
    seed_demo_agreements({"exceed-hub": exceed})

    sections = AgreementSection.objects.all()
    assert {s.role for s in sections} == set(BoundRole.values)
    assert all(s.heading_cy and len(s.commitments("en")) == len(s.commitments("cy")) for s in sections)
    assert "Completing the programme within 12 months (specialist NPQs) or 18 months (leadership NPQs)" in {
        line for s in sections for line in s.commitments("en")}


def test_other_consortia_get_no_agreement(exceed):
    other = PartnershipFactory(name="Something else")

    assert seed_demo_agreements({"taf-valley-schools": other}) is None
    assert not AgreementTemplate.objects.exists()


def test_seed_demo_finds_the_partnership_itself(exceed):
    import io

    out = io.StringIO()

    seed_demo_agreements(stdout=out)

    assert AgreementVersion.objects.get().status == AgreementVersion.Status.PUBLISHED
    assert "Agreement published" in out.getvalue()
