import json

import pytest

from atelier.geojson import feature_collection
from atelier.models import Gemeente, Organisatie
from tests.atelier.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_features_follow_the_queryset_order_and_filters():
    queryset = Gemeente.objects.filter(name__startswith="H").order_by("-name")
    collection = json.loads(
        feature_collection(queryset, geometry="geom", properties={"naam": "name"})
    )
    names = [f["properties"]["naam"] for f in collection["features"]]
    assert collection["type"] == "FeatureCollection"
    assert names == sorted(names, reverse=True)
    assert names == list(queryset.values_list("name", flat=True))
    feature = collection["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert feature["id"] == queryset.first().pk


def test_an_empty_queryset_gives_an_empty_collection():
    collection = json.loads(
        feature_collection(
            Gemeente.objects.none(), geometry="geom", properties={"naam": "name"}
        )
    )
    assert collection == {"type": "FeatureCollection", "features": []}


def test_properties_are_json_values_with_any_text(turnhout):
    tricky = 'Quote " </script> & ünïcode'
    OrganisatieFactory(name=tricky, kind=Organisatie.Kind.GEMEENTE, gemeente=turnhout)
    queryset = Gemeente.objects.filter(pk=turnhout.pk)
    collection = json.loads(
        feature_collection(
            queryset,
            geometry="geom",
            properties={"organisatie": "organisatie__name", "nis": "nis_code"},
        )
    )
    assert collection["features"][0]["properties"] == {
        "organisatie": tricky,
        "nis": "13040",
    }
