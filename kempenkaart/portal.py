"""What the Kempenkaart adds to the portal (the plug-in contract: atelier.plugins)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from atelier.plugins import ApiRoute, MapLayer, MenuItem, Portal, Section

from . import demo, search, views
from .api import (
    AantallenPerGemeenteView,
    InstrumentViewSet,
    ProjectViewSet,
    WatGeldtHierView,
)

portal = Portal(
    urls=[path("kaart/", include("kempenkaart.urls"))],
    api_routes=[
        ApiRoute("instrumenten", InstrumentViewSet, "instrument"),
        ApiRoute("projecten", ProjectViewSet, "project"),
    ],
    api_urls=[
        path("wat-geldt-hier/", WatGeldtHierView.as_view(), name="wat-geldt-hier"),
        path("per-gemeente/", AantallenPerGemeenteView.as_view(), name="per-gemeente"),
    ],
    search_providers=[search.projecten, search.instrumenten],
    sections=[
        Section(
            "gemeente",
            "kempenkaart/includes/gemeente_section.html",
            views.gemeente_section_context,
            order=10,
        ),
        Section(
            "home",
            "kempenkaart/includes/home_section.html",
            views.home_section_context,
            order=10,
        ),
        Section(
            "account",
            "kempenkaart/includes/account_section.html",
            views.account_section_context,
            order=10,
        ),
    ],
    map_layers=[
        MapLayer(
            "gemeente",
            _("Instrumenten"),
            views.gemeente_instrumenten_features,
            color="#1f5fa8",
            order=10,
        ),
        MapLayer(
            "gemeente",
            _("Projecten"),
            views.gemeente_projecten_features,
            color="#c2410c",
            order=11,
        ),
    ],
    menu=[MenuItem(_("Kempenkaart"), "kempenkaart:map", order=10)],
    demo=demo.load,
)
