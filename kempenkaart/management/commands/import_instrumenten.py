"""Import planning instruments from GeoJSON, GeoPackage or Shapefile."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kempenkaart.importers import (
    FIELD_CANDIDATES,
    InstrumentImportError,
    instrumenten_import,
)

FIELD_OPTIONS = {  # option -> key of FIELD_CANDIDATES
    "id_field": "external_id",
    "name_field": "name",
    "soort_field": "soort",
    "url_field": "register_url",
    "datum_field": "datum",
    "description_field": "description",
}


class ProgressBar:
    """`[#####-----] 50/100` on a terminal; a line every 10% otherwise (logs, cron)."""

    width = 30

    def __init__(self, out):
        self.out = out
        self.tty = out.isatty()
        self.shown = 0  # tenths shown so far, off a terminal

    def __call__(self, done, total):
        if not total:
            return
        if self.tty:
            filled = self.width * done // total
            bar = "#" * filled + "-" * (self.width - filled)
            self.out.write(
                f"\r[{bar}] {done}/{total}", ending="\n" if done == total else ""
            )
            self.out.flush()
            return
        tenths = 10 * done // total
        if tenths > self.shown:
            self.shown = tenths
            self.out.write(f"{done}/{total} ({100 * done // total}%)")


class Command(BaseCommand):
    help = _(
        "Importeer planologische instrumenten uit GeoJSON, GeoPackage of Shapefile "
        "(bv. een export van het Vlaamse planningsregister). Een nieuwe import werkt "
        "bij op externe id."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Het bestand (.geojson, .gpkg, .shp)."))
        parser.add_argument("--layer", help=_("De laag (standaard de eerste)."))
        parser.add_argument(
            "--srid",
            type=int,
            help=_(
                "EPSG-code als het bestand geen coördinatenstelsel heeft "
                "(bv. 31370 voor Lambert 72, 3812 voor Lambert 2008)."
            ),
        )
        parser.add_argument(
            "--soort",
            help=_("Soort voor rijen zonder soort (waarde of label, bv. 'bpa')."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Alles controleren en rapporteren, niets opslaan."),
        )
        for option, key in FIELD_OPTIONS.items():
            parser.add_argument(
                "--" + option.replace("_", "-"),
                dest=option,
                metavar="VELD",
                help=_("Bronveld voor %(key)s (standaard: %(defaults)s).")
                % {"key": key, "defaults": " / ".join(FIELD_CANDIDATES[key])},
            )

    def handle(self, *args, path, layer, srid, soort, dry_run, **options):
        fields = {
            key: options[opt] for opt, key in FIELD_OPTIONS.items() if options[opt]
        }
        try:
            report = instrumenten_import(
                path=path,
                layer=layer,
                srid=srid,
                default_soort=soort,
                dry_run=dry_run,
                progress=ProgressBar(self.stdout),
                fields=fields,
            )
        except InstrumentImportError as error:
            raise CommandError(str(error)) from error

        self.stdout.write(
            _("Laag %(layer)s, %(total)s rijen, coördinatenstelsel %(srs)s.")
            % {"layer": report.layer, "total": report.total, "srs": report.srs}
        )
        if report.dry_run:
            self.stdout.write(
                self.style.WARNING(_("Proefdraai: er is niets opgeslagen."))
            )
        summary = _(
            "%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd, "
            "%(rejected)s afgewezen."
        ) % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": len(report.rejected),
        }
        style = self.style.WARNING if report.rejected else self.style.SUCCESS
        self.stdout.write(style(summary))
        if report.rejected:
            self.stdout.write(_("Afgewezen rijen:"))
        for rejected in report.rejected:
            self.stdout.write(
                _("  rij %(row)s (%(id)s): %(reason)s")
                % {
                    "row": rejected.row,
                    "id": rejected.external_id or _("geen id"),
                    "reason": rejected.reason,
                }
            )
