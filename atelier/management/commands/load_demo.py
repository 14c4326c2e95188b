from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.test.utils import override_settings


class Command(BaseCommand):
    help = (
        "Laad de demogegevens van elke app (de module demo.py van die app). "
        "Een tweede keer laden verandert niets. Er wordt geen e-mail verstuurd."
    )

    def handle(self, *args, **options):
        # Demo submissions and publications would mail demo addresses: send nothing.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        ):
            self.load_all()
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))

    def load_all(self):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name.startswith(("django.", "wagtail")) or not find_spec(
                module_name
            ):
                continue
            import_module(module_name).load(self.stdout)
