from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DocumentSoort, Doelgroep


class DocumentSoortViewSet(SnippetViewSet):
    model = DocumentSoort
    icon = "doc-full"
    menu_label = _("Documentsoorten")
    list_display = ["name", "slug"]


class DoelgroepViewSet(SnippetViewSet):
    model = Doelgroep
    icon = "group"
    menu_label = _("Doelgroepen")
    list_display = ["name", "slug"]


class ModeldocumentenGroup(SnippetViewSetGroup):
    menu_label = _("Modeldocumenten")
    menu_icon = "doc-full-inverse"
    items = (DocumentSoortViewSet, DoelgroepViewSet)


register_snippet(ModeldocumentenGroup)
