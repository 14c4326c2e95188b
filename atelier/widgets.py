"""Form widgets every part of the portal shares."""

from leaflet.forms.widgets import LeafletWidget


class MapWidget(LeafletWidget):
    """django-leaflet's widget with its scripts: Leaflet from static/, not a CDN."""

    include_media = True
