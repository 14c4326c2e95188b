"""IOK's back office for the network: the gatherings."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from atelier.visibility import VISIBLE_OBJECTS_HOOK

from . import rules, services
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


@hooks.register(VISIBLE_OBJECTS_HOOK)
def visible_netwerk_objects():
    """A gathering's documents: for whom may see the gathering (netwerk.rules)."""
    return {Bijeenkomst: Bijeenkomst.objects.visible_to}


@hooks.register("before_edit_snippet")
def bijeenkomst_before_edit(request, instance):
    if isinstance(instance, Bijeenkomst) and request is not None:
        request.netwerk_was_cancelled = instance.is_cancelled


@hooks.register("after_edit_snippet")
def bijeenkomst_after_edit(request, instance):
    """A changed gathering gets a new SEQUENCE in the calendar feeds; one just
    cancelled also mails its registrants."""
    if not isinstance(instance, Bijeenkomst):
        return
    was_cancelled = getattr(request, "netwerk_was_cancelled", instance.is_cancelled)
    if instance.is_cancelled and not was_cancelled:
        services.bijeenkomst_cancelled(instance)
    else:
        services.bijeenkomst_changed(instance)


@hooks.register("register_snippet_listing_buttons")
def bijeenkomst_listing_buttons(snippet, user, next_url=None):
    """From the list of gatherings to the registrations of one (organisers)."""
    if isinstance(snippet, Bijeenkomst) and snippet.inschrijven:
        if rules.is_organiser(user):
            yield ListingButton(
                _("Inschrijvingen"),
                reverse("netwerk:inschrijvingen", kwargs={"slug": snippet.slug}),
                icon_name="list-ul",
                priority=30,
            )
