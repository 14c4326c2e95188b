"""Who may see and do what in the Netwerk Ruimte Kempen: the one place for these
rules. Views, the API, the admin, search, feeds, exports and mail recipients all ask
here (the QuerySets delegate to these functions)."""

from django.db.models import Q

# IOK staff organise the network: they see and manage every gathering.
MANAGE = "netwerk.change_bijeenkomst"
# Partners (and staff) see the gatherings meant for the partnership.
VIEW_PARTNER = "netwerk.view_partner_bijeenkomst"


def is_organiser(user):
    """IOK staff (and the Beheerder): they schedule and manage gatherings."""
    return user.has_perm(MANAGE)


def bijeenkomst_visible(user):
    """A filter (Q) of the gatherings `user` may know exist: public ones for everyone;
    partner gatherings for partners; invitee-only ones for their invitees (the person,
    or any member of an invited organisation); everything for organisers."""
    from .models import Bijeenkomst, Genodigde

    if is_organiser(user):
        return Q()
    visible = Q(zichtbaarheid=Bijeenkomst.Zichtbaarheid.PUBLIEK)
    if not user.is_authenticated:
        return visible
    if user.has_perm(VIEW_PARTNER):
        visible |= Q(zichtbaarheid=Bijeenkomst.Zichtbaarheid.PARTNERS)
    invited = Genodigde.objects.filter(
        Q(user=user) | Q(organisatie__lidmaatschappen__user=user)
    ).values("bijeenkomst")
    return visible | Q(pk__in=invited)


def can_view_bijeenkomst(user, bijeenkomst):
    from .models import Bijeenkomst

    return Bijeenkomst.objects.visible_to(user).filter(pk=bijeenkomst.pk).exists()
