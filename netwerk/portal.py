"""What the Netwerk Ruimte Kempen adds to the portal (the plug-in contract:
atelier.plugins)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from atelier.plugins import Feed, MenuItem, Portal, Section

from . import demo, search, search_partners, sections
from .views import activiteiten, maatwerk

portal = Portal(
    urls=[path("", include("netwerk.urls"))],
    search_providers=[
        search.bijeenkomsten,
        search_partners.partners,
        search_partners.activiteiten,
    ],
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
            "gemeente",
            "netwerk/includes/gemeente_lopend.html",
            activiteiten.gemeente_section_context,
            order=40,
        ),
        Section(
            "account",
            "netwerk/includes/agenda_account_section.html",
            sections.account_section_context,
            order=30,
        ),
        Section(
            "account",
            "netwerk/includes/account_maatwerk.html",
            maatwerk.account_section_context,
            order=40,
        ),
    ],
    menu=[
        MenuItem(_("Agenda"), "netwerk:agenda", order=30),
        MenuItem(_("Netwerk"), "netwerk:partner-list", order=40),
    ],
    feeds=[Feed(_("Agenda"), "netwerk:agenda-ics", content_type="text/calendar")],
    demo=demo.load,
)
