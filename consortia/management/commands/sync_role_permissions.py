from django.core.management.base import BaseCommand

from consortia.services import role_permissions_resync


class Command(BaseCommand):
    help = "Give every role holder exactly the permissions their roles carry today (migrate runs this too)."

    def handle(self, *args, **options):
        count = role_permissions_resync()
        self.stdout.write(f"Permissions of {count} role holders checked.")
