from django.core.management.base import BaseCommand, CommandError

from atelier.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Herstel een archief van `backup` (database en bestanden) in een lege "
        "database, en controleer rijen en bestanden."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Vervang de inhoud van een database die niet leeg is.",
        )

    def handle(self, *args, **options):
        try:
            manifest = restore(options["archive"], replace=options["replace"])
        except (BackupError, OSError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Hersteld en gecontroleerd: {sum(manifest['tables'].values())} rijen, "
            f"{len(manifest['files'])} bestanden."
        )
