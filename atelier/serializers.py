from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from .models import Gemeente


class GemeenteSerializer(GeoFeatureModelSerializer):
    naam = serializers.CharField(source="name")
    oppervlakte_km2 = serializers.FloatField(source="area_km2")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Gemeente
        geo_field = "geom"
        fields = ["nis_code", "naam", "slug", "oppervlakte_km2", "url"]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())
