"""Progress-update reminders and sponsors' digests: due by the plan's cadence, once per person per
period however often the task runs, handed to the mail worker only after the commit, never for
a closed project, and not silenced when the plan's cadence changes."""

import datetime as dt

import pytest
from django.utils import timezone

from consortia.models import OutboundEmail
from programmes import tasks
from programmes.models import JointPlan, ProgressUpdate
from programmes.services import plans as services

from ..factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def plan(consortium):
    plan = services.joint_plan_save(partnership=PartnershipFactory(consortium=consortium, kind="strategic"),
                                    name="Joint plan", update_every_days=30)
    JointPlan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    plan.refresh_from_db()
    return plan


@pytest.fixture
def project(plan):
    return services.project_edit(plan=plan, name="Recruitment", overview="O", manager=UserFactory(),
                                 sponsor=UserFactory())


def reminders():
    return OutboundEmail.objects.filter(purpose=services.REMINDER).count()


def test_the_task_twice_sends_each_email_once_and_only_after_the_commit(project, django_capture_on_commit_callbacks,
                                                                        monkeypatch):
    published = []
    monkeypatch.setattr("consortia.queue._publish", lambda name, args: published.append((name, args)))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = tasks.plans_daily()
        assert published == []  # nothing goes to the worker before the commit
    with django_capture_on_commit_callbacks(execute=True):
        again = tasks.plans_daily()

    assert first == {"reminders": 1, "digests": 1} and again == {"reminders": 0, "digests": 0}
    assert len(callbacks) == 2 and OutboundEmail.objects.count() == 2


def test_a_closed_project_gets_no_reminder(project):
    services.project_close(project=project, outcome="finished", on=TODAY)

    assert services.plans_remind(today=TODAY)["reminders"] == 0


def test_the_reminder_is_due_again_next_period_but_not_before(project):
    services.plans_remind(today=TODAY)
    services.plans_remind(today=TODAY + dt.timedelta(days=28))
    assert reminders() == 1

    services.plans_remind(today=TODAY + dt.timedelta(days=29))

    assert reminders() == 2


def test_a_changed_cadence_does_not_silence_the_reminders(plan, project):
    # Weekly since the plan began 31 days ago: the fifth week's (period 4) reminder goes out.
    JointPlan.objects.filter(pk=plan.pk).update(update_every_days=7)
    services.plans_remind(today=TODAY)
    # Then monthly: 125 days in is the fifth month (period 4 again), a different period.
    JointPlan.objects.filter(pk=plan.pk).update(update_every_days=30)

    services.plans_remind(today=TODAY + dt.timedelta(days=94))

    assert reminders() == 2


def test_the_digest_tells_the_sponsor_of_updates_milestones_and_closing(project):
    ProgressUpdate.objects.create(consortium_id=project.consortium_id, project=project, author=project.manager,
                                  period_start=TODAY - dt.timedelta(days=30), period_end=TODAY - dt.timedelta(days=5),
                                  status="at_risk", narrative="Recruitment behind",
                                  created_at=timezone.now() - dt.timedelta(days=5))
    milestone = services.milestone_save(project=project, name="Campaign live", baseline_on=TODAY)
    milestone.history.update(history_date=timezone.now() - dt.timedelta(days=4))

    services.plans_remind(today=TODAY)

    digest = OutboundEmail.objects.get(purpose=services.DIGEST)
    assert digest.recipient == project.sponsor.email
    assert "Recruitment behind" in digest.body_text and "Campaign live" in digest.body_text
