from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from atelier.demo.records import DemoDataError


class Command(BaseCommand):
    help = (
        "Laad de demogegevens van elke app (de map demo/ van die app: de lader en "
        "zijn gegevensbestanden). Een tweede keer laden verandert niets. Er wordt "
        "geen e-mail verstuurd. Een fout in een gegevensbestand laadt niets."
    )

    def handle(self, *args, **options):
        # Demo submissions and publications would mail demo addresses: send nothing.
        # The mails are sent after the commit, so the commit falls inside as well.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        ):
            try:
                with transaction.atomic():
                    self.load_all()
            except DemoDataError as error:
                raise CommandError(f"Demogegevens niet geladen: {error}") from error
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))

    def load_all(self):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name.startswith(("django.", "wagtail")) or not find_spec(
                module_name
            ):
                continue
            import_module(module_name).load(self.stdout)
