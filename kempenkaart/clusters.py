"""The Kempenkaart at every zoom: one request per layer for the map view (bbox, zoom and
the filters of kempenkaart.filters), answered with the features themselves when few
enough match, otherwise with the whole selection counted per cell of a grid, in
PostGIS. Never an arbitrary subset: the counts of the clusters add up to the features
the filters match in the view (`numberMatched`).

A feature stands in its cell by a point that PostgreSQL keeps beside it (the generated
columns `kaart_x`, `kaart_y` of migration 0004: a point on an instrument's surface, a
project's location), so clustering all of Flanders reads a narrow index, not 100,000
polygons. Cells are `CELL_PX` pixels wide at the requested zoom on a grid anchored at
0°,0° (clusters stay put while the map pans), wider when the bbox would need more than
`MAX_CELLS` across.
"""

import math
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, FloatField
from django.db.models.expressions import RawSQL
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from atelier.geojson import features_json, wrap_collection

from .api import (
    GEOJSON,
    GeoJSONRenderer,
    instrument_properties,
    project_properties,
    simplified_geom,
    zoom_parameter,
)
from .filters import InstrumentFilterSet, ProjectFilterSet
from .models import Instrument, Project

CELL_PX = 80
MAX_CELLS = 40  # across the bbox, either way: at most 1,600 clusters
COORDINATE_DIGITS = 5  # about a metre


@dataclass(frozen=True)
class Layer:
    filterset_class: type
    model: type
    limit: int  # at most this many map points in view: the features one by one
    most: int  # ... unless more than this many reach into it (under 300 KiB)

    def queryset(self, request):
        if self.model is Project:
            return Project.objects.visible_to(request.user)
        return Instrument.objects.all()

    def properties(self):
        return (
            project_properties() if self.model is Project else instrument_properties()
        )

    def geometry(self, queryset, zoom):
        if self.model is Project:
            return queryset, "locatie"
        return queryset.annotate(geom_api=simplified_geom(zoom)), "geom_api"


LAYERS = {
    "projecten": Layer(ProjectFilterSet, Project, limit=500, most=500),
    "instrumenten": Layer(InstrumentFilterSet, Instrument, limit=200, most=300),
}


def grid(zoom, extent):
    """The cell size (degrees of longitude, of latitude) for `zoom` over `extent`:
    square on a Web Mercator map near the bbox's latitude."""
    west, south, east, north = extent
    latitude = max(-80, min(80, round((south + north) / 2)))
    ratio = math.cos(math.radians(latitude))
    width = CELL_PX * 360 / (256 * 2**zoom)
    while (east - west) / width > MAX_CELLS or (north - south) / (
        width * ratio
    ) > MAX_CELLS:
        width *= 2
    return width, width * ratio


def map_point(model, axis):
    table = connection.ops.quote_name(model._meta.db_table)
    return RawSQL(f"{table}.kaart_{axis}", [], output_field=FloatField())


def in_view(queryset, extent):
    """The rows of `queryset` whose map point lies in `extent`, with it as x, y."""
    west, south, east, north = extent
    return (
        queryset.annotate(
            kaart_px=map_point(queryset.model, "x"),
            kaart_py=map_point(queryset.model, "y"),
        )
        .filter(
            kaart_px__gte=west,
            kaart_px__lte=east,
            kaart_py__gte=south,
            kaart_py__lte=north,
        )
        .order_by()
    )


def clusters_json(points, size):
    """`points` (from `in_view`) counted per grid cell of `size`: a JSON array of
    Point features (at the mean of their members, with `aantal` and the `bbox` of the
    members) and their total."""
    inner_sql, params = points.values(
        x=F("kaart_px"), y=F("kaart_py")
    ).query.sql_with_params()
    digits = COORDINATE_DIGITS

    def rounded(column):
        return f"round(c.{column}::numeric, {digits})"

    sql = f"""
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature',
            'geometry', json_build_object(
                'type', 'Point', 'coordinates', json_build_array({rounded("x")}, {rounded("y")})),
            'properties', json_build_object(
                'aantal', c.n,
                'bbox', json_build_array({rounded("x0")}, {rounded("y0")},
                                         {rounded("x1")}, {rounded("y1")}))
        ) ORDER BY c.n DESC, c.x, c.y), '[]'::json)::text, COALESCE(sum(c.n), 0)::bigint
        FROM (
            SELECT count(*) AS n, avg(t.x) AS x, avg(t.y) AS y,
                   min(t.x) AS x0, min(t.y) AS y0, max(t.x) AS x1, max(t.y) AS y1
            FROM ({inner_sql}) t
            GROUP BY floor(t.x / %s)::bigint, floor(t.y / %s)::bigint
        ) c
    """
    with transaction.atomic(), connection.cursor() as cursor:
        # Grouping 100,000 points in memory, not in a sort on disk.
        cursor.execute("SET LOCAL work_mem = '32MB'")
        cursor.execute(sql, [*params, *size])
        return cursor.fetchone()


def filter_parameters(filterset_class):
    return [
        OpenApiParameter(name, str, description=str(field.label or name))
        for name, field in filterset_class.base_filters.items()
        if name != "ordering"
    ]


class KaartLaagView(APIView):
    """One layer of the map for one view: its features, or clusters with counts."""

    permission_classes = [permissions.AllowAny]
    renderer_classes = [JSONRenderer, GeoJSONRenderer]
    layer = None

    def get(self, request):
        layer = LAYERS[self.layer]
        zoom = zoom_parameter(request, default=None)
        if zoom is None:
            raise ValidationError({"zoom": [_("Geef een zoomniveau van 0 tot 22.")]})
        filterset = layer.filterset_class(
            request.query_params, queryset=layer.queryset(request), request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        bbox = filterset.form.cleaned_data.get("bbox")
        extent = bbox.extent if bbox else (-180.0, -90.0, 180.0, 90.0)
        # The same filters but the bbox, which selects by map point (what a cluster
        # stands for): a narrow index answers whether few enough are in view.
        unbounded = request.query_params.copy()
        unbounded.pop("bbox", None)
        points = in_view(
            layer.filterset_class(
                unbounded, queryset=layer.queryset(request), request=request
            ).qs,
            extent,
        )
        if not points[layer.limit : layer.limit + 1].exists():
            # The features themselves, as the bbox filter selects them (an area may
            # reach into the view): all of them, or clusters after all.
            queryset, geometry = layer.geometry(filterset.qs, zoom)
            features, returned = features_json(
                queryset,
                geometry=geometry,
                properties=layer.properties(),
                limit=layer.most + 1,
            )
            if returned <= layer.most:
                members = {
                    "numberMatched": returned,
                    "numberReturned": returned,
                    "geclusterd": False,
                }
                return self.answer(features, members)
        features, matched = clusters_json(points, grid(zoom, extent))
        return self.answer(features, {"numberMatched": matched, "geclusterd": True})

    def answer(self, features, members):
        return HttpResponse(wrap_collection(features, members), content_type=GEOJSON)


def layer_schema(name, summary):
    limits = ", ".join(f"{key}: {layer.limit}" for key, layer in LAYERS.items())
    return extend_schema(
        summary=summary,
        description=(
            "Eén laag van de kaart voor één kaartbeeld, met dezelfde filters als de "
            f"lijst. Passen er weinig in het beeld ({limits}), dan de features zelf "
            "(`geclusterd: false`); anders de hele selectie, geteld per cel van een "
            "raster (`geclusterd: true`): punten met `aantal` en de `bbox` van wat ze "
            "tellen. De aantallen tellen op tot `numberMatched`."
        ),
        parameters=[
            OpenApiParameter(
                "zoom", int, required=True, description="Kaartzoom (0–22)."
            ),
            *filter_parameters(LAYERS[name].filterset_class),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )


class KaartProjectenView(KaartLaagView):
    layer = "projecten"

    @layer_schema("projecten", "Projecten voor een kaartbeeld, of hun clusters")
    def get(self, request):
        return super().get(request)


class KaartInstrumentenView(KaartLaagView):
    layer = "instrumenten"

    @layer_schema("instrumenten", "Instrumenten voor een kaartbeeld, of hun clusters")
    def get(self, request):
        return super().get(request)
