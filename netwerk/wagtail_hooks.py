"""IOK's back office for the network: the gatherings."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Bijeenkomst


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
