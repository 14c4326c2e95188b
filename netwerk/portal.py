"""What the Netwerk Ruimte Kempen adds to the portal (the plug-in contract:
atelier.plugins)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from atelier.plugins import Feed, MenuItem, Portal, Section

from . import demo, search, sections

portal = Portal(
    urls=[path("", include("netwerk.urls"))],
    search_providers=[search.bijeenkomsten],
    sections=[
        Section(
            "home",
            "netwerk/includes/agenda_home_section.html",
            sections.home_section_context,
            order=20,
        ),
        Section(
            "gemeente",
            "netwerk/includes/agenda_gemeente_section.html",
            sections.gemeente_section_context,
            order=30,
        ),
        Section(
            "account",
            "netwerk/includes/agenda_account_section.html",
            sections.account_section_context,
            order=30,
        ),
    ],
    menu=[MenuItem(_("Agenda"), "netwerk:agenda", order=30)],
    feeds=[Feed(_("Agenda"), "netwerk:agenda-ics", content_type="text/calendar")],
    demo=demo.load,
)
