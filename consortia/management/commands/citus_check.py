"""`manage.py citus_check`: how far the models are from Citus (see consortia/citus.py)."""

from django.core.management.base import BaseCommand, CommandError

from consortia import citus


class Command(BaseCommand):
    help = "Check the models against the Citus plan: consortium_id as every tenant table's distribution column."

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true",
                            help="Fail as well while schema changes Citus needs are still to do.")

    def handle(self, *args, strict=False, **options):
        report = citus.check()
        self.stdout.write(citus.render(report))
        if report.broken or (strict and report.to_change):
            raise CommandError("The schema does not meet the Citus plan (see above).")
