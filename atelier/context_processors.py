from django.conf import settings

from . import plugins
from .models import Organisatie


def portal(request):
    """What the base template needs on every page: the partners for the footer, the
    apps' menu entries and feeds, the map settings. The partners are a lazy QuerySet:
    only templates that show them query."""
    return {
        "netwerk_partners": Organisatie.objects.in_partnerschap(),
        "boundary_attribution": settings.BOUNDARY_ATTRIBUTION,
        "portal_feeds": plugins.collect("feeds"),
    }
