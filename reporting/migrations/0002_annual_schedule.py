from django.db import migrations

TASK = "reporting.tasks.annual_reports_generate"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    # 06:00 UTC on 1 September: the academic year (September to August) has just ended.
    yearly, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="1", month_of_year="9", timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name="Build and circulate the annual partnership reports",
        defaults={"task": TASK, "crontab": yearly, "queue": "pdf",
                  "description": "Builds last academic year's report for every partnership (English, and Welsh "
                                 "where a recipient prefers it) and emails its link to member representatives "
                                 "and, where the partnership agrees, the local authority."},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
