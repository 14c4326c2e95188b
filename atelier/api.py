"""The core's API: the municipalities as GeoJSON, and the OpenAPI schema's scope.
The router itself is assembled from every app's `portal.py` in `atelier.api_urls`."""

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.contrib.rest_framework_gis import (
    GeoFeatureModelSerializerExtension,
)
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from .geojson import feature_collection
from .models import Gemeente
from .serializers import GemeenteSerializer

GEOJSON = "application/geo+json"
# Slugs in API URLs: a NUL byte or a stray character is a 404, without a query.
SLUG_PATTERN = "[-a-zA-Z0-9_]+"


def public_endpoints(endpoints):
    """OpenAPI: document the portal's API, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


class GeoFeatureSchema(GeoFeatureModelSerializerExtension):
    """OpenAPI of a GeoJSON Feature serializer (djangorestframework-gis), with the
    required fields that drf-spectacular's own extension leaves out: a client (and
    schemathesis) learns that a new project needs a geometry, a title and a phase."""

    priority = 1  # before drf-spectacular's extension for the same serializers

    def map_serializer(self, auto_schema, direction):
        schema = super().map_serializer(auto_schema, direction)
        plain = auto_schema._map_serializer(
            self.target, direction, bypass_extensions=True
        )
        required = plain.get("required", [])
        properties = schema["properties"]["properties"]
        own = [name for name in required if name in properties["properties"]]
        if own:
            properties["required"] = own
        if self.target.Meta.geo_field in required:
            schema["required"] = ["geometry", *(["properties"] if own else [])]
        return schema


ERROR_SCHEMAS = {
    "Fout": {
        "type": "object",
        "description": "Wat er misging, in het Nederlands.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "Invoerfouten": {
        "type": "object",
        "description": "Per parameter of veld (of `non_field_errors`) wat er niet "
        "klopt, in het Nederlands.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
}


def _error(description, schema="Fout"):
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
        },
    }


def document_errors(result, generator, request, public):
    """OpenAPI post-processing: the error answers every operation can give (DRF
    raises them outside the views, so drf-spectacular does not see them).

    - 400 where there is input to refuse (query parameters beyond `format`, a body);
    - 403 everywhere: wrong or missing credentials, or a role that may not;
    - 404 everywhere: an unknown object, or an unknown `format`;
    - 415 where there is a body: only JSON (GeoJSON) is taken;
    - 429 everywhere: throttled (see the Retry-After header)."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for operations in result["paths"].values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            queries = [
                p["name"]
                for p in operation.get("parameters", [])
                if p["in"] == "query" and p["name"] != "format"
            ]
            body = "requestBody" in operation
            if queries or body:
                responses.setdefault(
                    "400", _error("Ongeldige parameters of gegevens.", "Invoerfouten")
                )
            responses.setdefault(
                "403", _error("Niet aangemeld, ongeldige sleutel of geen toegang.")
            )
            responses.setdefault(
                "404", _error("Niet gevonden (of een onbekend `format`).")
            )
            if body:
                responses.setdefault(
                    "415", _error("Ander mediatype dan application/(geo+)json.")
                )
            responses.setdefault(
                "429", _error("Te veel aanvragen: wacht de Retry-After seconden.")
            )
    return result


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
