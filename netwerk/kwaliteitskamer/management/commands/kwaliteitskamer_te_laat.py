"""Mail IOK staff the advice that is past its deadline (10 working days after the
sitting, Belgian public holidays counted). Run daily, e.g. from cron."""

from django.core.management.base import BaseCommand

from netwerk.kwaliteitskamer import services


class Command(BaseCommand):
    help = "Mail IOK-medewerkers de adviezen van de kwaliteitskamer die te laat zijn."

    def handle(self, *args, **options):
        overdue, recipients = services.overdue_notify()
        self.stdout.write(
            f"{len(overdue)} adviezen te laat; {len(recipients)} ontvangers gemaild."
        )
