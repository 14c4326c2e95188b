"""What the kwaliteitskamer puts on a municipality's map (the plug-in contract's
`MapLayer`): the published advice of projects located in it, each linking to its
redacted advice in the advice bank. Unpublished dossiers never appear here, whoever
asks: the dossier pages are where their own readers find them."""

from atelier.geojson import feature_collection, row_url

from .models import Dossier


def gemeente_adviezen_features(request, gemeente):
    return feature_collection(
        Dossier.objects.published()
        .filter(gemeente=gemeente, locatie__isnull=False)
        .order_by("title", "pk"),
        geometry="locatie",
        properties={
            "naam": "title",
            "url": row_url("kwaliteitskamer:advies", "advies__pk", kwarg="pk"),
        },
    )
