"""IOK's back office for the shared data, in Wagtail's admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Gemeente, Organisatie, Thema


class OrganisatieViewSet(SnippetViewSet):
    model = Organisatie
    icon = "group"
    menu_label = _("Organisaties")
    list_display = ["name", "kind", "gemeente", BooleanColumn("partnerschap")]
    list_filter = ["kind", "partnerschap"]
    search_fields = ["name"]


class GemeenteViewSet(SnippetViewSet):
    model = Gemeente
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "nis_code"]
    search_fields = ["name", "nis_code"]
    inspect_view_enabled = True
    # Boundaries come from the Statbel data (a migration loads them); no role may add
    # or delete a municipality here.


class ThemaViewSet(SnippetViewSet):
    model = Thema
    icon = "tag"
    menu_label = _("Thema's")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AtelierGroup(SnippetViewSetGroup):
    menu_label = _("Atelier")
    menu_icon = "home"
    items = (OrganisatieViewSet, GemeenteViewSet, ThemaViewSet)


register_snippet(AtelierGroup)
