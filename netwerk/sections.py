"""What the agenda shows on the home page and a municipality's page (sections of the
plug-in contract), only what the visitor may see."""

from django.db.models import Q

from .models import Bijeenkomst

HOME_COUNT = 4
GEMEENTE_COUNT = 5


def home_section_context(request):
    upcoming = (
        Bijeenkomst.objects.visible_to(request.user)
        .planned()
        .upcoming()
        .prefetch_related("gemeenten")
    )
    return {"upcoming": upcoming[:HOME_COUNT]}


def gemeente_section_context(request, gemeente):
    """Upcoming gatherings in the municipality (their point inside its boundary) or
    about it (linked to it)."""
    upcoming = (
        Bijeenkomst.objects.visible_to(request.user)
        .filter(Q(gemeenten=gemeente) | Q(punt__within=gemeente.geom))
        .upcoming()
        .distinct()
    )
    found = list(upcoming[:GEMEENTE_COUNT])
    if not found:
        return None
    return {"gemeente": gemeente, "upcoming": found}
