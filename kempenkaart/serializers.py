from collections.abc import Mapping

from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from atelier.geometry import force_2d
from atelier.models import Gemeente, Organisatie, Thema

from . import services
from .models import Instrument, ProcedureStap, Project


class GeoJSONGeometryField(GeometryField):
    """A GeoJSON geometry read by `services.parse_geojson_geometry` (Python, not
    GDAL): 2-D, EPSG:4326, with a clear message for anything else."""

    def to_internal_value(self, value):
        if isinstance(value, GEOSGeometry):
            return force_2d(value)
        try:
            return services.parse_geojson_geometry(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class ProcedureStapSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureStap
        fields = ["stap", "datum", "opmerking", "besluit_url"]


class InstrumentSerializer(GeoFeatureModelSerializer):
    naam = serializers.CharField(source="name")
    gemeenten = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    themas = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    stappen = ProcedureStapSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        geo_field = "geom"
        fields = [
            "slug",
            "naam",
            "soort",
            "status",
            "description",
            "gemeenten",
            "themas",
            "register_url",
            "stappen",
            "url",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class ProjectSerializer(GeoFeatureModelSerializer):
    """A project as a GeoJSON Feature (geometry: its location). Writing follows the
    same rules as the submission form: the geometry must lie in the Kempen and in the
    chosen municipality, which the submitter may add projects to."""

    titel = serializers.CharField(source="title", max_length=200)
    beschrijving = serializers.CharField(
        source="description", required=False, allow_blank=True
    )
    themas = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Thema.objects.all(), required=False
    )
    partners = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        queryset=Organisatie.objects.eligible_as_project_partner(),
        required=False,
        error_messages={
            "does_not_exist": _(
                "Geen partnerorganisatie: {value}. Een gemeente is geen "
                "projectpartner: ze volgt uit de ligging."
            )
        },
    )
    gemeente = serializers.SlugRelatedField(
        slug_field="slug", queryset=Gemeente.objects.all(), required=False
    )
    locatie = GeoJSONGeometryField()
    omtrek = GeoJSONGeometryField(required=False, allow_null=True)
    status = serializers.CharField(source="moderation_status", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        geo_field = "locatie"
        fields = [
            "slug",
            "titel",
            "beschrijving",
            "fase",
            "start_jaar",
            "eind_jaar",
            "themas",
            "partners",
            "contact_naam",
            "contact_email",
            "omtrek",
            "gemeente",
            "status",
            "url",
        ]
        read_only_fields = ["slug"]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def to_internal_value(self, data):
        """A GeoJSON Feature: its `properties` must be an object (drf-gis would fail
        on anything else with a TypeError)."""
        if isinstance(data, Mapping) and not isinstance(
            data.get("properties", {}), Mapping
        ):
            raise serializers.ValidationError(
                {
                    "properties": [
                        _(
                            "Geef de eigenschappen van het project als een JSON-object, "
                            'bv. {"titel": "…", "fase": "idee"}.'
                        )
                    ]
                }
            )
        return super().to_internal_value(data)

    def validate(self, attrs):
        user = self.context["request"].user
        locatie = attrs.get("locatie", getattr(self.instance, "locatie", None))
        omtrek = attrs.get("omtrek", getattr(self.instance, "omtrek", None))
        gemeente = attrs.get("gemeente")
        if locatie is None:
            raise serializers.ValidationError(
                {"geometry": _("Een locatie is verplicht.")}
            )
        if locatie.geom_type != "Point":
            raise serializers.ValidationError(
                {"geometry": _("De geometrie van een project is een punt (Point).")}
            )
        try:
            omtrek = services.as_multipolygon(omtrek)
            gemeente = services.project_check_submission(
                user, locatie=locatie, omtrek=omtrek, gemeente=gemeente
            )
        except DjangoValidationError as error:
            field = {"gemeente": "gemeente", "omtrek": "omtrek"}.get(
                error.code, "geometry"
            )
            raise serializers.ValidationError({field: error.messages}) from error
        start, end = (
            attrs.get("start_jaar", getattr(self.instance, "start_jaar", None)),
            attrs.get("eind_jaar", getattr(self.instance, "eind_jaar", None)),
        )
        if start and end and end < start:
            raise serializers.ValidationError(
                {"eind_jaar": _("Het eindjaar ligt voor het startjaar.")}
            )
        attrs["omtrek"], attrs["gemeente"] = omtrek, gemeente
        if "description" in attrs:  # plain text in, escaped paragraphs stored
            attrs["description"] = services.plain_text_to_html(attrs["description"])
        return attrs

    def _apply(self, project, validated_data):
        for name, value in validated_data.items():
            setattr(project, name, value)  # clusterable m2m: kept until saved
        return project

    def create(self, validated_data):
        project = self._apply(Project(), validated_data)
        return services.project_submit(
            project=project, user=self.context["request"].user
        )

    def update(self, instance, validated_data):
        project = self._apply(instance, validated_data)
        services.project_update(project=project, user=self.context["request"].user)
        return project
