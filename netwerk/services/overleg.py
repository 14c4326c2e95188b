"""Consultations, running activities and opportunities, tailored support: the
writes that span models or send mail, each enforcing its own rules (netwerk.rules)
and refusing with a Dutch ValidationError."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from atelier.mail import mail_send
from atelier.models import Organisatie
from atelier.uploads import check_document, safe_filename

from .. import rules
from ..models import (
    Actiepunt,
    Activiteit,
    AgendaPunt,
    Bijeenkomst,
    Genodigde,
    MaatwerkBijlage,
    MaatwerkNotitie,
    Maatwerkvraag,
    Overleg,
    OverlegReeks,
)

# --- Consultations -------------------------------------------------------------------


def _unique_slug(base, model, field="slug"):
    base = slugify(base)[:200] or "item"
    slug, n = base, 2
    while model.objects.filter(**{field: slug}).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def overleg_plan(
    reeks, *, start, einde, title="", slug="", locatie_naam="", genodigden=None
):
    """Plan the next meeting of `reeks`: its gathering (partners only for the
    kernpartneroverleg, invitees only for a thematic one), its invitees (every core
    partner; or those of the series' previous meeting), and an agenda that starts
    from the series' open action items."""
    if einde <= start:
        raise ValidationError(_("Een overleg eindigt na het begint."))
    vorige = reeks.vergaderingen.order_by("-bijeenkomst__start").first()
    if vorige is not None and start <= vorige.bijeenkomst.start:
        raise ValidationError(
            _("Het volgende overleg begint na het vorige (%(datum)s).")
            % {"datum": f"{timezone.localtime(vorige.bijeenkomst.start):%d/%m/%Y}"}
        )
    kern = reeks.soort == OverlegReeks.Soort.KERNPARTNEROVERLEG
    title = title or f"{reeks.title} {timezone.localtime(start):%d/%m/%Y}"
    bijeenkomst = Bijeenkomst.objects.create(
        title=title,
        slug=slug or _unique_slug(title, Bijeenkomst),
        soort=reeks.bijeenkomst_soort,
        start=start,
        einde=einde,
        locatie_naam=locatie_naam,
        zichtbaarheid=(
            Bijeenkomst.Zichtbaarheid.PARTNERS
            if kern
            else Bijeenkomst.Zichtbaarheid.GENODIGDEN
        ),
        is_demo=reeks.is_demo,
    )
    if reeks.thema_id:
        bijeenkomst.themas.add(reeks.thema)
        bijeenkomst.save()
    overleg = Overleg.objects.create(bijeenkomst=bijeenkomst, reeks=reeks)
    if genodigden is None:
        if kern:
            genodigden = [
                {"organisatie": o}
                for o in Organisatie.objects.filter(kind=Organisatie.Kind.KERNPARTNER)
            ]
        elif vorige is not None:
            genodigden = [
                {"user": g.user, "organisatie": g.organisatie, "rol": g.rol}
                for g in vorige.bijeenkomst.genodigden.all()
            ]
        else:
            genodigden = []
    for genodigde in genodigden:
        Genodigde.objects.create(bijeenkomst=bijeenkomst, **genodigde)
    open_items = Actiepunt.objects.filter(overleg__reeks=reeks).exclude(
        status=Actiepunt.Status.AFGEROND
    )
    for order, actiepunt in enumerate(open_items.order_by("pk")):
        AgendaPunt.objects.create(
            overleg=overleg,
            sort_order=order,
            titel=_("Opvolging actiepunt: %(actie)s")
            % {"actie": " ".join(actiepunt.omschrijving.split())[:200]},
            actiepunt=actiepunt,
        )
    return overleg


def overleg_answer(overleg, user, antwoord):
    """Record `user`'s answer (ja, nee, misschien) to the invitation: their own, or
    that of the organisations they act for."""
    if antwoord not in (
        Genodigde.Antwoord.JA,
        Genodigde.Antwoord.NEE,
        Genodigde.Antwoord.MISSCHIEN,
    ):
        raise ValidationError(_("Kies ja, nee of misschien."))
    if overleg.bijeenkomst.einde < timezone.now():
        raise ValidationError(_("Dit overleg is al voorbij."))
    invitations = overleg.bijeenkomst.genodigden.filter(user=user)
    if not invitations.exists():
        invitations = overleg.bijeenkomst.genodigden.filter(
            organisatie__lidmaatschappen__user=user
        )
    if not invitations.exists():
        raise PermissionDenied(_("U bent niet uitgenodigd voor dit overleg."))
    return invitations.update(
        antwoord=antwoord, beantwoord_op=timezone.now(), beantwoord_door=user
    )


def actiepunt_set_status(actiepunt, user, status):
    if not rules.can_update_actiepunt(user, actiepunt):
        raise PermissionDenied(_("U mag dit actiepunt niet wijzigen."))
    if status not in Actiepunt.Status.values:
        raise ValidationError(_("Kies een geldige status."))
    actiepunt.status = status
    actiepunt.afgerond_op = (
        timezone.now() if status == Actiepunt.Status.AFGEROND else None
    )
    actiepunt.save(update_fields=["status", "afgerond_op"])
    return actiepunt


def volgend_kernpartneroverleg(now=None):
    """The next kernpartneroverleg that is planned (not cancelled), or None."""
    return (
        Overleg.objects.kernpartneroverleg()
        .filter(bijeenkomst__start__gt=now or timezone.now())
        .exclude(bijeenkomst__status=Bijeenkomst.Status.GEANNULEERD)
        .select_related("bijeenkomst")
        .order_by("bijeenkomst__start", "pk")
        .first()
    )


def kans_agenderen(user, gemeente, thema):
    """Put the collaboration opportunity (gemeente, thema) on the agenda of the next
    kernpartneroverleg; once."""
    if not rules.can_agendeer_kans(user):
        raise PermissionDenied
    kans = (
        Activiteit.objects.samenwerkingskansen()
        .filter(gemeente_id=gemeente.pk, thema_id=thema.pk)
        .first()
    )
    if kans is None:
        raise ValidationError(
            _("Er is geen samenwerkingskans over %(thema)s in %(gemeente)s.")
            % {"thema": thema, "gemeente": gemeente}
        )
    with transaction.atomic():
        overleg = volgend_kernpartneroverleg()
        if overleg is None:
            raise ValidationError(
                _("Er is nog geen volgend kernpartneroverleg gepland.")
            )
        Overleg.objects.select_for_update().get(pk=overleg.pk)
        if overleg.agendapunten.filter(kans_gemeente=gemeente, kans_thema=thema):
            raise ValidationError(
                _("Deze samenwerkingskans staat al op de agenda van %(overleg)s.")
                % {"overleg": overleg}
            )
        partners = Organisatie.objects.filter(
            activiteiten__pk__in=kans["activiteiten"]
        ).distinct()
        try:
            with transaction.atomic():
                punt = AgendaPunt.objects.create(
                    overleg=overleg,
                    sort_order=overleg.agendapunten.count(),
                    titel=_("Samenwerkingskans: %(thema)s in %(gemeente)s")
                    % {"thema": thema, "gemeente": gemeente},
                    toelichting=_("Actief: %(partners)s. Geagendeerd door %(user)s.")
                    % {
                        "partners": ", ".join(p.name for p in partners),
                        "user": user,
                    },
                    kans_gemeente=gemeente,
                    kans_thema=thema,
                )
        except IntegrityError as error:
            raise ValidationError(
                _("Deze samenwerkingskans staat al op de agenda van %(overleg)s.")
                % {"overleg": overleg}
            ) from error
    return punt


# --- Activities ------------------------------------------------------------------------


@transaction.atomic
def activiteit_save(user, activiteit, projecten=()):
    """Create or change an activity of a partner `user` acts for."""
    if (
        not rules.activiteit_organisaties(user)
        .filter(pk=activiteit.organisatie_id)
        .exists()
    ):
        raise PermissionDenied(
            _("U kunt alleen activiteiten van uw eigen organisatie registreren.")
        )
    if not activiteit.slug:
        activiteit.slug = _unique_slug(
            f"{activiteit.title} {activiteit.gemeente}", Activiteit
        )
    if activiteit.pk is None:
        activiteit.aangemaakt_door = user
    activiteit.full_clean()
    activiteit.save()
    activiteit.projecten.set(projecten)
    activiteit.save()
    return activiteit


# --- Tailored support ------------------------------------------------------------------


def maatwerk_submit(user, *, gemeente, onderwerp, vraag, thema, urgentie, bijlagen=()):
    """A municipal official asks for tailored support for their municipality, with
    attachments checked by content. All or nothing."""
    if not rules.maatwerk_gemeenten(user).filter(pk=gemeente.pk).exists():
        raise PermissionDenied(_("U kunt alleen maatwerk vragen voor uw gemeente."))
    for bestand in bijlagen:
        check_document(bestand)
    with transaction.atomic():
        aanvraag = Maatwerkvraag(
            gemeente=gemeente,
            onderwerp=onderwerp,
            vraag=vraag,
            thema=thema,
            urgentie=urgentie,
            ingediend_door=user,
        )
        aanvraag.full_clean()
        aanvraag.save()
        for bestand in bijlagen:
            naam = safe_filename(bestand.name)
            bestand.seek(0)
            bijlage = MaatwerkBijlage(vraag=aanvraag, naam=naam)
            bijlage.bestand.save(naam, bestand, save=False)
            bijlage.save()
        transaction.on_commit(lambda: _mail_new(aanvraag))
    return aanvraag


def _mail_new(vraag):
    mail_send(
        subject_template="netwerk/mail/maatwerk_nieuw_subject.txt",
        body_template="netwerk/mail/maatwerk_nieuw_body.txt",
        context={"vraag": vraag, "url": vraag.get_absolute_url()},
        to=rules.maatwerk_staff_recipients(),
    )


def maatwerk_update(vraag, user, *, status, reden="", partners=None, notitie=""):
    """IOK staff change a request: status (a rejection needs a reason), assigned
    partners, a note. The asker hears of a new status by mail."""
    if not rules.can_manage_maatwerk(user):
        raise PermissionDenied
    if status not in Maatwerkvraag.Status.values:
        raise ValidationError(_("Kies een geldige status."))
    reden = reden.strip()
    if status == Maatwerkvraag.Status.AFGEWEZEN and not reden:
        raise ValidationError({"reden": _("Geef een reden om de vraag af te wijzen.")})
    oude_status = vraag.status
    with transaction.atomic():
        vraag.status = status
        vraag.reden = reden if status == Maatwerkvraag.Status.AFGEWEZEN else ""
        vraag.full_clean()
        vraag.save(update_fields=["status", "reden", "updated_at"])
        if partners is not None:
            vraag.partners.set(partners)
        if notitie.strip():
            MaatwerkNotitie.objects.create(
                vraag=vraag, auteur=user, tekst=notitie.strip()
            )
        if status != oude_status:
            MaatwerkNotitie.objects.create(
                vraag=vraag,
                auteur=user,
                tekst=_("Status: %(oud)s → %(nieuw)s")
                % {
                    "oud": Maatwerkvraag.Status(oude_status).label,
                    "nieuw": vraag.get_status_display(),
                },
            )
            transaction.on_commit(lambda: _mail_status(vraag))
    return vraag


def _mail_status(vraag):
    mail_send(
        subject_template="netwerk/mail/maatwerk_status_subject.txt",
        body_template="netwerk/mail/maatwerk_status_body.txt",
        context={"vraag": vraag},
        to=rules.maatwerk_mail_recipients(vraag),
    )
