"""IOK's back office for the network: the gatherings."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Activiteit, Bijeenkomst, Overleg, OverlegReeks


class BijeenkomstViewSet(SnippetViewSet):
    model = Bijeenkomst
    icon = "date"
    menu_label = _("Bijeenkomsten")
    list_display = [
        "title",
        Column("start", label=_("Begint")),
        "soort",
        "zichtbaarheid",
        "status",
    ]
    list_filter = ["soort", "zichtbaarheid", "status", "themas", "gemeenten"]
    search_fields = ["title"]
    ordering = ["-start"]


class NetwerkGroup(SnippetViewSetGroup):
    menu_label = _("Netwerk")
    menu_icon = "group"
    items = (BijeenkomstViewSet,)


register_snippet(NetwerkGroup)


# Consultations and activities: IOK staff (model permissions, netwerk/migrations/
# 0004_overleg_roles.py); partners use the portal's own pages (netwerk.rules).


class OverlegReeksViewSet(SnippetViewSet):
    model = OverlegReeks
    icon = "list-ul"
    menu_label = _("Overlegreeksen")
    list_display = ["title", "soort", "thema"]
    list_filter = ["soort"]
    search_fields = ["title"]


class OverlegViewSet(SnippetViewSet):
    model = Overleg
    icon = "doc-full"
    menu_label = _("Overleggen")
    list_display = ["bijeenkomst", "reeks"]
    list_filter = ["reeks"]
    ordering = ["-bijeenkomst__start"]


class ActiviteitViewSet(SnippetViewSet):
    model = Activiteit
    icon = "pick"
    menu_label = _("Lopende activiteiten")
    list_display = ["title", "organisatie", "gemeente", "thema", "start", "einde"]
    list_filter = ["organisatie", "gemeente", "thema", "publiek"]
    search_fields = ["title"]
    ordering = ["-start"]


class OverlegGroup(SnippetViewSetGroup):
    menu_label = _("Overleg")
    menu_icon = "group"
    items = (OverlegReeksViewSet, OverlegViewSet, ActiviteitViewSet)


register_snippet(OverlegGroup)
