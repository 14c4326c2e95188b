"""What the learning community puts on a municipality's map (the plug-in contract's
`MapLayer`): the cases located in it that the visitor may see (`rules.case_visible`),
each linking to its trajectory."""

from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.urls import reverse

from atelier.geojson import feature_collection

from .models import Case


def gemeente_cases_features(request, gemeente):
    prefix, marker, suffix = reverse(
        "leergemeenschap:traject", kwargs={"slug": "__slug__"}
    ).partition("__slug__")
    return feature_collection(
        Case.objects.visible_to(request.user)
        .filter(punt__intersects=gemeente.geom)
        .order_by("title", "pk"),
        geometry="punt",
        properties={
            "naam": "title",
            "url": Concat(
                Value(prefix), "traject__slug", Value(suffix), output_field=CharField()
            ),
        },
    )
