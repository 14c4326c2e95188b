"""The learning community's pages, one namespace ("leergemeenschap")."""

from django.urls import path

from . import views

app_name = "leergemeenschap"

urlpatterns = [
    path("", views.traject_list, name="list"),
    path("bestand/sessie/<int:pk>/", views.sessie_document, name="sessie-document"),
    path("bestand/case/<int:pk>/", views.case_bijlage, name="case-bijlage"),
    path("<slug:slug>/", views.traject_detail, name="traject"),
    path("<slug:slug>/inschrijven/", views.inschrijven, name="inschrijven"),
    path("<slug:slug>/peiling/", views.peiling, name="peiling"),
    path(
        "<slug:slug>/peiling/resultaten/",
        views.peiling_resultaten,
        name="peiling-resultaten",
    ),
    path("<slug:slug>/toolbox/", views.toolbox, name="toolbox"),
    path("<slug:slug>/toolbox.pdf", views.toolbox_pdf, name="toolbox-pdf"),
    path(
        "<slug:slug>/praktijkvoorbeeld/",
        views.praktijkvoorbeeld_indienen,
        name="praktijkvoorbeeld",
    ),
    path("<slug:slug>/beheer/", views.beheer, name="beheer"),
    path("<slug:slug>/toolbox/<str:actie>/", views.toolbox_actie, name="toolbox-actie"),
    path(
        "<slug:slug>/beheer/<str:soort>/<int:pk>/",
        views.beheer_beslis,
        name="beheer-beslis",
    ),
    path("<slug:slug>/<slug:hefboom>/", views.hefboom_detail, name="hefboom"),
    path(
        "<slug:slug>/<slug:hefboom>/sessie/<int:nummer>/",
        views.werksessie_detail,
        name="werksessie",
    ),
    path(
        "<slug:slug>/<slug:hefboom>/sessie/<int:nummer>/<str:actie>/",
        views.werksessie_actie,
        name="werksessie-actie",
    ),
    path("<slug:slug>/<slug:hefboom>/evaluatie/", views.evaluatie, name="evaluatie"),
    path(
        "<slug:slug>/<slug:hefboom>/evaluatie/resultaten/",
        views.evaluatie_resultaten,
        name="evaluatie-resultaten",
    ),
    path(
        "<slug:slug>/<slug:hefboom>/beheer/<str:actie>/",
        views.hefboom_actie,
        name="hefboom-actie",
    ),
]
