"""What the agenda shows on the home page and a municipality's page (sections of the
plug-in contract), only what the visitor may see."""

from django.db.models import Q
from django.utils import timezone

from .models import Bijeenkomst, Inschrijving

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


def account_section_context(request):
    """The signed-in user's registrations for upcoming gatherings (made while signed
    in, or with their e-mail address)."""
    user = request.user
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    registrations = (
        Inschrijving.objects.filter(mine, bijeenkomst__einde__gte=timezone.now())
        .exclude(status=Inschrijving.Status.GEANNULEERD)
        .filter(bijeenkomst__in=Bijeenkomst.objects.visible_to(user))
        .select_related("bijeenkomst")
        .order_by("bijeenkomst__start", "pk")
    )
    return {"inschrijvingen": list(registrations)}
