"""The Kempenkaart API: instruments and projects as GeoJSON (written by PostGIS),
with filters, bbox, paging and CSV/GeoJSON export; "Wat geldt hier?"."""

from django.contrib.gis.db.models.functions import Centroid
from django.contrib.gis.geos import Point
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, FloatField, Func, OuterRef
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import parsers, permissions, serializers, viewsets
from rest_framework.exceptions import UnsupportedMediaType, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from atelier import exports
from atelier.api import SLUG_PATTERN
from atelier.geojson import feature_collection, features_json, wrap_collection
from atelier.models import Gemeente, Thema

from . import rules
from .filters import InstrumentFilterSet, ProjectFilterSet
from .models import Instrument, Project
from .serializers import InstrumentSerializer, ProjectSerializer

GEOJSON = "application/geo+json"
DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10_000
# Far past any real collection, and (page - 1) * MAX_PAGE_SIZE stays a bigint.
MAX_PAGE = 1_000_000_000
MAX_ZOOM = 22


class GeoJSONRenderer(JSONRenderer):
    media_type = GEOJSON
    format = "geojson"


# The JSON parser of the API's settings (DEFAULT_PARSER_CLASSES), whatever it guards
# against, for both media types of a GeoJSON Feature; no form parsers for projects.
JSON_PARSER = next(
    parser
    for parser in api_settings.DEFAULT_PARSER_CLASSES
    if issubclass(parser, parsers.JSONParser)
)


class GeoJSONParser(JSON_PARSER):
    media_type = GEOJSON


class CSVRenderer(JSONRenderer):
    """Only chooses the format: the CSV itself is streamed by the view; errors are
    still answered in JSON."""

    media_type = "text/csv"
    format = "csv"


RENDERERS = [JSONRenderer, GeoJSONRenderer, CSVRenderer]

LIST_PARAMETERS = [
    OpenApiParameter("page", int, description="Paginanummer (vanaf 1)."),
    OpenApiParameter(
        "page_size", int, description=f"Features per pagina (max {MAX_PAGE_SIZE})."
    ),
    OpenApiParameter(
        "format",
        str,
        enum=["json", "geojson", "csv"],
        description="`geojson` en `csv`: download van de hele gefilterde selectie.",
    ),
]


def st_x(geometry):
    return Func(geometry, function="ST_X", output_field=FloatField())


def st_y(geometry):
    return Func(geometry, function="ST_Y", output_field=FloatField())


def int_parameter(request, name, *, default, minimum, maximum, message):
    """The query parameter `name` as a whole number from `minimum` to `maximum`;
    anything else (text, "²", a number past the limits) is a 400 with `message`."""
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not minimum <= number <= maximum:
        raise ValidationError({name: [message]})
    return number


def positive_int(request, name, default, maximum):
    return int_parameter(
        request,
        name,
        default=default,
        minimum=1,
        maximum=maximum,
        message=_("Geef een positief geheel getal (1–%(max)s).") % {"max": maximum},
    )


def themas_of(model):
    through = model.themas.through
    owner = f"{model._meta.model_name}_id"
    return ArraySubquery(
        Thema.objects.filter(
            pk__in=through.objects.filter(**{owner: OuterRef(OuterRef("pk"))}).values(
                "thema_id"
            )
        ).values("slug")
    )


class CollectionViewSetMixin:
    """List = a FeatureCollection built by PostGIS from the filtered QuerySet."""

    renderer_classes = RENDERERS
    geometry = None
    csv_columns = {}

    def collection_properties(self):
        raise NotImplementedError

    def collection_geometry(self, queryset):
        return queryset, self.geometry

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        export = request.query_params.get("format")
        if export == "csv":
            return self.csv_response(queryset)
        queryset, geometry = self.collection_geometry(queryset)
        if export == "geojson":  # the whole filtered selection, as a file
            response = HttpResponse(
                feature_collection(
                    queryset, geometry=geometry, properties=self.collection_properties()
                ),
                content_type=GEOJSON,
            )
            response["Content-Disposition"] = (
                f'attachment; filename="{self.basename}-export.geojson"'
            )
            return response
        page = positive_int(request, "page", 1, MAX_PAGE)
        page_size = positive_int(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        offset = (page - 1) * page_size
        features, returned = features_json(
            queryset,
            geometry=geometry,
            properties=self.collection_properties(),
            limit=page_size,
            offset=offset,
        )
        if offset == 0 and returned < page_size:
            matched = returned  # the first page holds them all: no count needed
        else:
            matched = queryset.count()
        members = {
            "numberMatched": matched,
            "numberReturned": max(0, min(page_size, matched - offset)),
            "links": self.page_links(request, page, page_size, matched),
        }
        return HttpResponse(wrap_collection(features, members), content_type=GEOJSON)

    def page_links(self, request, page, page_size, matched):
        links = []
        for rel, number in (("prev", page - 1), ("next", page + 1)):
            if 1 <= number and (number - 1) * page_size < matched:
                query = request.query_params.copy()
                query["page"] = number
                links.append(
                    {
                        "rel": rel,
                        "href": request.build_absolute_uri(
                            f"{request.path}?{query.urlencode()}"
                        ),
                    }
                )
        return links

    def csv_response(self, queryset):
        headers = list(self.csv_columns)
        annotated = queryset.annotate(
            **{f"c_{i}": expr for i, expr in enumerate(self.csv_columns.values())}
        )
        rows = annotated.values_list(*[f"c_{i}" for i in range(len(headers))]).iterator(
            chunk_size=2000
        )
        return exports.csv_response(self.basename, headers, rows)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if request.query_params.get("format") == "geojson":
            response["Content-Disposition"] = (
                f'attachment; filename="{self.basename}-{kwargs["slug"]}.geojson"'
            )
        return response


@extend_schema_view(
    list=extend_schema(
        summary="Planologische instrumenten als GeoJSON FeatureCollection",
        parameters=[
            *LIST_PARAMETERS,
            OpenApiParameter(
                "zoom",
                int,
                description="Kaartzoom (0–22): vereenvoudigt de vlakken in de "
                "databank tot op een halve pixel.",
            ),
        ],
    ),
    retrieve=extend_schema(summary="Eén instrument met zijn procedure"),
)
class InstrumentViewSet(CollectionViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    geometry = "geom"
    csv_columns = {
        "slug": F("slug"),
        "naam": F("name"),
        "soort": F("soort"),
        "status": F("status"),
        "gemeenten": ArraySubquery(
            Gemeente.objects.filter(instrumenten=OuterRef("pk")).values("name")
        ),
        "register_url": F("register_url"),
        "lon": st_x(Centroid("geom")),
        "lat": st_y(Centroid("geom")),
    }

    def get_queryset(self):
        if self.action == "retrieve":
            return Instrument.objects.prefetch_related("gemeenten", "themas", "stappen")
        return Instrument.objects.all()

    def collection_properties(self):
        return {
            "slug": "slug",
            "naam": "name",
            "soort": "soort",
            "status": "status",
            "themas": themas_of(Instrument),
        }

    def collection_geometry(self, queryset):
        zoom = int_parameter(
            self.request,
            "zoom",
            default=None,
            minimum=0,
            maximum=MAX_ZOOM,
            message=_("Geef een zoomniveau van 0 tot %(max)s.") % {"max": MAX_ZOOM},
        )
        if zoom is None:
            return queryset, "geom"
        half_pixel = 360 / (256 * 2**zoom) / 2  # degrees
        # For display only: ST_Simplify (keeping small rings) is some 3× faster than
        # ST_SimplifyPreserveTopology for the same result on screen.
        simplified = Func(
            "geom",
            half_pixel,
            True,
            function="ST_Simplify",
            output_field=Instrument._meta.get_field("geom"),
        )
        return queryset.annotate(geom_api=simplified), "geom_api"


class ProjectPermission(permissions.BasePermission):
    """Anyone reads what is published; users who may add projects add them; only the
    submitter (or IOK staff) changes a project."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.method == "POST":
            return rules.may_submit(request.user)
        return request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        # (The queryset is `visible_to`: another's unpublished project is a 404
        # before this is asked, as on the site.)
        return request.method in permissions.SAFE_METHODS or rules.may_edit_project(
            request.user, obj
        )


@extend_schema_view(
    list=extend_schema(
        summary="Kwalitatieve projecten als GeoJSON FeatureCollection",
        parameters=LIST_PARAMETERS,
    ),
    retrieve=extend_schema(summary="Eén project"),
    create=extend_schema(
        summary="Een project indienen (partners, gemeenten)",
        description="Het project blijft onzichtbaar tot IOK het publiceert.",
    ),
    update=extend_schema(summary="Een eigen project wijzigen"),
    partial_update=extend_schema(summary="Een eigen project deels wijzigen"),
)
class ProjectViewSet(CollectionViewSetMixin, viewsets.ModelViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    permission_classes = [ProjectPermission]
    parser_classes = [JSON_PARSER, GeoJSONParser]  # a GeoJSON Feature, not a form
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    geometry = "locatie"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    csv_columns = {
        "slug": F("slug"),
        "titel": F("title"),
        "fase": F("fase"),
        "start_jaar": F("start_jaar"),
        "eind_jaar": F("eind_jaar"),
        "gemeente": F("gemeente__name"),
        "nis_code": F("gemeente__nis_code"),
        "themas": themas_of(Project),
        "lon": st_x("locatie"),
        "lat": st_y("locatie"),
    }

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user).select_related("gemeente")

    def handle_exception(self, exc):
        if isinstance(exc, UnsupportedMediaType):
            exc = UnsupportedMediaType(
                self.request.content_type,
                detail=_(
                    "Ongeldig mediatype %(type)s: stuur het project als GeoJSON "
                    "Feature (Content-Type application/json of application/geo+json)."
                )
                % {"type": self.request.content_type.split(";")[0]},
            )
        return super().handle_exception(exc)

    def collection_properties(self):
        return {
            "slug": "slug",
            "titel": "title",
            "fase": "fase",
            "start_jaar": "start_jaar",
            "eind_jaar": "eind_jaar",
            "gemeente": "gemeente__name",
            "nis_code": "gemeente__nis_code",
            "themas": themas_of(Project),
            "gepubliceerd": "live",
        }


class WatGeldtHierSerializer(serializers.Serializer):
    lon = serializers.FloatField(min_value=-180, max_value=180)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    afstand = serializers.IntegerField(min_value=10, max_value=5000, default=500)


class WatGeldtHierView(APIView):
    """What applies at a point: the municipality, the instruments that cover it and the
    published projects nearby."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Wat geldt hier?",
        parameters=[WatGeldtHierSerializer],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        params = WatGeldtHierSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        point = Point(
            params.validated_data["lon"], params.validated_data["lat"], srid=4326
        )
        metres = params.validated_data["afstand"]
        gemeente = Gemeente.objects.filter(geom__intersects=point).first()
        instrumenten = Instrument.objects.at(point).exclude(
            status=Instrument.Status.OPGEHEVEN
        )
        projecten = Project.objects.published().near(point, metres)[:25]
        build = request.build_absolute_uri
        return Response(
            {
                "lon": point.x,
                "lat": point.y,
                "gemeente": gemeente
                and {
                    "naam": gemeente.name,
                    "nis_code": gemeente.nis_code,
                    "url": build(gemeente.get_absolute_url()),
                },
                "instrumenten": [
                    {
                        "naam": i.name,
                        "soort": i.get_soort_display(),
                        "status": i.get_status_display(),
                        "url": build(i.get_absolute_url()),
                    }
                    for i in instrumenten.order_by("soort", "name")
                ],
                "afstand_m": metres,
                "projecten": [
                    {
                        "titel": p.title,
                        "fase": p.get_fase_display(),
                        "afstand_m": round(p.afstand.m),
                        "url": build(p.get_absolute_url()),
                    }
                    for p in projecten
                ],
            }
        )


class AantallenPerGemeenteView(APIView):
    """Counts per municipality of the (filtered) projects or instruments, for the
    choropleth mode of the map."""

    permission_classes = [permissions.AllowAny]
    layers = {"projecten": ProjectFilterSet, "instrumenten": InstrumentFilterSet}

    @extend_schema(
        summary="Aantal projecten of instrumenten per gemeente",
        description="Telt wat de filters van de gekozen laag selecteren (dezelfde "
        "als in /api/projecten/ en /api/instrumenten/).",
        parameters=[
            OpenApiParameter("laag", str, enum=["projecten", "instrumenten"]),
            *(
                OpenApiParameter(name, str, description=description)
                for name, description in [
                    ("gemeente", "NIS-code of slug"),
                    ("thema", "één waarde of meer, komma-gescheiden"),
                    ("fase", "projecten: één waarde of meer, komma-gescheiden"),
                    ("soort", "instrumenten: één waarde of meer, komma-gescheiden"),
                    ("status", "instrumenten: één waarde of meer, komma-gescheiden"),
                    ("q", "zoektekst"),
                    ("bbox", "minlon,minlat,maxlon,maxlat"),
                    ("jaar", "een jaartal"),
                ]
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        layer = request.query_params.get("laag", "projecten")
        if layer not in self.layers:
            raise ValidationError({"laag": [_("Kies projecten of instrumenten.")]})
        filterset_class = self.layers[layer]
        base = (
            Project.objects.visible_to(request.user)
            if layer == "projecten"
            else Instrument.objects.all()
        )
        filterset = filterset_class(
            request.query_params, queryset=base, request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        key = "gemeente__nis_code"
        if layer == "projecten":
            rows = filterset.qs.order_by()
        else:
            # Count the (instrument, gemeente) links: unique pairs, no DISTINCT; join
            # the instruments only when a filter narrows them.
            rows = Instrument.gemeenten.through.objects.order_by()
            if any(filterset.form.cleaned_data.values()):
                rows = rows.filter(instrument_id__in=filterset.qs.values("pk"))
        counts = rows.values(key).annotate(n=Count("*")).values_list(key, "n")
        return Response({"laag": layer, "aantallen": dict(counts)})
