from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from atelier import plugins
from atelier.demo.records import DemoDataError


class Command(BaseCommand):
    help = (
        "Laad de demogegevens van elke app (de demo van haar portal.py: de map "
        "demo/ met de lader en zijn gegevensbestanden), de kern eerst. Een tweede "
        "keer laden verandert niets. Er wordt geen e-mail verstuurd. Een fout in een "
        "gegevensbestand laadt niets."
    )

    def handle(self, *args, **options):
        # Demo submissions and publications would mail demo addresses: send nothing.
        # The mails are sent after the commit, so the commit falls inside as well.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        ):
            try:
                with transaction.atomic():
                    for _label, load in plugins.demo_loaders():
                        load(self.stdout)
            except DemoDataError as error:
                raise CommandError(f"Demogegevens niet geladen: {error}") from error
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
