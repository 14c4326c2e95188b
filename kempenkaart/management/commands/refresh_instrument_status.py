"""`manage.py refresh_instrument_status`: run daily (cron, after midnight)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kempenkaart.models import Instrument


class Command(BaseCommand):
    help = _(
        "Zet de status van elk instrument op wat zijn procedurestappen er vandaag "
        "van maken (een stap met een latere datum telt pas vanaf die dag)."
    )

    def handle(self, *args, **options):
        changed = Instrument.objects.refresh_status()
        self.stdout.write(
            _("%(n)s instrument(en) kregen een nieuwe status.") % {"n": changed}
        )
