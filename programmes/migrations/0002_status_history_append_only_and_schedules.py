from django.db import migrations

TABLE = "programmes_enrolmentstatuschange"
SWEEP = "programmes.tasks.event_notices_sweep"
DAILY = "programmes.tasks.programmes_daily"


def refuse_updates(apps, schema_editor):
    """The status history is append-only: the database itself refuses to rewrite a row."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"""
            CREATE OR REPLACE FUNCTION programmes_status_history_is_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'The status history is append-only: record a new change instead.';
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER programmes_status_history_no_update BEFORE UPDATE ON {TABLE}
                FOR EACH ROW EXECUTE FUNCTION programmes_status_history_is_append_only();
        """)
    elif vendor == "sqlite":
        schema_editor.execute(f"""
            CREATE TRIGGER programmes_status_history_no_update BEFORE UPDATE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, 'The status history is append-only: record a new change instead.'); END;
        """)


def allow_updates(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(f"DROP TRIGGER IF EXISTS programmes_status_history_no_update"
                          f"{' ON ' + TABLE if vendor == 'postgresql' else ''}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS programmes_status_history_is_append_only()")


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_15, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Programmes: complete event notices, reminders and feedback requests",
        defaults={"task": SWEEP, "interval": every_15,
                  "description": "Queues any missing event notice, reminder or satisfaction survey (exactly once "
                                 "per participant per event version)."},
    )
    # 06:30 UTC is 06:30 or 07:30 in Europe/London: before the school day all year round.
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="6", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name="Programmes: content release, engagement alerts and employer commitments",
        defaults={"task": DAILY, "crontab": daily,
                  "description": "Releases session content to visiting fellows three weeks before, alerts "
                                 "participants at risk of missing the engagement threshold and their induction "
                                 "tutors, and reminds new employers to commit to their NPQ participants."},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task__in=[SWEEP, DAILY]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(refuse_updates, allow_updates),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
