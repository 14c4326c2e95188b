from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DocumentSoort, DocumentVersie, Doelgroep, ModelDocumentPage


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


@hooks.register("before_serve_document")
def serve_version_files_of_public_documents_only(document, request):
    """A file of a model-document version is served only once its page is live and
    public (or to staff who manage documents): not while it is under review."""
    versions = DocumentVersie.objects.filter(Q(bestand=document) | Q(pdf=document))
    if not versions.exists() or request.user.has_perm("wagtaildocs.change_document"):
        return None
    public = ModelDocumentPage.objects.live().public()
    if not public.filter(pk__in=versions.values("page")).exists():
        raise Http404
    return None
