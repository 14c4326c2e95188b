"""Who may see and do what in the kwaliteitskamer: the one place for these rules.
Views, PDFs, downloads, search, the map and the figures all ask here.

A dossier, its attachments and its advice are confidential: only the submitting
municipality, the experts on its panel who declared no conflict, and IOK staff see
them, until the dossier is published; then only the redacted advice is public (the
advice bank). Whoever may not see a dossier gets 404, never 403."""

from django.db.models import Q

MANAGE = "kwaliteitskamer.manage_kwaliteitskamer"
BOOK = "kwaliteitskamer.book_tijdslot"
ADVISE = "kwaliteitskamer.advise_dossier"


def is_staff(user):
    """IOK staff (and the Beheerder): they plan sittings and compose panels."""
    return user.is_authenticated and user.has_perm(MANAGE)


def gemeenten_of(user):
    from atelier.models import Gemeente

    return Gemeente.objects.for_user(user)


def can_book(user):
    return user.is_authenticated and user.has_perm(BOOK) and gemeenten_of(user).exists()


def dossier_visible(user):
    """A filter (Q) of the dossiers `user` may see in full."""
    if is_staff(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    own = Q(gemeente__in=gemeenten_of(user)) if user.has_perm(BOOK) else Q(pk__in=[])
    if user.has_perm(ADVISE):
        from .models import PanelLid

        seats = PanelLid.objects.filter(expert__user=user, conflict=False).values(
            "dossier"
        )
        conflicted = PanelLid.objects.filter(expert__user=user, conflict=True).values(
            "dossier"
        )
        # Its panel, and the chair of its sitting; never an expert who declared
        # a conflict.
        panel = Q(pk__in=seats) | Q(tijdslot__zitting__voorzitter__user=user)
        return own | (panel & Q(status="ingediend") & ~Q(pk__in=conflicted))
    return own


def dossier_published():
    """The dossiers whose (approved) advice is public, in its redacted form."""
    return Q(gepubliceerd_op__isnull=False, advies__goedgekeurd_op__isnull=False)


def can_view_dossier(user, dossier):
    from .models import Dossier

    return Dossier.objects.visible_to(user).filter(pk=dossier.pk).exists()


def is_municipality_of(user, dossier):
    return (
        user.is_authenticated
        and user.has_perm(BOOK)
        and gemeenten_of(user).filter(pk=dossier.gemeente_id).exists()
    )


def can_edit_dossier(user, dossier, now=None):
    """The intake: the municipality until the intake closes (staff always)."""
    if is_staff(user):
        return True
    return is_municipality_of(user, dossier) and dossier.zitting.intake_open(now)


def is_panel_member(user, dossier):
    return (
        user.is_authenticated
        and user.has_perm(ADVISE)
        and dossier.panelleden.filter(expert__user=user, conflict=False).exists()
    )


def is_chair(user, dossier):
    voorzitter = dossier.zitting.voorzitter
    return (
        voorzitter is not None
        and voorzitter.user_id == user.pk
        and not dossier.panelleden.filter(expert__user=user, conflict=True).exists()
    )


def can_write_advice(user, dossier):
    if dossier.status != "ingediend":
        return False
    advies = getattr(dossier, "advies", None)
    if advies is not None and advies.is_approved:
        return False
    return is_staff(user) or is_panel_member(user, dossier) or is_chair(user, dossier)


def can_approve_advice(user, dossier):
    """The chair of the sitting approves the advice (staff stand in)."""
    return is_chair(user, dossier) or is_staff(user)


def can_record_outcome(user, dossier):
    return is_staff(user) or is_municipality_of(user, dossier)


def can_declare_conflict(user, dossier):
    return dossier.panelleden.filter(expert__user=user).exists()


def can_view_zitting(user, zitting):
    """Staff, the sitting's panel and chair, and the municipalities that present."""
    if is_staff(user):
        return True
    from netwerk.rules import can_view_bijeenkomst

    return user.is_authenticated and can_view_bijeenkomst(user, zitting.bijeenkomst)


def can_download_agenda(user, zitting):
    """The agenda pack: staff and the sitting's panel."""
    if is_staff(user):
        return True
    return user.is_authenticated and (
        zitting.panel.filter(user=user).exists()
        or (zitting.voorzitter is not None and zitting.voorzitter.user_id == user.pk)
    )


def can_view_figures(user):
    return is_staff(user)
