from django.db import migrations

TABLES = ("programmes_traineestatuschange", "programmes_progressupdate")
PLANS_DAILY = "programmes.tasks.plans_daily"


def refuse_updates(apps, schema_editor):
    """Trainee status history and progress updates are append-only: the database refuses a rewrite."""
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"""
                CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION programmes_status_history_is_append_only();
            """)
        elif vendor == "sqlite":
            schema_editor.execute(f"""
                CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, 'This history is append-only: record a new entry instead.'); END;
            """)


def allow_updates(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update"
                              f"{' ON ' + table if vendor == 'postgresql' else ''}")


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="45", hour="6", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name="Joint plans: progress update reminders and sponsors' digest",
        defaults={"task": PLANS_DAILY, "crontab": daily,
                  "description": "Reminds each project's manager when its progress update is due (once per "
                                 "period) and sends sponsors a digest of what changed in the period."},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=PLANS_DAILY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_ite_and_joint_plans"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(refuse_updates, allow_updates),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
