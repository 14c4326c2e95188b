from django.core.management.base import BaseCommand

from atelier.demo import describe_accounts


class Command(BaseCommand):
    help = "Toon de demo-accounts en hun rollen."

    def handle(self, *args, **options):
        self.stdout.write(describe_accounts())
