"""What the learning community puts on a municipality's map (the plug-in contract's
`MapLayer`): the cases located in it that the visitor may see (`rules.case_visible`),
each linking to its trajectory."""

from atelier.geojson import feature_collection, row_url

from .models import Case


def gemeente_cases_features(request, gemeente):
    return feature_collection(
        Case.objects.visible_to(request.user)
        .filter(punt__intersects=gemeente.geom)
        .order_by("title", "pk"),
        geometry="punt",
        properties={
            "naam": "title",
            "url": row_url("leergemeenschap:traject", "traject__slug"),
        },
    )
