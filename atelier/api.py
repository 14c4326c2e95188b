"""The portal's one API router (namespace "api"); each app registers its viewsets here."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.routers import DefaultRouter, SimpleRouter

from kempenkaart.api import (
    SLUG_PATTERN,
    AantallenPerGemeenteView,
    InstrumentViewSet,
    ProjectViewSet,
    WatGeldtHierView,
)

from .geojson import feature_collection
from .models import Gemeente
from .serializers import GemeenteSerializer

GEOJSON = "application/geo+json"


def public_endpoints(endpoints):
    """OpenAPI: document the portal's API, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


@extend_schema_view(
    list=extend_schema(
        summary="Gemeenten als GeoJSON FeatureCollection",
        description="De 29 gemeenten van de Kempen (IOK-regio) met hun grens in "
        "EPSG:4326. Bron grenzen: " + settings.BOUNDARY_ATTRIBUTION,
    ),
    retrieve=extend_schema(summary="Eén gemeente als GeoJSON Feature"),
)
class GemeenteViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = GemeenteSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    queryset = Gemeente.objects.with_area()

    def list(self, request, *args, **kwargs):
        collection = feature_collection(
            self.filter_queryset(self.get_queryset()),
            geometry="geom",
            properties={
                "nis_code": "nis_code",
                "naam": "name",
                "slug": "slug",
                "oppervlakte_km2": "area_km2",
            },
        )
        return HttpResponse(collection, content_type=GEOJSON)


router = DefaultRouter() if settings.DEBUG else SimpleRouter()
router.register("gemeenten", GemeenteViewSet, basename="gemeente")
router.register("instrumenten", InstrumentViewSet, basename="instrument")
router.register("projecten", ProjectViewSet, basename="project")

app_name = "api"
urlpatterns = [
    path("wat-geldt-hier/", WatGeldtHierView.as_view(), name="wat-geldt-hier"),
    path("per-gemeente/", AantallenPerGemeenteView.as_view(), name="per-gemeente"),
    *router.urls,
]
