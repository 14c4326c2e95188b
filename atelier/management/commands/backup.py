from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from atelier.backup import BackupError, backup


class Command(BaseCommand):
    help = "Bewaar de database (pg_dump) en alle opgeladen bestanden in één archief."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Het archief (tar); standaard backups/atelier-<tijdstip>.tar.",
        )

    def handle(self, *args, **options):
        archive = options["archive"] or (
            f"backups/atelier-{timezone.now():%Y%m%d-%H%M%S}.tar"
        )
        try:
            manifest = backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{archive}: {len(manifest['tables'])} tabellen, "
            f"{sum(manifest['tables'].values())} rijen, {len(manifest['files'])} bestanden"
        )
