"""Filters of the Kempenkaart, shared by the API and the map page, so that a URL with
`?gemeente=…&thema=…` means the same in both."""

import django_filters
from django import forms
from django.contrib.gis.geos import Polygon
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from atelier.models import Gemeente, Thema
from atelier.search import text_filter

from .models import (
    INSTRUMENT_SEARCH_FIELDS,
    PROJECT_SEARCH_FIELDS,
    Instrument,
    Project,
)


class BBoxField(forms.CharField):
    """minlon,minlat,maxlon,maxlat in EPSG:4326, as a polygon."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            minlon, minlat, maxlon, maxlat = (float(v) for v in value.split(","))
        except ValueError as error:
            raise ValidationError(
                _("Geef bbox als minlon,minlat,maxlon,maxlat (vier getallen).")
            ) from error
        if not (-180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90):
            raise ValidationError(
                _("De bbox moet in lengte/breedte (EPSG:4326) liggen, min vóór max.")
            )
        return Polygon.from_bbox((minlon, minlat, maxlon, maxlat))


@extend_schema_field(
    {
        "type": "string",
        "example": "4.90,51.30,4.98,51.35",
        "description": "minlon,minlat,maxlon,maxlat",
    }
)
class BBoxFilter(django_filters.Filter):
    field_class = BBoxField


class TextParameterField(forms.CharField):
    """A query parameter as text, refused with a clear message when it holds a NUL
    byte (which PostgreSQL cannot take) before any query sees it. Messages carry
    the user's text as a parameter: a `%` in it is never formatted again."""

    def to_python(self, value):
        value = (super().to_python(value) or "").strip()
        if "\x00" in value:
            raise ValidationError(
                _("Deze waarde bevat ongeldige tekens."),
                code="null_characters_not_allowed",
            )
        return value


class CommaSeparatedField(TextParameterField):
    """`erfgoed,mobiliteit` → ["erfgoed", "mobiliteit"], each one checked."""

    def __init__(self, *args, allowed=None, **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        values = [v.strip() for v in super().to_python(value).split(",")]
        values = [v for v in values if v]
        if not values:
            return []
        allowed = self.allowed() if callable(self.allowed) else self.allowed
        unknown = sorted(set(values) - set(allowed)) if allowed is not None else []
        if unknown:
            raise ValidationError(
                _("Onbekende waarde: %(values)s"),
                code="invalid_choice",
                params={"values": ", ".join(unknown)},
            )
        return values


@extend_schema_field(
    {"type": "string", "description": "één waarde of meer, komma-gescheiden"}
)
class MultiValueFilter(django_filters.Filter):
    """Comma-separated values: `?thema=erfgoed,mobiliteit` (any of them)."""

    field_class = CommaSeparatedField

    def __init__(self, *args, lookup, allowed=None, **kwargs):
        self.lookup = lookup
        super().__init__(*args, allowed=allowed, **kwargs)

    def filter(self, qs, values):
        if not values:
            return qs
        if "__" not in self.lookup:
            return qs.filter(**{f"{self.lookup}__in": values})
        # A to-many lookup as a semi-join: no duplicate rows, no DISTINCT.
        matching = qs.model.objects.filter(**{f"{self.lookup}__in": values})
        return qs.filter(pk__in=matching.values("pk"))


class GemeenteField(TextParameterField):
    """A municipality by NIS code or slug."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        field = "nis_code" if value.isdigit() else "slug"
        gemeente = Gemeente.objects.filter(**{field: value}).first()
        if gemeente is None:
            raise ValidationError(
                _("Onbekende gemeente: %(value)s"),
                code="invalid_choice",
                params={"value": value},
            )
        return gemeente


@extend_schema_field({"type": "string", "description": "NIS-code of slug"})
class GemeenteFilter(django_filters.Filter):
    field_class = GemeenteField


def thema_slugs():
    return list(Thema.objects.values_list("slug", flat=True))


def search_filter(qs, fields, text):
    """What the portal search (`/zoeken/`) finds, in its one configuration
    (`atelier.search.text_filter`: Dutch, accents ignored, plus a substring of the
    name), as a semi-join: the queryset keeps its own columns and order."""
    found = text_filter(
        qs.model._default_manager.all(), text, fields=fields, vector="search"
    )
    return qs.filter(pk__in=found.values("pk"))


class KaartFilterSet(django_filters.FilterSet):
    gemeente = GemeenteFilter(
        method="filter_gemeente", label=_("Gemeente (NIS-code of slug)")
    )
    thema = MultiValueFilter(
        lookup="themas__slug", allowed=thema_slugs, label=_("Thema")
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Zoeken"))
    bbox = BBoxFilter(method="filter_bbox", label=_("Gebied (bbox)"))
    jaar = django_filters.NumberFilter(
        method="filter_jaar", label=_("Jaar"), min_value=1800, max_value=2200
    )

    def filter_q(self, qs, name, value):
        return search_filter(qs, self.search_fields, value) if value else qs


class ProjectFilterSet(KaartFilterSet):
    search_fields = PROJECT_SEARCH_FIELDS
    fase = MultiValueFilter(lookup="fase", allowed=Project.Fase.values, label=_("Fase"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("title", "titel"),
            ("start_jaar", "jaar"),
            ("gemeente__name", "gemeente"),
        ),
        label=_("Sorteren"),
    )

    class Meta:
        model = Project
        fields = []

    def filter_gemeente(self, qs, name, value):
        return qs.filter(gemeente=value) if value else qs

    def filter_bbox(self, qs, name, value):
        return qs.filter(locatie__intersects=value) if value else qs

    def filter_jaar(self, qs, name, value):
        """Projects running in that year."""
        if value is None:
            return qs
        return qs.filter(
            Q(start_jaar__lte=value) | Q(start_jaar__isnull=True),
            Q(eind_jaar__gte=value) | Q(eind_jaar__isnull=True),
        ).exclude(start_jaar__isnull=True, eind_jaar__isnull=True)


class InstrumentFilterSet(KaartFilterSet):
    search_fields = INSTRUMENT_SEARCH_FIELDS
    soort = MultiValueFilter(
        lookup="soort", allowed=Instrument.Soort.values, label=_("Soort")
    )
    status = MultiValueFilter(
        lookup="status", allowed=Instrument.Status.values, label=_("Status")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "naam"), ("status", "status"), ("soort", "soort")),
        label=_("Sorteren"),
    )

    class Meta:
        model = Instrument
        fields = []

    def filter_gemeente(self, qs, name, value):
        return qs.filter(gemeenten=value) if value else qs

    def filter_bbox(self, qs, name, value):
        return qs.filter(geom__intersects=value) if value else qs

    def filter_jaar(self, qs, name, value):
        """Instruments with a procedure step in that year."""
        if value is None:
            return qs
        return qs.filter(
            pk__in=Instrument.objects.filter(stappen__datum__year=value).values("pk")
        )
