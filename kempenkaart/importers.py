"""Import planning instruments from GeoJSON, GeoPackage or Shapefile (for example an
export of the Flemish planning register), reprojected to EPSG:4326.

Each row is checked on its own: a rejected row is reported and the others still
import. A re-import updates by external id instead of adding duplicates.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.contrib.gis.gdal import CoordTransform, GDALException, SpatialReference
from django.contrib.gis.geos import GEOSException
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from atelier.geometry import GeometryInputError, gdal_sandbox, open_datasource

from .models import Instrument, ProcedureStap
from .services import (
    as_multipolygon,
    instrument_refresh_status,
    instrument_set_gemeenten,
    unique_slug,
    validate_geometry,
)

TARGET_SRID = 4326

# The source fields tried for each value, in order; names match case-insensitively.
FIELD_CANDIDATES = {
    "external_id": ("id", "external_id", "OIDN"),
    "name": ("naam", "name", "NAAM", "titel"),
    "soort": ("soort", "type"),
    "register_url": ("url", "link"),
    "datum": ("datum", "datum_definitief"),
    "description": ("omschrijving", "beschrijving", "description"),
}
REQUIRED_FIELDS = ("external_id", "name")

# What registers write besides our own values and labels ("gemeentelijk RUP").
SOORT_ALIASES = {
    "grup": Instrument.Soort.GEWESTELIJK_RUP,
    "prup": Instrument.Soort.PROVINCIAAL_RUP,
    "gewestelijk ruimtelijk uitvoeringsplan": Instrument.Soort.GEWESTELIJK_RUP,
    "provinciaal ruimtelijk uitvoeringsplan": Instrument.Soort.PROVINCIAAL_RUP,
    "gemeentelijk ruimtelijk uitvoeringsplan": Instrument.Soort.GEMEENTELIJK_RUP,
    "bijzonder plan van aanleg": Instrument.Soort.BPA,
}

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%Y")

Progress = Callable[[int, int], None]


class InstrumentImportError(Exception):
    """The file as a whole cannot be imported (unreadable, no such layer, no SRS…)."""


@dataclass(frozen=True)
class RejectedRow:
    row: int  # 1-based, in the order of the file
    external_id: str
    reason: str


@dataclass
class ImportReport:
    path: str = ""
    layer: str = ""
    srs: str = ""
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    dry_run: bool = False

    @property
    def imported(self):
        return self.created + self.updated + self.unchanged


@dataclass
class _Row:
    external_id: str
    name: str
    soort: str | None
    register_url: str | None  # None: the file has no such field, leave it alone
    datum: object  # as the file gives it: a date, a text or None
    description: str | None  # None: the file has no such field, leave it alone


def instrumenten_import(
    *,
    path: str | Path,
    layer: str | None = None,
    srid: int | None = None,
    default_soort: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    fields: Mapping[str, str] | None = None,
) -> ImportReport:
    """Create or update an `Instrument` per feature of `layer` (the first layer by
    default) in the file at `path`. The layer's SRS is used, or `srid` when the file
    has none. `fields` maps keys of FIELD_CANDIDATES to source field names. With
    `dry_run` everything runs inside a transaction that is rolled back.
    `progress(done, total)` is called after each row."""
    soort = _soort(default_soort) if default_soort else None
    if default_soort and soort is None:
        raise InstrumentImportError(
            _("Onbekende soort %(value)s; kies uit: %(choices)s.")
            % {"value": default_soort, "choices": ", ".join(Instrument.Soort.values)}
        )
    with gdal_sandbox():  # GDAL stays off the network while it reads the file
        return _import(path, layer, srid, soort, dry_run, progress, fields)


def _import(path, layer, srid, soort, dry_run, progress, fields):
    source = _open(path, layer)
    report = ImportReport(path=str(path), layer=source.name, dry_run=dry_run)
    source_srs = _source_srs(source, srid)
    report.srs = _describe(source_srs)
    transform = CoordTransform(source_srs, SpatialReference(TARGET_SRID))
    columns = _columns(source, fields or {})
    if columns["soort"] is None and soort is None:
        raise InstrumentImportError(
            _(
                "Geen veld voor de soort gevonden (gezocht: %(candidates)s); "
                "geef een standaardsoort op (--soort)."
            )
            % {"candidates": ", ".join(FIELD_CANDIDATES["soort"])}
        )
    report.total = len(source)
    seen = {}  # external id -> row number, to catch duplicates within the file
    try:
        with transaction.atomic():
            for number, feature in enumerate(source, start=1):
                _import_feature(
                    feature, number, columns, transform, soort, seen, report
                )
                if progress:
                    progress(number, report.total)
            if dry_run:
                transaction.set_rollback(True)
    except GDALException as error:
        raise InstrumentImportError(
            _("Het bestand %(path)s kan niet verder gelezen worden: %(error)s")
            % {"path": path, "error": error}
        ) from error
    return report


# --- the file -------------------------------------------------------------------


def _open(path, layer):
    """The layer to import, from a file that `atelier.geometry.open_datasource`
    accepts: a real GeoJSON, GeoPackage or Shapefile on disk, opened by that driver
    only (never a VRT, a URL or a database connection)."""
    if not Path(path).exists():
        raise InstrumentImportError(
            _("Het bestand %(path)s bestaat niet.") % {"path": path}
        )
    try:
        datasource = open_datasource(path)
    except GeometryInputError as error:
        raise InstrumentImportError(
            _("Het bestand %(path)s kan niet gelezen worden: %(error)s")
            % {"path": path, "error": " ".join(error.messages)}
        ) from error
    if len(datasource) == 0:
        raise InstrumentImportError(
            _("Het bestand %(path)s bevat geen lagen.") % {"path": path}
        )
    try:
        return datasource[layer] if layer else datasource[0]
    except IndexError as error:
        names = ", ".join(datasource[i].name for i in range(len(datasource)))
        raise InstrumentImportError(
            _("Het bestand heeft geen laag %(layer)s; wel: %(names)s.")
            % {"layer": layer, "names": names}
        ) from error


def _source_srs(source, srid):
    """The layer's SRS; `srid` only when the file has none."""
    if source.srs is not None:
        return source.srs
    if srid is None:
        raise InstrumentImportError(
            _(
                "Laag %(layer)s heeft geen coördinatenstelsel; geef het op met --srid "
                "(bv. 31370 voor Lambert 72, 3812 voor Lambert 2008)."
            )
            % {"layer": source.name}
        )
    try:
        return SpatialReference(int(srid))  # a number: never text GDAL would resolve
    except (GDALException, ValueError, TypeError) as error:
        raise InstrumentImportError(
            _("Onbekend coördinatenstelsel EPSG:%(srid)s.") % {"srid": srid}
        ) from error


def _describe(srs):
    code = srs.srid
    if code is None:
        try:
            identified = srs.clone()
            identified.identify_epsg()
            code = identified.srid
        except GDALException:
            code = None
    return f"EPSG:{code} ({srs.name})" if code else srs.name


def _columns(source, overrides):
    """The source field for each key of FIELD_CANDIDATES (None when absent)."""
    unknown = set(overrides) - set(FIELD_CANDIDATES)
    if unknown:
        raise ValueError(f"Unknown field keys: {sorted(unknown)}")
    available = {name.lower(): name for name in source.fields}
    columns = {}
    for key, candidates in FIELD_CANDIDATES.items():
        if overrides.get(key):
            column = available.get(overrides[key].lower())
            if column is None:
                raise InstrumentImportError(
                    _("Laag %(layer)s heeft geen veld %(field)s; wel: %(available)s.")
                    % {
                        "layer": source.name,
                        "field": overrides[key],
                        "available": ", ".join(source.fields) or "-",
                    }
                )
        else:
            column = next(
                (available[c.lower()] for c in candidates if c.lower() in available),
                None,
            )
        if column is None and key in REQUIRED_FIELDS:
            raise InstrumentImportError(
                _(
                    "Geen veld voor %(what)s gevonden (gezocht: %(candidates)s; "
                    "wel: %(available)s). Geef de veldnaam op."
                )
                % {
                    "what": Instrument._meta.get_field(key).verbose_name,
                    "candidates": ", ".join(candidates),
                    "available": ", ".join(source.fields) or "-",
                }
            )
        columns[key] = column
    return columns


# --- one row --------------------------------------------------------------------


def _import_feature(feature, number, columns, transform, default_soort, seen, report):
    external_id = ""
    try:
        row = _read(feature, columns)
        external_id = row.external_id
        if not external_id:
            raise ValidationError(_("De externe id ontbreekt."))
        if external_id in seen:
            raise ValidationError(
                _("De externe id komt al voor in rij %(row)s.")
                % {"row": seen[external_id]}
            )
        if not row.name:
            raise ValidationError(_("De naam ontbreekt."))
        soort = _row_soort(row.soort, default_soort)
        datum = _date(row.datum)
        geom = _geometry(feature, transform)
        with transaction.atomic():  # a savepoint: a failed row leaves no trace
            outcome = _save(row, soort, datum, geom)
    except ValidationError as error:
        report.rejected.append(RejectedRow(number, external_id, _reason(error)))
        return
    except IntegrityError as error:
        report.rejected.append(
            RejectedRow(
                number,
                external_id,
                _("De databank weigert de rij: %(error)s") % {"error": error},
            )
        )
        return
    seen[external_id] = number
    setattr(report, outcome, getattr(report, outcome) + 1)


def _read(feature, columns):
    def value(key):
        column = columns[key]
        return feature.get(column) if column else None

    def text(key):
        raw = value(key)
        if raw is None:
            return None if columns[key] is None else ""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # a numeric OIDN in a shapefile
        return str(raw).strip()

    return _Row(
        external_id=text("external_id") or "",
        name=text("name") or "",
        soort=text("soort") or None,
        register_url=text("register_url"),
        datum=value("datum"),
        description=text("description"),
    )


def _normalise(text):
    return re.sub(r"[\s_-]+", " ", str(text)).strip().lower()


def _soort(text):
    """The Soort a value or label stands for ("gemeentelijk RUP"), else None."""
    wanted = _normalise(text)
    for choice in Instrument.Soort:
        if wanted in (_normalise(choice.value), _normalise(choice.label)):
            return choice
    return SOORT_ALIASES.get(wanted)


def _row_soort(text, default):
    if not text:
        if default is None:
            raise ValidationError(_("De soort ontbreekt."))
        return default
    soort = _soort(text)
    if soort is None:
        raise ValidationError(
            _("Onbekende soort %(value)s.") % {"value": text}, code="soort"
        )
    return soort


def _date(raw):
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        _("Ongeldige datum van definitieve vaststelling: %(value)s.") % {"value": text}
    )


def _geometry(feature, transform):
    """The feature's geometry in EPSG:4326 as a checked MultiPolygon."""
    try:
        ogr = feature.geom
    except GDALException as error:
        raise ValidationError(_("De rij heeft geen geometrie.")) from error
    try:
        if ogr.is_3d:
            ogr.set_3d(False)
        if ogr.is_measured:
            ogr.set_measured(False)
        ogr.transform(transform)
        geom = ogr.geos
    except (GDALException, GEOSException) as error:
        raise ValidationError(
            _("De geometrie kan niet gelezen of omgezet worden (%(error)s).")
            % {"error": error}
        ) from error
    geom.srid = TARGET_SRID
    geom = as_multipolygon(geom)
    validate_geometry(geom, label=_("Het gebied"), partly_outside=True)
    return geom


def _reason(error):
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for name, messages in error.message_dict.items():
        text = " ".join(messages)
        if name != NON_FIELD_ERRORS:
            text = f"{Instrument._meta.get_field(name).verbose_name}: {text}"
        parts.append(text)
    return " ".join(parts)


def _save(row, soort, datum, geom):
    """Create or update the instrument of `row`; return "created", "updated" or
    "unchanged"."""
    instrument = Instrument.objects.filter(external_id=row.external_id).first()
    created = instrument is None
    if created:
        instrument = Instrument(external_id=row.external_id)
    values = {"name": row.name, "soort": soort}
    if row.register_url is not None:
        values["register_url"] = row.register_url
    if row.description is not None:
        values["description"] = row.description
    changed = created or not (
        instrument.geom is not None and instrument.geom.equals_exact(geom, 1e-9)
    )
    for name, new in values.items():
        if getattr(instrument, name) != new:
            setattr(instrument, name, new)
            changed = True
    instrument.geom = geom
    step_missing = datum is not None and (
        created
        or not ProcedureStap.objects.filter(
            instrument=instrument,
            stap=ProcedureStap.Stap.DEFINITIEVE_VASTSTELLING,
            datum=datum,
        ).exists()
    )
    if not changed and not step_missing:
        return "unchanged"
    if changed:
        if created:
            instrument.slug = unique_slug(Instrument, row.name)
        instrument.full_clean(exclude=["search"])
        instrument.save()
        instrument_set_gemeenten(instrument)
        instrument.gemeenten.commit()  # a ParentalManyToManyField keeps .set() in memory
    if step_missing:
        ProcedureStap.objects.create(
            instrument=instrument,
            stap=ProcedureStap.Stap.DEFINITIEVE_VASTSTELLING,
            datum=datum,
        )
    instrument_refresh_status(instrument)
    return "created" if created else "updated"
