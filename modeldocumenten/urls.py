from django.urls import path

from . import views

app_name = "modeldocumenten"
urlpatterns = [
    path(
        "<int:versie>/<str:kind>/",
        views.download,
        name="download",
    ),
]
