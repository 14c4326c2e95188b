"""The core's API: the municipalities as GeoJSON, and the OpenAPI schema's scope.
The router itself is assembled from every app's `portal.py` in `atelier.api_urls`."""

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

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
