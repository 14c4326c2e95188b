from django.urls import path

from . import views

app_name = "kwaliteitskamer"

urlpatterns = [
    path("", views.index, name="index"),
    path("adviezen/", views.adviesbank, name="adviesbank"),
    path("adviezen/<int:pk>/", views.advies_public, name="advies"),
    path("cijfers/", views.cijfers, name="cijfers"),
    path(
        "cijfers/dossiers.<str:fmt>",
        views.export,
        name="export",
    ),
    path("zittingen/nieuw/", views.zitting_create, name="zitting-create"),
    path("zittingen/<slug:slug>/", views.zitting_detail, name="zitting"),
    path("zittingen/<slug:slug>/agenda.pdf", views.agenda_pdf, name="agenda"),
    path("boeken/<int:slot>/", views.book, name="book"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/intake/", views.dossier_edit, name="dossier-edit"),
    path(
        "dossiers/<int:pk>/bijlagen/<int:bijlage>/",
        views.bijlage_download,
        name="bijlage",
    ),
    path("dossiers/<int:pk>/schets/", views.schets_download, name="schets"),
    path("dossiers/<int:pk>/panel/", views.panel, name="panel"),
    path("dossiers/<int:pk>/belangenconflict/", views.conflict, name="conflict"),
    path("dossiers/<int:pk>/advies/", views.advies_edit, name="advies-edit"),
    path(
        "dossiers/<int:pk>/advies/goedkeuren/",
        views.advies_approve,
        name="advies-approve",
    ),
    path("dossiers/<int:pk>/adviesbrief.pdf", views.adviesbrief, name="adviesbrief"),
    path("dossiers/<int:pk>/tweede-ronde/", views.tweede_ronde, name="tweede-ronde"),
    path("dossiers/<int:pk>/uitkomst/", views.uitkomst, name="uitkomst"),
]
