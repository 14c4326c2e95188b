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
    from .models import Bijeenkomst

    if is_organiser(user):
        return Q()
    visible = Q(zichtbaarheid=Bijeenkomst.Zichtbaarheid.PUBLIEK)
    if not user.is_authenticated:
        return visible
    if user.has_perm(VIEW_PARTNER):
        visible |= Q(zichtbaarheid=Bijeenkomst.Zichtbaarheid.PARTNERS)
    visible |= Q(pk__in=_invited(user))
    # A consultation (a gathering with an Overleg) only for those who take part in
    # it (overleg_visible), whatever its visibility says.
    from .models import Overleg

    consultations = Overleg.objects.filter(overleg_visible(user)).values("bijeenkomst")
    return visible & (Q(overleg__isnull=True) | Q(pk__in=consultations))


def can_view_bijeenkomst(user, bijeenkomst):
    from .models import Bijeenkomst

    return Bijeenkomst.objects.visible_to(user).filter(pk=bijeenkomst.pk).exists()


# --- Consultations (overleg) -------------------------------------------------------

# Partners and invited outside experts take part in consultations.
TAKE_PART = "netwerk.deelnemen_overleg"


def _invited(user):
    """Gatherings `user` is invited to, in person or through an organisation."""
    from .models import Genodigde

    return Genodigde.objects.filter(
        Q(user=user) | Q(organisatie__lidmaatschappen__user=user)
    ).values("bijeenkomst")


def overleg_visible(user):
    """A filter (Q) on Overleg: organisers see every consultation; partners see
    every kernpartneroverleg and the thematic consultations they (or their
    organisation) are invited to; invited outside experts only those; anonymous
    visitors and municipal officials none."""
    if is_organiser(user):
        return Q()
    if not user.is_authenticated or not user.has_perm(TAKE_PART):
        return Q(pk__in=[])
    visible = Q(bijeenkomst__in=_invited(user))
    if user.has_perm(VIEW_PARTNER):
        visible |= Q(reeks__soort="kernpartneroverleg")
    return visible


def can_answer_invitation(user, overleg):
    """An invitee answers (yes/no/maybe) for themselves or their organisation."""
    return (
        user.is_authenticated
        and overleg.bijeenkomst.genodigden.filter(
            Q(user=user) | Q(organisatie__lidmaatschappen__user=user)
        ).exists()
    )


def can_update_actiepunt(user, actiepunt):
    """Organisers, and the owner (the person, or a member of the organisation)."""
    if is_organiser(user):
        return True
    if not user.is_authenticated:
        return False
    return actiepunt.eigenaar_id == user.pk or (
        actiepunt.eigenaar_organisatie_id is not None
        and user.lidmaatschappen.filter(
            organisatie_id=actiepunt.eigenaar_organisatie_id
        ).exists()
    )


# --- Activities and opportunities ---------------------------------------------------


def activiteit_visible(user):
    """Public activities for everyone; all of them for partners and staff."""
    if user.is_authenticated and user.has_perm(VIEW_PARTNER):
        return Q()
    return Q(publiek=True)


def can_view_kansen(user):
    """The collaboration opportunities: partners and staff only."""
    return user.is_authenticated and user.has_perm(VIEW_PARTNER)


def can_agendeer_kans(user):
    return can_view_kansen(user)


def activiteit_organisaties(user):
    """The partner organisations `user` may register activities for: their own
    partner organisations (partners); every partner (organisers)."""
    from atelier.models import Organisatie

    partners = Organisatie.objects.in_partnerschap()
    if is_organiser(user):
        return partners
    if not user.is_authenticated or not user.has_perm(VIEW_PARTNER):
        return partners.none()
    return partners.filter(lidmaatschappen__user=user)


def can_edit_activiteit(user, activiteit):
    return activiteit_organisaties(user).filter(pk=activiteit.organisatie_id).exists()


# --- Tailored support (maatwerk) ----------------------------------------------------

MANAGE_MAATWERK = "netwerk.change_maatwerkvraag"
ASK_MAATWERK = "netwerk.vragen_maatwerk"


def can_manage_maatwerk(user):
    return user.has_perm(MANAGE_MAATWERK)


def maatwerk_gemeenten(user):
    """The municipalities `user` may ask tailored support for: their own."""
    from atelier.models import Gemeente

    if not user.is_authenticated or not user.has_perm(ASK_MAATWERK):
        return Gemeente.objects.none()
    return Gemeente.objects.for_user(user)


def maatwerk_visible(user):
    """A filter (Q) on Maatwerkvraag: staff see every request; officials the requests
    of their own municipality; members of an assigned partner the requests assigned
    to it; nobody else any."""
    if can_manage_maatwerk(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    from atelier.models import Gemeente

    from .models import Maatwerkvraag

    assigned = Maatwerkvraag.objects.filter(partners__lidmaatschappen__user=user)
    return Q(gemeente__in=Gemeente.objects.for_user(user).values("pk")) | Q(
        pk__in=assigned.values("pk")
    )


def maatwerk_staff_recipients():
    """Who hears of a new request: the active staff who handle tailored support
    (through their groups; superusers are not mailed)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    app_label, codename = MANAGE_MAATWERK.split(".")
    permission = Permission.objects.get(
        content_type__app_label=app_label, codename=codename
    )
    users = get_user_model().objects.filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission),
        is_active=True,
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def maatwerk_mail_recipients(vraag):
    """Who hears of a change of status: whoever asked, if they still may see it."""
    from .models import Maatwerkvraag

    user = vraag.ingediend_door
    if user is None or not user.email or not user.is_active:
        return []
    if not Maatwerkvraag.objects.visible_to(user).filter(pk=vraag.pk).exists():
        return []
    return [user.email]
