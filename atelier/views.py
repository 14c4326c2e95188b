import hashlib

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.db.models import Func, Value
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from . import plugins
from .geojson import feature_collection, wrap_layers
from .models import Gemeente
from .sections import render_sections


class GemeenteListView(ListView):
    model = Gemeente
    queryset = Gemeente.objects.with_area()
    template_name = "atelier/gemeente_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context


class GemeenteDetailView(DetailView):
    model = Gemeente
    queryset = Gemeente.objects.with_area().select_related("organisatie")
    template_name = "atelier/gemeente_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        gemeente = self.object
        context["neighbours"] = Gemeente.objects.neighbours_of(gemeente)
        context["sections"] = render_sections("gemeente", self.request, gemeente)
        context["gemeente_geojson"] = Gemeente.objects.filter(
            pk=gemeente.pk
        ).as_geojson()
        # What the apps put on this municipality's map (their portal.py map_layers).
        context["map_layers"] = wrap_layers(
            (layer, layer.features(self.request, gemeente))
            for layer in plugins.map_layers("gemeente")
        )
        return context


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "account/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["lidmaatschappen"] = user.lidmaatschappen.select_related(
            "organisatie__gemeente"
        )
        context["rollen"] = user.groups.order_by("name")
        context["gemeenten"] = Gemeente.objects.for_user(user)
        context["sections"] = render_sections("account", self.request)
        return context


BOUNDARIES_CACHE_KEY = "gemeenten:grenzen:v1"
BOUNDARIES_MAX_AGE = 7 * 24 * 3600  # the boundaries change with a migration at most


def boundaries_geojson():
    """(body, ETag) of the 29 boundaries, simplified for maps (about 10 m, 5 decimals);
    kept in the shared cache."""
    kept = cache.get(BOUNDARIES_CACHE_KEY)
    if kept is None:
        simplified = Func(
            "geom",
            Value(0.0001),
            function="ST_SimplifyPreserveTopology",
            output_field=Gemeente._meta.get_field("geom"),
        )
        body = feature_collection(
            Gemeente.objects.annotate(simple=simplified),
            geometry="simple",
            properties={"naam": "name", "slug": "slug", "nis_code": "nis_code"},
            precision=5,
        )
        kept = (body, f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"')
        cache.set(BOUNDARIES_CACHE_KEY, kept, None)
    return kept


@require_safe
def gemeenten_grenzen(request):
    """GET /gemeenten/grenzen.geojson: one cacheable file for every map's boundaries
    (the pages no longer carry them): an ETag, and kept a week by browsers."""
    body, etag = boundaries_geojson()
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/geo+json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=BOUNDARIES_MAX_AGE)
    return response
