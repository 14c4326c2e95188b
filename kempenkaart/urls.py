from django.urls import path

from . import views

app_name = "kempenkaart"
urlpatterns = [
    path("", views.MapView.as_view(), name="map"),
    path("projecten/nieuw/", views.ProjectCreateView.as_view(), name="project-create"),
    path(
        "projecten/<slug:slug>/",
        views.ProjectDetailView.as_view(),
        name="project-detail",
    ),
    path(
        "projecten/<slug:slug>/bewerken/",
        views.ProjectUpdateView.as_view(),
        name="project-edit",
    ),
    path("mijn-projecten/", views.MyProjectsView.as_view(), name="my-projects"),
    path(
        "instrumenten/<slug:slug>/",
        views.InstrumentDetailView.as_view(),
        name="instrument-detail",
    ),
]
