"""The network's pages, one namespace ("netwerk"), one list per part."""

from django.urls import path

from .views import activiteiten, maatwerk, overleg, partners

app_name = "netwerk"

# The agenda: /agenda/, /agenda/<slug>/, /agenda.ics, registrations.
agenda_patterns = []

# Partners, consultations, activities and opportunities, tailored support:
# /netwerk/partners/, /netwerk/overleg/, /netwerk/activiteiten/, /maatwerk/.
netwerk_patterns = [
    path("netwerk/partners/", partners.PartnerListView.as_view(), name="partner-list"),
    path(
        "netwerk/partners/<slug:slug>/",
        partners.PartnerDetailView.as_view(),
        name="partner-detail",
    ),
    path("netwerk/overleg/", overleg.OverlegListView.as_view(), name="overleg-list"),
    path(
        "netwerk/overleg/<slug:slug>/",
        overleg.OverlegDetailView.as_view(),
        name="overleg-detail",
    ),
    path(
        "netwerk/overleg/<slug:slug>/antwoord/",
        overleg.RsvpView.as_view(),
        name="overleg-rsvp",
    ),
    path(
        "netwerk/overleg/<slug:slug>/actiepunten/<int:pk>/",
        overleg.ActiepuntStatusView.as_view(),
        name="actiepunt-status",
    ),
    path(
        "netwerk/overleg/<slug:slug>/actiepunten.csv",
        overleg.ActiepuntenExportView.as_view(),
        name="actiepunten-export",
    ),
    path(
        "netwerk/overleg/<slug:slug>/volgende/",
        overleg.NextMeetingView.as_view(),
        name="overleg-next",
    ),
    path(
        "netwerk/activiteiten/",
        activiteiten.ActiviteitListView.as_view(),
        name="activiteit-list",
    ),
    path(
        "netwerk/activiteiten/nieuw/",
        activiteiten.ActiviteitFormView.as_view(),
        name="activiteit-create",
    ),
    path(
        "netwerk/activiteiten/<slug:slug>/",
        activiteiten.ActiviteitDetailView.as_view(),
        name="activiteit-detail",
    ),
    path(
        "netwerk/activiteiten/<slug:slug>/bewerken/",
        activiteiten.ActiviteitFormView.as_view(),
        name="activiteit-edit",
    ),
    path("netwerk/kansen/", activiteiten.KansenView.as_view(), name="kansen"),
    path(
        "netwerk/kansen/agenderen/",
        activiteiten.KansAgenderenView.as_view(),
        name="kans-agenderen",
    ),
    path("maatwerk/", maatwerk.MaatwerkListView.as_view(), name="maatwerk-list"),
    path(
        "maatwerk/nieuw/", maatwerk.MaatwerkCreateView.as_view(), name="maatwerk-create"
    ),
    path(
        "maatwerk/<int:pk>/",
        maatwerk.MaatwerkDetailView.as_view(),
        name="maatwerk-detail",
    ),
    path(
        "maatwerk/<int:pk>/bijlagen/<int:bijlage>/",
        maatwerk.MaatwerkBijlageView.as_view(),
        name="maatwerk-bijlage",
    ),
]

urlpatterns = [*agenda_patterns, *netwerk_patterns]
