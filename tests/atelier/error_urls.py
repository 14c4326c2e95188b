"""URLs for tests/atelier/test_error_pages.py: views that fail on purpose, beside
the portal's own URLs."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("verboden/", forbidden),
    path("kapot/", broken),
    path("", include("atelier.urls")),
]
