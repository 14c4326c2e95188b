"""What the kwaliteitskamer adds to the portal (the plug-in contract:
atelier.plugins)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from atelier.plugins import MapLayer, MenuItem, Portal, Section

from . import demo, maps, search, sections

portal = Portal(
    urls=[path("kwaliteitskamer/", include("netwerk.kwaliteitskamer.urls"))],
    search_providers=[search.adviezen],
    sections=[
        Section(
            "project",
            "kwaliteitskamer/includes/project_section.html",
            sections.project_section_context,
            order=30,
        ),
        Section(
            "gemeente",
            "kwaliteitskamer/includes/gemeente_section.html",
            sections.gemeente_section_context,
            order=40,
        ),
    ],
    map_layers=[
        MapLayer(
            "gemeente",
            _("Adviezen van de kwaliteitskamer"),
            maps.gemeente_adviezen_features,
            color="#8a6d00",
            order=30,
        )
    ],
    menu=[MenuItem(_("Kwaliteitskamer"), "kwaliteitskamer:adviesbank", order=40)],
    demo=demo.load,
)
