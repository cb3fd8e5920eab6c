"""The joint plans' admin pages: a consortium admin sees and opens only their consortium's rows,
adds a project's milestones inline into the right consortium, and cannot edit a progress update."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from programmes.models import Aim, JointPlan, Milestone, ProgressUpdate, Project
from programmes.services import plans as services

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PLAN_MODELS = [JointPlan, Project, Milestone, ProgressUpdate]


def plan_in(consortium, name):
    plan = services.joint_plan_save(partnership=PartnershipFactory(consortium=consortium, kind="strategic"),
                                    name=name)
    project = services.project_edit(plan=plan, name=f"{name} project", overview="O", aims=[("Aim", "")])
    services.milestone_save(project=project, name="M", baseline_on=TODAY)
    ProgressUpdate.objects.create(consortium_id=consortium.pk, project=project, author=UserFactory(),
                                  period_start=TODAY, period_end=TODAY, status="on_track", narrative="n")
    return plan


@pytest.fixture
def both(consortium, other_consortium):
    return plan_in(consortium, "Ours"), plan_in(other_consortium, "Theirs")


def test_every_plan_model_is_in_the_admin():
    assert all(model in admin.site._registry for model in PLAN_MODELS)


@pytest.mark.parametrize("model", PLAN_MODELS, ids=lambda m: m.__name__)
def test_the_changelist_shows_only_my_consortium(client, consortium_admin, consortium, both, model):
    client.force_login(consortium_admin)

    response = client.get(reverse(f"admin:programmes_{model._meta.model_name}_changelist"))

    shown = list(response.context["cl"].queryset)
    assert response.status_code == 200 and shown and {row.consortium_id for row in shown} == {consortium.pk}


@pytest.mark.parametrize("model", PLAN_MODELS, ids=lambda m: m.__name__)
def test_another_consortiums_row_does_not_open(client, consortium_admin, other_consortium, both, model):
    theirs = model._default_manager.filter(consortium=other_consortium).first()
    client.force_login(consortium_admin)

    response = client.get(reverse(f"admin:programmes_{model._meta.model_name}_change", args=[theirs.pk]))

    assert response.status_code == 302 and response.url == reverse("admin:index")


def test_a_milestone_added_inline_belongs_to_the_projects_consortium(client, consortium_admin, consortium, both):
    project = Project.objects.get(consortium=consortium)
    aim = project.aims.get()
    milestone = project.milestones.get()
    client.force_login(consortium_admin)
    prefix = {"aims": "aims", "work_streams": "work_streams", "members": "members", "milestones": "milestones"}
    data = {"consortium": consortium.pk, "plan": project.plan_id, "position": 1, "name": project.name,
            "overview": "New overview",
            "close_reason": ""}
    for name in prefix.values():
        data.update({f"{name}-TOTAL_FORMS": 0, f"{name}-INITIAL_FORMS": 0, f"{name}-MIN_NUM_FORMS": 0,
                     f"{name}-MAX_NUM_FORMS": 1000})
    data.update({"aims-TOTAL_FORMS": 1, "aims-INITIAL_FORMS": 1, "aims-0-id": aim.pk, "aims-0-project": project.pk,
                 "aims-0-position": 1, "aims-0-text": "Aim", "aims-0-text_cy": "Nod",
                 "milestones-TOTAL_FORMS": 2, "milestones-INITIAL_FORMS": 1, "milestones-0-id": milestone.pk,
                 "milestones-0-project": project.pk, "milestones-0-name": "M",
                 "milestones-0-baseline_on": str(TODAY), "milestones-1-project": project.pk,
                 "milestones-1-name": "Second", "milestones-1-baseline_on": str(TODAY + dt.timedelta(days=9))})

    response = client.post(reverse("admin:programmes_project_change", args=[project.pk]), data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    added = Milestone.objects.get(name="Second")
    assert added.consortium_id == consortium.pk and added.project == project
    assert Aim.objects.get(pk=aim.pk).text_cy == "Nod"


def test_a_progress_update_cannot_be_changed_in_the_admin(client, consortium_admin, consortium, both):
    update = ProgressUpdate.objects.get(consortium=consortium)
    client.force_login(consortium_admin)

    response = client.post(reverse("admin:programmes_progressupdate_change", args=[update.pk]),
                           {"status": "finished"})

    assert response.status_code in (302, 403)
    update.refresh_from_db()
    assert update.status == "on_track"
