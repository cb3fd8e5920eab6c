"""The governance demo: three strategic meetings this year, created once however often it runs."""

import io

import pytest

from consortia.models import OutboundEmail
from governance.demo import seed_demo_governance
from governance.models import Action, Decision, Meeting, Minutes
from partnerships.models import Organisation
from partnerships.services import membership_add, partnership_role_grant

from ..factories import ConsortiumFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def taf_valley():
    consortium = ConsortiumFactory(slug="taf-valley-schools", name="Taf Valley Schools")
    partnership = PartnershipFactory(consortium=consortium, name="Taf Valley Primary Partnership")
    partnership_role_grant(partnership=partnership, user=UserFactory(), role="chair")
    partnership_role_grant(partnership=partnership, user=UserFactory(), role="clerk")
    for name in ("Parc Primary School", "Ysgol Gymraeg Bryn Taf", "Maes-y-Coed Primary School"):
        school = Organisation.objects.create(consortium=consortium, kind="school", name=name)
        membership_add(partnership=partnership, organisation=school)
        partnership_role_grant(partnership=partnership, user=UserFactory(), role="representative",
                               organisation=school)
    return partnership


def test_the_demo_seeds_three_meetings_once(taf_valley):
    seed_demo_governance(stdout=io.StringIO())
    seed_demo_governance(stdout=io.StringIO())

    meetings = Meeting.objects.filter(partnership=taf_valley)
    assert meetings.count() == 3
    assert set(meetings.values_list("status", flat=True)) == {"held", "notice_sent", "planned"}
    assert Decision.objects.count() == 2 and Action.objects.count() == 2 and Minutes.objects.count() == 1
    assert OutboundEmail.objects.filter(purpose="meeting_notice").count() == 5


def test_the_demo_skips_without_the_consortium():
    out = io.StringIO()

    seed_demo_governance(stdout=out)

    assert "skipped" in out.getvalue()
