"""What the Netwerk Ruimte Kempen adds to the portal (the plug-in contract:
atelier.plugins)."""

from django.urls import include, path

from atelier.plugins import Portal

portal = Portal(urls=[path("", include("netwerk.urls"))])
