"""IOK's back office for the kwaliteitskamer: the expert pool. Sittings are planned
on the site (/kwaliteitskamer/zittingen/nieuw/), since a sitting is created with its
gathering and time slots (services.zitting_create)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Expert


class ExpertViewSet(SnippetViewSet):
    model = Expert
    icon = "user"
    menu_label = _("Expertenpool")
    add_to_admin_menu = True
    list_display = ["user", "organisatie", "actief"]
    list_filter = ["actief"]
    search_fields = ["user__last_name", "user__first_name"]
    ordering = ["user__last_name"]


register_snippet(ExpertViewSet)
