"""The network's pages, one namespace ("netwerk"), one list per part."""

from django.urls import path

from .views import agenda

app_name = "netwerk"

# The agenda: /agenda/, /agenda/<slug>/, /agenda.ics, registrations.
agenda_patterns = [
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/maand/", agenda.agenda_month, name="agenda-maand"),
    path("agenda.ics", agenda.agenda_ics, name="agenda-ics"),
    path(
        "agenda/annuleren/<str:token>/",
        agenda.inschrijving_annuleren,
        name="inschrijving-annuleren",
    ),
    path("agenda/<slug:slug>/", agenda.bijeenkomst_detail, name="bijeenkomst-detail"),
    path(
        "agenda/<slug:slug>/kalender.ics",
        agenda.bijeenkomst_ics,
        name="bijeenkomst-ics",
    ),
    path("agenda/<slug:slug>/inschrijven/", agenda.inschrijven, name="inschrijven"),
    path(
        "agenda/<slug:slug>/inschrijvingen/",
        agenda.inschrijvingen,
        name="inschrijvingen",
    ),
    path(
        "agenda/<slug:slug>/inschrijvingen.<str:fmt>",
        agenda.inschrijvingen_export,
        name="inschrijvingen-export",
    ),
    path(
        "agenda/<slug:slug>/aanwezigheidslijst.pdf",
        agenda.aanwezigheidslijst,
        name="aanwezigheidslijst",
    ),
]

# Partners, consultations, activities and opportunities, tailored support:
# /netwerk/partners/, /netwerk/overleg/, /netwerk/activiteiten/, /maatwerk/.
netwerk_patterns = []

urlpatterns = [*agenda_patterns, *netwerk_patterns]
