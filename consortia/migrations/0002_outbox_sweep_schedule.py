from django.db import migrations


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Send emails that are due (outbox sweep)",
        defaults={"task": "consortia.tasks.outbox_sweep", "interval": every_minute,
                  "description": "Sends queued and retrying emails whose time has come."},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task="consortia.tasks.outbox_sweep"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consortia", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
