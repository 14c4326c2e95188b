import signal

from django.core.management.base import BaseCommand

from atelier.tasks import run_worker


class Command(BaseCommand):
    help = (
        "Voer de achtergrondtaken uit (mails, PDF's, zoekindex): zoveel workers als "
        "nodig, op elke machine."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            help="Wachtrij (standaard: default).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Stop zodra er geen taak meer klaarstaat.",
        )
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, **options):
        stopping = []
        # Finish the task at hand on SIGTERM (docker stop), then stop.
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        done = run_worker(
            queues=options["queues"] or ["default"],
            once=options["once"],
            interval=options["interval"],
            stop=lambda: bool(stopping),
        )
        self.stdout.write(f"{done} taken uitgevoerd.")
