from django.core.management.base import BaseCommand

from netwerk.services import inschrijvingen_remind


class Command(BaseCommand):
    help = (
        "Stuur wie bevestigd ingeschreven is voor een bijeenkomst die binnen twee "
        "dagen begint een herinnering, eenmaal (draai dit elk uur)."
    )

    def handle(self, *args, **options):
        count = inschrijvingen_remind()
        self.stdout.write(f"{count} herinnering(en) verstuurd.")
