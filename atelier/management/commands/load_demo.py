from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from atelier import plugins


class Command(BaseCommand):
    help = (
        "Laad de demogegevens van elke app (de demo van haar portal.py), de kern "
        "eerst. Een tweede keer laden verandert niets. Er wordt geen e-mail verstuurd."
    )

    def handle(self, *args, **options):
        # Demo submissions and publications would mail demo addresses: send nothing.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        ):
            for _label, load in plugins.demo_loaders():
                load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
