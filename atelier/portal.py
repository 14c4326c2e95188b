"""What the core itself adds to the shared parts of the portal (the same contract as
every app: atelier.plugins): the municipalities in the menu and the API, its demo."""

from django.utils.translation import gettext_lazy as _

from . import demo
from .api import GemeenteViewSet
from .plugins import ApiRoute, MenuItem, Portal

portal = Portal(
    api_routes=[ApiRoute("gemeenten", GemeenteViewSet, "gemeente")],
    menu=[MenuItem(_("Gemeenten"), "gemeenten:list", order=20)],
    demo=demo.load,
)
