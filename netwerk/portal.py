"""What the Netwerk Ruimte Kempen adds to the portal (the plug-in contract:
atelier.plugins)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from atelier.plugins import MenuItem, Portal, Section

from . import demo, search_partners
from .views import activiteiten, maatwerk

portal = Portal(
    urls=[path("", include("netwerk.urls"))],
    search_providers=[search_partners.partners, search_partners.activiteiten],
    sections=[
        Section(
            "gemeente",
            "netwerk/includes/gemeente_lopend.html",
            activiteiten.gemeente_section_context,
            order=40,
        ),
        Section(
            "account",
            "netwerk/includes/account_maatwerk.html",
            maatwerk.account_section_context,
            order=40,
        ),
    ],
    menu=[MenuItem(_("Netwerk"), "netwerk:partner-list", order=40)],
    demo=demo.load,
)
