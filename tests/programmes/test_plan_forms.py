"""Joint plans made and kept on the site: the plan and its cadence, projects with ordered aims,
work streams with their working groups, milestones and closing a project — by the plan's
managers only, through the services, with history, clear errors and nothing half-saved."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Employment
from partnerships.services import partnership_role_grant
from programmes.models import Aim, JointPlan, Milestone, ProgressUpdate, Project, ProjectMember, WorkStream
from programmes.services import plans as services

from ..factories import OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def partnership(consortium):
    return PartnershipFactory(consortium=consortium, kind="strategic", name="Cross-regional")


@pytest.fixture
def gwe(consortium):
    return OrganisationFactory(consortium=consortium, kind="regional_consortium", name="GwE", phase="",
                               school_code="")


@pytest.fixture
def people(consortium, partnership):
    """The plan's clerk (manager), a project's sponsor, a representative, all in the partnership."""
    found = {name: UserFactory(full_name=name.title()) for name in ("clerk", "sponsor", "member")}
    partnership_role_grant(partnership=partnership, user=found["clerk"], role="clerk")
    partnership_role_grant(partnership=partnership, user=found["sponsor"], role="representative")
    partnership_role_grant(partnership=partnership, user=found["member"], role="representative")
    return found


@pytest.fixture
def plan(partnership):
    return services.joint_plan_save(partnership=partnership, name="Joint plan", update_every_days=30)


@pytest.fixture
def project(plan, people, gwe):
    return services.project_edit(plan=plan, name="Feedback and workload", overview="Reduce workload.",
                                 sponsor=people["sponsor"], sponsor_organisation=gwe,
                                 aims=[("First aim", "Nod cyntaf")])


def url(name, consortium, *args):
    return reverse(name, args=[consortium.slug, *args])


def test_the_clerk_creates_a_plan_with_its_cadence_in_both_languages(client, consortium, partnership, people):
    client.force_login(people["clerk"])
    assert client.get(url("plan_create", consortium)).status_code == 200

    page = client.post(url("plan_create", consortium), {"partnership": partnership.pk, "name": "Joint plan",
                                                        "name_cy": "Cynllun ar y cyd", "update_every_days": "14"})

    plan = JointPlan.objects.get()
    assert page.status_code == 302 and page["Location"] == url("plan_detail", consortium, plan.pk)
    assert (plan.name_cy, plan.update_every_days) == ("Cynllun ar y cyd", 14)
    edit = client.post(url("plan_edit", consortium, plan.pk), {"name": "Joint plan 2025", "name_cy": "",
                                                               "update_every_days": "30"})
    assert edit.status_code == 302
    assert [h.name for h in plan.history.order_by("history_date")] == ["Joint plan", "Joint plan 2025"]


def test_the_plan_form_shows_english_and_welsh_side_by_side(client, consortium, partnership, people):
    client.force_login(people["clerk"])

    text = client.get(url("plan_create", consortium)).content.decode()

    assert "app-bilingual" in text and 'lang="cy"' in text and 'lang="en"' in text


def test_a_cadence_out_of_range_or_a_duplicate_name_is_refused_and_nothing_saved(client, consortium, partnership,
                                                                                   people, plan):
    client.force_login(people["clerk"])

    short = client.post(url("plan_create", consortium), {"partnership": partnership.pk, "name": "Another",
                                                         "update_every_days": "3"})
    twice = client.post(url("plan_create", consortium), {"partnership": partnership.pk, "name": "Joint plan",
                                                         "update_every_days": "30"})

    assert short.status_code == 400 and twice.status_code == 400
    assert "already has a plan with this name" in twice.content.decode()
    assert JointPlan.objects.count() == 1


def test_only_the_partnerships_managers_create_a_plan(client, consortium, partnership, people):
    for who in ("sponsor", "member"):
        client.force_login(people[who])
        assert client.get(url("plan_create", consortium)).status_code == 403, who
        assert client.post(url("plan_create", consortium), {"partnership": partnership.pk, "name": "X",
                                                            "update_every_days": "30"}).status_code == 403
    assert not JointPlan.objects.exists()


def test_the_manager_adds_a_project_with_ordered_aims_in_both_languages(client, consortium, plan, people, gwe):
    client.force_login(people["clerk"])

    page = client.post(url("plan_project_create", consortium, plan.pk), {
        "name": "Leadership", "name_cy": "Arweinyddiaeth", "overview": "Common provision.",
        "overview_cy": "Darpariaeth gyffredin.", "aims": "Aspiring heads\nNew heads\n\nExperienced heads",
        "aims_cy": "Darpar benaethiaid\nPenaethiaid newydd\nPenaethiaid profiadol",
        "sponsor": people["sponsor"].pk, "sponsor_organisation": gwe.pk, "manager": people["member"].pk})

    project = Project.objects.get()
    assert page.status_code == 302
    assert [(a.position, a.text, a.text_cy) for a in project.aims.all()] == [
        (1, "Aspiring heads", "Darpar benaethiaid"), (2, "New heads", "Penaethiaid newydd"),
        (3, "Experienced heads", "Penaethiaid profiadol")]
    assert (project.sponsor, project.manager, project.sponsor_organisation) == (people["sponsor"], people["member"],
                                                                                gwe)


def test_welsh_aims_that_do_not_match_the_english_ones_are_refused_and_nothing_saved(client, consortium, plan,
                                                                                       people):
    client.force_login(people["clerk"])

    page = client.post(url("plan_project_create", consortium, plan.pk), {
        "name": "Leadership", "overview": "O", "aims": "One\nTwo", "aims_cy": "Un"})

    assert page.status_code == 400 and "one Welsh aim for each English aim" in page.content.decode()
    assert not Project.objects.exists() and not Aim.objects.exists()


def test_editing_a_project_reorders_its_aims_and_keeps_the_history(client, consortium, project, people):
    client.force_login(people["clerk"])

    page = client.post(url("plan_project_edit", consortium, project.pk), {
        "name": "Feedback", "overview": "Reduce workload.", "aims": "Second aim\nFirst aim", "aims_cy": ""})

    assert page.status_code == 302
    project.refresh_from_db()
    assert project.name == "Feedback" and [a.text for a in project.aims.all()] == ["Second aim", "First aim"]
    assert project.history.count() == 2
    assert Aim.history.filter(history_type="-", text="First aim").exists()


def test_a_duplicate_project_name_is_a_clear_error(client, consortium, plan, project, people):
    services.project_edit(plan=plan, name="Other", overview="O")
    client.force_login(people["clerk"])

    page = client.post(url("plan_project_edit", consortium, project.pk), {"name": "Other", "overview": "O"})

    assert page.status_code == 400 and "already has a project with this name" in page.content.decode()
    project.refresh_from_db()
    assert project.name == "Feedback and workload"


def test_a_work_stream_comes_with_its_cross_regional_working_group(client, consortium, project, people, gwe):
    erw = OrganisationFactory(consortium=consortium, kind="regional_consortium", name="ERW", phase="",
                              school_code="")
    Employment.objects.create(consortium=consortium, user=people["sponsor"], organisation=gwe,
                              started_on=TODAY - dt.timedelta(days=400))
    Employment.objects.create(consortium=consortium, user=people["member"], organisation=erw,
                              started_on=TODAY - dt.timedelta(days=400))
    client.force_login(people["clerk"])

    page = client.post(url("plan_work_stream_create", consortium, project.pk), {
        "name": "NPQH", "name_cy": "CPCP", "members": [people["sponsor"].pk, people["member"].pk]})

    stream = WorkStream.objects.get()
    assert page.status_code == 302 and stream.name_cy == "CPCP"
    assert {(m.user.full_name, m.organisation.name) for m in stream.members.all()} == {("Sponsor", "GwE"),
                                                                                      ("Member", "ERW")}
    shown = client.get(url("plan_project", consortium, project.pk)).content.decode()
    assert "NPQH" in shown and "Member (ERW)" in shown


def test_a_work_stream_named_twice_is_refused_and_no_member_is_added(client, consortium, project, people):
    services.work_stream_add(project=project, name="NPQH")
    client.force_login(people["clerk"])

    page = client.post(url("plan_work_stream_create", consortium, project.pk), {
        "name": "NPQH", "members": [people["member"].pk]})

    assert page.status_code == 400 and WorkStream.objects.count() == 1 and not ProjectMember.objects.exists()


def test_a_team_member_is_added_and_removed(client, consortium, project, people, gwe):
    client.force_login(people["clerk"])

    added = client.post(url("plan_member_add", consortium, project.pk), {"user": people["member"].pk,
                                                                         "organisation": gwe.pk})
    member = ProjectMember.objects.get()
    removed = client.post(url("plan_member_remove", consortium, member.pk))

    assert added.status_code == 302 and removed.status_code == 302
    assert not ProjectMember.objects.exists()
    assert ProjectMember.history.filter(history_type="-").count() == 1


def test_milestones_are_added_and_re_baselined_by_the_manager_with_lateness_derived(client, consortium, project,
                                                                                  people):
    client.force_login(people["clerk"])
    baseline = TODAY - dt.timedelta(days=3)

    added = client.post(url("plan_milestone_create", consortium, project.pk), {
        "name": "Offer published", "name_cy": "Cynnig wedi'i gyhoeddi", "baseline_on": str(baseline),
        "forecast_on": str(TODAY + dt.timedelta(days=2))})
    milestone = Milestone.objects.get()
    page = client.get(url("plan_project", consortium, project.pk)).content.decode()
    moved = client.post(url("plan_milestone", consortium, milestone.pk), {
        "name": "Offer published", "name_cy": "", "baseline_on": str(TODAY + dt.timedelta(days=5)),
        "forecast_on": "", "actual_on": ""})

    assert added.status_code == 302 and "overdue by 5 days" in page  # the forecast slips 5
    assert moved.status_code == 302
    milestone.refresh_from_db()
    assert milestone.baseline_on == TODAY + dt.timedelta(days=5) and milestone.lateness(TODAY)["days"] == 0
    assert milestone.history.count() == 2
    assert not any(f.name in {"late", "days_late", "lateness"} for f in Milestone._meta.fields)


def test_a_milestone_achieved_in_the_future_is_refused(client, consortium, project, people):
    client.force_login(people["clerk"])

    page = client.post(url("plan_milestone_create", consortium, project.pk), {
        "name": "M", "baseline_on": str(TODAY), "actual_on": str(TODAY + dt.timedelta(days=1))})

    assert page.status_code == 400 and not Milestone.objects.exists()


def test_the_sponsor_moves_a_forecast_but_cannot_re_baseline(client, consortium, project, people):
    milestone = services.milestone_save(project=project, name="M", baseline_on=TODAY)
    client.force_login(people["sponsor"])

    page = client.post(url("plan_milestone", consortium, milestone.pk), {
        "baseline_on": str(TODAY + dt.timedelta(days=30)), "forecast_on": str(TODAY + dt.timedelta(days=9))})

    assert page.status_code == 302
    milestone.refresh_from_db()
    assert milestone.baseline_on == TODAY and milestone.forecast_on == TODAY + dt.timedelta(days=9)


def test_a_project_is_closed_as_discontinued_only_with_a_reason(client, consortium, project, people):
    client.force_login(people["clerk"])

    no_reason = client.post(url("plan_project_close", consortium, project.pk), {
        "outcome": "discontinued", "on": str(TODAY)})
    project.refresh_from_db()
    assert no_reason.status_code == 400 and project.closed_on is None

    closed = client.post(url("plan_project_close", consortium, project.pk), {
        "outcome": "discontinued", "on": str(TODAY), "reason": "Folded into the national programme."})

    assert closed.status_code == 302
    project.refresh_from_db()
    assert project.discontinued_on == TODAY and project.close_reason.startswith("Folded")
    shown = client.get(url("plan_detail", consortium, project.plan_id)).content.decode()
    assert "Discontinued" in shown


def test_a_finished_project_shows_finished_whatever_its_last_update_said(client, consortium, project, people):
    ProgressUpdate.objects.create(consortium_id=project.consortium_id, project=project, author=people["clerk"],
                                  period_start=TODAY, period_end=TODAY, status="at_risk", narrative="n")
    client.force_login(people["clerk"])

    closed = client.post(url("plan_project_close", consortium, project.pk), {"outcome": "finished",
                                                                             "on": str(TODAY)})
    again = client.post(url("plan_project_close", consortium, project.pk), {"outcome": "discontinued",
                                                                            "on": str(TODAY), "reason": "r"})

    project.refresh_from_db()
    assert closed.status_code == 302 and again.status_code == 302
    assert project.finished_on == TODAY and project.discontinued_on is None
    page = client.get(url("plan_project", consortium, project.pk)).content.decode()
    assert "Finished on" in page


ROUTES = [("plan_edit", "plan"), ("plan_project_create", "plan"), ("plan_project_edit", "project"),
          ("plan_project_close", "project"), ("plan_work_stream_create", "project"), ("plan_member_add", "project"),
          ("plan_milestone_create", "project")]


def test_the_sponsor_and_a_member_may_not_manage_the_plan(client, consortium, plan, project, people):
    targets = {"plan": plan.pk, "project": project.pk}
    for who in ("sponsor", "member"):
        client.force_login(people[who])
        for name, kind in ROUTES:
            assert client.get(url(name, consortium, targets[kind])).status_code == 403, (who, name)
            assert client.post(url(name, consortium, targets[kind]), {"name": "X", "overview": "O"}
                               ).status_code == 403, (who, name)
    client.force_login(people["clerk"])
    for name, kind in ROUTES:
        assert client.get(url(name, consortium, targets[kind])).status_code == 200, name
    assert Project.objects.count() == 1 and project.history.count() == 1


def test_a_member_removes_no_one(client, consortium, project, people):
    member = services.project_member_add(project=project, user=people["member"])
    client.force_login(people["member"])

    assert client.post(url("plan_member_remove", consortium, member.pk)).status_code == 403
    assert ProjectMember.objects.filter(pk=member.pk).exists()


def test_another_consortiums_plan_pages_are_404(client, consortium, consortium_admin, other_consortium):
    theirs = services.joint_plan_save(partnership=PartnershipFactory(consortium=other_consortium, kind="strategic"),
                                      name="Theirs")
    their_project = services.project_edit(plan=theirs, name="P", overview="O")
    member = services.project_member_add(project=their_project, user=UserFactory())
    client.force_login(consortium_admin)

    targets = {"plan": theirs.pk, "project": their_project.pk}
    for name, kind in ROUTES:
        assert client.get(url(name, consortium, targets[kind])).status_code == 404, name
    assert client.post(url("plan_member_remove", consortium, member.pk)).status_code == 404
    assert ProjectMember.objects.filter(pk=member.pk).exists()


def test_the_service_refuses_another_consortiums_organisation(plan, other_consortium):
    from django.core.exceptions import ValidationError

    theirs = OrganisationFactory(consortium=other_consortium)
    with pytest.raises(ValidationError):
        services.project_edit(plan=plan, name="P", overview="O", sponsor_organisation=theirs)
    assert not Project.objects.exists()


def test_the_plan_page_costs_the_same_for_10_and_500_projects_with_aims_and_teams(client, consortium, plan,
                                                                                 people):
    def grow(start, count):
        projects = Project.objects.bulk_create([Project(consortium_id=plan.consortium_id, plan=plan, name=f"P{n}",
                                                        overview="O", position=n, sponsor=people["sponsor"])
                                                for n in range(start, start + count)])
        Milestone.objects.bulk_create([Milestone(consortium_id=plan.consortium_id, project=p, name="M",
                                                 baseline_on=TODAY) for p in projects])
        Aim.objects.bulk_create([Aim(consortium_id=plan.consortium_id, project=p, text="A") for p in projects])
        ProjectMember.objects.bulk_create([ProjectMember(consortium_id=plan.consortium_id, project=p,
                                                         user=people["member"]) for p in projects])
        ProgressUpdate.objects.bulk_create([ProgressUpdate(
            consortium_id=plan.consortium_id, project=p, period_start=TODAY, period_end=TODAY, status="on_track",
            narrative="n", author=people["clerk"]) for p in projects])

    address = url("plan_detail", consortium, plan.pk)
    grow(0, 10)
    client.force_login(people["clerk"])
    client.get(address)
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    grow(10, 490)
    with CaptureQueriesContext(connection) as big:
        page = client.get(address)
    assert page.status_code == 200 and page.content.decode().count("P499") >= 1
    assert len(big) == len(small)
