from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import pagecache, plugins
from .models import Organisatie


def portal(request):
    """What the base template needs on every page: the partners for the footer, the
    apps' menu entries and feeds, the map settings. The partners are lazy (only
    templates that show them ask) and shared by every visitor (atelier.pagecache)."""
    return {
        "netwerk_partners": SimpleLazyObject(
            lambda: pagecache.shared(
                request,
                "netwerk_partners",
                lambda: list(Organisatie.objects.in_partnerschap()),
            )
        ),
        "boundary_attribution": settings.BOUNDARY_ATTRIBUTION,
        "portal_feeds": plugins.collect("feeds"),
    }
