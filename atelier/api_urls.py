"""The portal's one API router (namespace "api"), assembled from the `api_routes` and
`api_urls` of every app's `portal.py` (`atelier.plugins`)."""

from django.conf import settings
from rest_framework.routers import DefaultRouter, SimpleRouter

from . import plugins

router = DefaultRouter() if settings.DEBUG else SimpleRouter()
for route in plugins.collect("api_routes"):
    router.register(route.prefix, route.viewset, basename=route.basename)

app_name = "api"
urlpatterns = [*plugins.collect("api_urls"), *router.urls]
