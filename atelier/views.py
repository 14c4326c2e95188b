from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView, TemplateView

from . import plugins
from .geojson import wrap_layers
from .models import Gemeente
from .sections import render_sections


class GemeenteListView(ListView):
    model = Gemeente
    queryset = Gemeente.objects.with_area()
    template_name = "atelier/gemeente_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gemeenten_geojson"] = Gemeente.objects.as_geojson()
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
