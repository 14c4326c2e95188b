"""IOK's back office for the learning community: trajectories with their phases,
hefbomen, tools and the survey's themes. What has a rule of its own happens on the
public pages through the services, for staff only: planning a work session (3 to 5),
publishing a hefboom or the toolbox, session input, approvals, moderation."""

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Fase, Hefboom, PeilingThema, Tool, Traject


class TrajectViewSet(SnippetViewSet):
    model = Traject
    icon = "group"
    menu_label = gettext_lazy("Trajecten")
    list_display = ["title", "begin", "einde", "gepubliceerd", "updated_at"]
    list_filter = ["gepubliceerd", "is_demo"]
    search_fields = ["title"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("ondertitel"),
        FieldPanel("beschrijving"),
        MultiFieldPanel(
            [FieldPanel("organisatoren"), FieldPanel("organisatoren_tekst")],
            heading=gettext_lazy("Organisatie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("doelgroep_eerste_orde"),
                FieldPanel("eerste_orde_gemeenten"),
                FieldPanel("eerste_orde_organisaties"),
                FieldPanel("doelgroep_tweede_orde"),
                FieldPanel("engagement"),
            ],
            heading=gettext_lazy("Doelgroep"),
        ),
        FieldRowPanel([FieldPanel("begin"), FieldPanel("einde")]),
        FieldPanel("contact"),
        FieldPanel("toolbox_inleiding"),
        FieldPanel("gepubliceerd"),
    ]


class FaseViewSet(SnippetViewSet):
    model = Fase
    icon = "date"
    menu_label = gettext_lazy("Fasen")
    list_display = ["traject", "soort", "begin", "einde"]
    list_filter = ["traject", "soort"]


class HefboomViewSet(SnippetViewSet):
    model = Hefboom
    icon = "pick"
    menu_label = gettext_lazy("Hefbomen")
    list_display = ["titel", "traject", "nummer", "inschrijven_tot", "gepubliceerd"]
    list_filter = ["traject"]
    search_fields = ["titel", "vraag"]
    # Published from its page, once 3 to 5 sessions are planned (services).
    panels = [
        FieldPanel("traject"),
        FieldRowPanel([FieldPanel("nummer"), FieldPanel("slug")]),
        FieldPanel("titel"),
        FieldPanel("vraag"),
        FieldPanel("beschrijving"),
        FieldPanel("experts"),
        FieldPanel("inschrijven_tot"),
    ]


class ToolViewSet(SnippetViewSet):
    model = Tool
    icon = "cogs"
    menu_label = gettext_lazy("Tools")
    list_display = ["title", "hefboom", "updated_at"]
    list_filter = ["hefboom__traject"]
    search_fields = ["title"]
    panels = [
        FieldPanel("hefboom"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("beschrijving"),
        FieldRowPanel([FieldPanel("dos"), FieldPanel("donts")]),
        FieldPanel("cases"),
        FieldPanel("praktijkvoorbeelden"),
        FieldPanel("modeldocumenten"),
    ]


class PeilingThemaViewSet(SnippetViewSet):
    model = PeilingThema
    icon = "list-ul"
    menu_label = gettext_lazy("Thema's van de peiling")
    list_display = ["naam", "traject", "volgorde"]
    list_filter = ["traject"]


class LeergemeenschapGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Leergemeenschap")
    menu_icon = "group"
    menu_order = 320
    items = (
        TrajectViewSet,
        FaseViewSet,
        HefboomViewSet,
        ToolViewSet,
        PeilingThemaViewSet,
    )


register_snippet(LeergemeenschapGroup)
