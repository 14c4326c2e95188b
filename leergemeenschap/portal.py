"""What the learning community adds to the portal (the plug-in contract:
atelier.plugins)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from atelier.plugins import MapLayer, MenuItem, Portal, Section

from . import demo, maps, search, views

portal = Portal(
    urls=[path("leergemeenschap/", include("leergemeenschap.urls"))],
    search_providers=[search.tools],
    sections=[
        Section(
            "home",
            "leergemeenschap/includes/home_section.html",
            views.home_section_context,
            order=30,
        ),
        Section(
            "gemeente",
            "leergemeenschap/includes/gemeente_section.html",
            views.gemeente_section_context,
            order=40,
        ),
    ],
    map_layers=[
        MapLayer(
            "gemeente",
            _("Cases van de leergemeenschap"),
            maps.gemeente_cases_features,
            color="#6a3d9a",
            order=40,
        )
    ],
    menu=[MenuItem(_("Leergemeenschap"), "leergemeenschap:list", order=40)],
    demo=demo.load,
)
