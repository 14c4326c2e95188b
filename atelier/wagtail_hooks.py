"""IOK's back office for the shared data, in Wagtail's admin; who may see which
uploaded file (atelier/visibility.py) wherever Wagtail serves or lists one; the
admin's generic views that Wagtail leaves open (atelier/admin_access.py)."""

from django.http import Http404, HttpResponseForbidden
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_access, visibility
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


@hooks.register(visibility.VISIBLE_OBJECTS_HOOK)
def visible_organisaties():
    # Organisations have no draft state: what is saved is shown.
    return {Organisatie: lambda user: Organisatie.objects.all()}


@hooks.register("before_serve_document")
def serve_visible_documents_only(document, request):
    """A document is served to whom may see it: the public when live, public content
    refers to it; staff, its uploader and its reviewers otherwise. Not found for the
    others (its id and name say nothing). Wagtail's collection view restrictions apply
    after this, to everyone."""
    if not visibility.is_visible_to(document, request.user):
        raise Http404
    return None


@hooks.register("construct_admin_api", order=1)  # after Wagtail's own endpoints
def admin_api_lists_only_choosable_files(router):
    router.register_endpoint("documents", admin_access.DocumentsAPIViewSet)
    router.register_endpoint("images", admin_access.ImagesAPIViewSet)


@hooks.register("before_move_page")
def move_only_what_one_may_move(request, page, destination):
    """Wagtail checks the move itself, not its confirmation page, which names any
    two pages by id."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return HttpResponseForbidden()
    return None


class ModerationQueuePanel(WorkflowObjectsToModeratePanel):
    """The dashboard's moderation queue, first on the page: everything waiting for
    this user's review in any workflow (projects, model documents, …), the oldest
    first, so nothing waits at the bottom of the list."""

    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["states"].sort(key=lambda state: state["task_state"].started_at)
        return context


@hooks.register("construct_homepage_panels")
def moderation_queue_first(request, panels):
    panels[:] = [
        ModerationQueuePanel() if panel.name == ModerationQueuePanel.name else panel
        for panel in panels
    ]
