"""What the kwaliteitskamer puts on a municipality's map (the plug-in contract's
`MapLayer`): the published advice of projects located in it, each linking to its
redacted advice in the advice bank. Unpublished dossiers never appear here, whoever
asks: the dossier pages are where their own readers find them."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from atelier.geojson import feature_collection

from .models import Dossier


def gemeente_adviezen_features(request, gemeente):
    prefix, marker, suffix = reverse(
        "kwaliteitskamer:advies", kwargs={"pk": 123456789}
    ).partition("123456789")
    return feature_collection(
        Dossier.objects.published()
        .filter(gemeente=gemeente, locatie__isnull=False)
        .order_by("title", "pk"),
        geometry="locatie",
        properties={
            "naam": "title",
            "url": Concat(
                Value(prefix),
                Cast("advies__pk", CharField()),
                Value(suffix),
                output_field=CharField(),
            ),
        },
    )
