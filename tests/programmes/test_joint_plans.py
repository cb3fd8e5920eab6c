"""Joint plans: the latest progress update sets a project's shown status and none is ever
rewritten; who sees and updates a plan; reminders and digests once per person per period;
the plan page draws its SVGs with a table alternative at a flat query count."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consortia.models import OutboundEmail
from partnerships.services import partnership_role_grant
from programmes.models import JointPlan, Milestone, ProgressUpdate, Project
from programmes.services import plans as services

from ..factories import OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def plan(consortium):
    partnership = PartnershipFactory(consortium=consortium, kind="strategic", name="Cross-regional")
    return services.joint_plan_create(partnership=partnership, name="Joint plan", update_every_days=30)


@pytest.fixture
def project(plan, consortium):
    gwe = OrganisationFactory(consortium=consortium, kind="regional_consortium", name="GwE", phase="",
                              school_code="")
    return services.project_save(plan=plan, name="Feedback and workload", overview="Reduce workload.",
                                 sponsor=UserFactory(full_name="Arwyn Sponsor"), sponsor_organisation=gwe,
                                 manager=UserFactory(full_name="Helen Manager"),
                                 aims=[("First aim", "Nod cyntaf"), ("Second aim", "")])


def update(project, status, days_ago=0):
    return services.progress_update_post(project=project, author=project.manager,
                                         period_start=TODAY - dt.timedelta(days=days_ago + 30),
                                         period_end=TODAY - dt.timedelta(days=days_ago), status=status,
                                         narrative=f"Now {status}")


def test_the_latest_update_sets_the_shown_status_and_the_history_is_kept(client, consortium_admin, project):
    update(project, "on_track", 40)
    update(project, "at_risk")
    client.force_login(consortium_admin)

    page = client.get(reverse("plan_project", args=[project.consortium.slug, project.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("At risk") < text.index("Now on_track")
    assert "Now at_risk" in text and "Now on_track" in text
    assert "First aim" in text.split("Second aim")[0]


def test_a_project_without_an_update_shows_as_not_started(client, consortium_admin, project):
    client.force_login(consortium_admin)

    page = client.get(reverse("plan_detail", args=[project.consortium.slug, project.plan_id]))

    assert "Not started" in page.content.decode()


def test_a_progress_update_is_never_rewritten(project):
    posted = update(project, "on_track")

    with pytest.raises(DatabaseError), transaction.atomic():
        ProgressUpdate.objects.filter(pk=posted.pk).update(status="finished")


def test_only_people_of_the_partnership_see_the_plan_and_only_the_team_posts_updates(client, project, consortium):
    representative, outsider = UserFactory(), UserFactory()
    partnership_role_grant(partnership=project.plan.partnership, user=representative, role="representative")
    from consortia.services import membership_ensure

    membership_ensure(consortium=consortium, user=outsider)
    slug = consortium.slug

    client.force_login(outsider)
    assert client.get(reverse("plan_detail", args=[slug, project.plan_id])).status_code == 403
    client.force_login(representative)
    assert client.get(reverse("plan_detail", args=[slug, project.plan_id])).status_code == 200
    assert client.get(reverse("plan_progress_update", args=[slug, project.pk])).status_code == 403
    partnership_role_grant(partnership=project.plan.partnership, user=project.manager, role="representative")
    client.force_login(project.manager)
    posted = client.post(reverse("plan_progress_update", args=[slug, project.pk]), {
        "period_start": str(TODAY - dt.timedelta(days=30)), "period_end": str(TODAY), "status": "off_track",
        "narrative": "Behind", "narrative_cy": "Ar ei hôl hi"})
    assert posted.status_code == 302
    assert project.updates.get().narrative_cy == "Ar ei hôl hi"


def test_another_consortiums_plan_project_and_milestone_are_404(client, consortium_admin, consortium,
                                                                 other_consortium):
    theirs = services.joint_plan_create(partnership=PartnershipFactory(consortium=other_consortium), name="Theirs")
    their_project = services.project_save(plan=theirs, name="P", overview="O")
    milestone = services.milestone_save(project=their_project, name="M", baseline_on=TODAY)
    client.force_login(consortium_admin)

    for name, pk in [("plan_detail", theirs.pk), ("plan_export", theirs.pk), ("plan_project", their_project.pk),
                     ("plan_progress_update", their_project.pk), ("plan_milestone", milestone.pk)]:
        assert client.get(reverse(name, args=[consortium.slug, pk])).status_code == 404, name


def test_the_manager_is_reminded_once_per_period_and_the_sponsor_gets_a_digest(plan, project):
    JointPlan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    # Posted five days ago: in the period just ended, so this period's update is still due.
    ProgressUpdate.objects.create(consortium_id=project.consortium_id, project=project, author=project.manager,
                                  period_start=TODAY - dt.timedelta(days=30), period_end=TODAY - dt.timedelta(days=5),
                                  status="at_risk", narrative="Behind",
                                  created_at=timezone.now() - dt.timedelta(days=5))

    first = services.plans_remind(today=TODAY)
    again = services.plans_remind(today=TODAY)

    assert first == {"reminders": 1, "digests": 1}
    assert again == {"reminders": 0, "digests": 0}
    assert set(OutboundEmail.objects.values_list("recipient", "purpose")) == {
        (project.manager.email, "plan_update_due"), (project.sponsor.email, "plan_sponsor_digest")}


def test_no_reminder_once_this_periods_update_is_in(plan, project):
    update(project, "on_track")

    assert services.plans_remind(today=TODAY)["reminders"] == 0


def test_the_plan_page_draws_an_accessible_grid_and_timeline_with_a_late_milestone(client, consortium_admin, project):
    services.milestone_save(project=project, name="Offer delivered", baseline_on=TODAY - dt.timedelta(days=1))
    client.force_login(consortium_admin)

    page = client.get(reverse("plan_detail", args=[project.consortium.slug, project.plan_id]))

    text = page.content.decode()
    assert text.count('role="img"') == 2 and "<title" in text and "<desc" in text
    assert "Offer delivered: <strong>overdue by 1 day</strong>" in text
    assert 'style="' not in text


def test_the_plan_page_costs_the_same_for_10_and_500_projects(client, consortium_admin, plan):
    def grow(start, count):
        projects = Project.objects.bulk_create([Project(consortium_id=plan.consortium_id, plan=plan, name=f"P{n}",
                                                        overview="O", position=n) for n in range(start, start + count)])
        Milestone.objects.bulk_create([Milestone(consortium_id=plan.consortium_id, project=p, name="M",
                                                 baseline_on=TODAY) for p in projects])
        ProgressUpdate.objects.bulk_create([ProgressUpdate(
            consortium_id=plan.consortium_id, project=p, period_start=TODAY, period_end=TODAY, status="on_track",
            narrative="n", author=consortium_admin) for p in projects])

    address = reverse("plan_detail", args=[plan.consortium.slug, plan.pk])
    grow(0, 10)
    client.force_login(consortium_admin)
    client.get(address)
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    grow(10, 490)
    with CaptureQueriesContext(connection) as big:
        assert client.get(address).status_code == 200

    assert len(big) == len(small) <= 12
