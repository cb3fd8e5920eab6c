from django.db import migrations

SWEEP = "governance.tasks.meeting_notices_sweep"
DAILY = "governance.tasks.governance_daily"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_15, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Complete meeting notices and reminders",
        defaults={"task": SWEEP, "interval": every_15,
                  "description": "Queues any missing notice or reminder for upcoming meetings whose notice has "
                                 "gone out (exactly once per person per meeting version)."},
    )
    # 07:00 UTC is 07:00 or 08:00 in Europe/London: before the school day all year round.
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name="Governance: interests confirmations and chairs' terms",
        defaults={"task": DAILY, "crontab": daily,
                  "description": "Reminds people to confirm their register of interests and warns consortium "
                                 "admins before a chair's term of office ends."},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task__in=[SWEEP, DAILY]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
