from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Laad de demogegevens van elke app (de module demo.py van die app). "
        "Een tweede keer laden verandert niets."
    )

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name.startswith(("django.", "wagtail")) or not find_spec(
                module_name
            ):
                continue
            import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
