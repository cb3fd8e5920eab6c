"""The joint-plan pages and forms on a phone (390 px) and a desktop, in English and Welsh: no
horizontal scroll and no axe violation, with a screenshot of each kept for a look."""

import datetime as dt
import os

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.services import partnership_role_grant
from programmes.services import plans as services
from tests.factories import OrganisationFactory, PartnershipFactory, UserFactory

from .conftest import check_page

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("PLAN_SHOTS", "/tmp/plan-shots")


@pytest.fixture
def plan_world(consortium):
    partnership = PartnershipFactory(consortium=consortium, kind="strategic", name="Cross-regional partnership")
    clerk = UserFactory(full_name="Cross-regional Project Manager")
    partnership_role_grant(partnership=partnership, user=clerk, role="clerk")
    gwe = OrganisationFactory(consortium=consortium, kind="regional_consortium", name="GwE", phase="",
                              school_code="")
    plan = services.joint_plan_save(partnership=partnership, name="Joint plan", name_cy="Cynllun ar y cyd")
    project = services.project_edit(plan=plan, name="Feedback and workload with a long name to wrap on phones",
                                    overview="Reduce workload.", sponsor=clerk, sponsor_organisation=gwe,
                                    aims=[("Use feedback well", "Defnyddio adborth yn dda")])
    stream = services.work_stream_add(project=project, name="National training programme")
    services.project_member_add(project=project, user=clerk, organisation=gwe, work_stream=stream)
    milestone = services.milestone_save(project=project, name="Training ready",
                                        baseline_on=timezone.localdate() - dt.timedelta(days=3))
    return {"plan": plan, "project": project, "clerk": clerk, "milestone": milestone}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_plan_pages_fit_and_pass_axe(plan_world, open_browser, viewport, language):
    slug = plan_world["plan"].consortium.slug
    plan, project = plan_world["plan"].pk, plan_world["project"].pk
    addresses = [reverse("plan_list", args=[slug]), reverse("plan_create", args=[slug]),
                 reverse("plan_detail", args=[slug, plan]), reverse("plan_edit", args=[slug, plan]),
                 reverse("plan_project", args=[slug, project]), reverse("plan_project_create", args=[slug, plan]),
                 reverse("plan_project_edit", args=[slug, project]),
                 reverse("plan_project_close", args=[slug, project]),
                 reverse("plan_work_stream_create", args=[slug, project]),
                 reverse("plan_member_add", args=[slug, project]),
                 reverse("plan_milestone_create", args=[slug, project]),
                 reverse("plan_milestone", args=[slug, plan_world["milestone"].pk])]
    page = open_browser(plan_world["clerk"], language)
    os.makedirs(SHOTS, exist_ok=True)
    for n, address in enumerate(addresses):
        response = page.goto(address)
        assert response.status == 200, address
        page.screenshot(path=f"{SHOTS}/{viewport['width']}-{language}-{n:02d}.png", full_page=True)
        check_page(page)
