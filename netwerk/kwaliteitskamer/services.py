"""Writes of the kwaliteitskamer: each checks its own rules and raises a
`ValidationError` with a Dutch message; nothing is half-saved (one transaction);
mail goes out after the commit."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from atelier import uploads
from atelier.pdf import render_pdf
from netwerk.models import Bijeenkomst, Genodigde

from . import notifications, rules
from .models import Advies, Bijlage, Dossier, Expert, PanelLid, Tijdslot, Zitting

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}


@transaction.atomic
def zitting_create(
    *,
    title,
    start,
    einde,
    slot_minuten=45,
    intake_dagen=7,
    vorm=Zitting.Vorm.REVIEW,
    locatie_naam="",
    adres="",
    voorzitter=None,
    panel=(),
    slug=None,
    is_demo=False,
):
    """A sitting: its gathering (invitees only), its time slots and its panel."""
    if einde <= start:
        raise ValidationError(_("Een zitting eindigt na ze begint."))
    if not 10 <= slot_minuten <= 240:
        raise ValidationError(_("Een tijdslot duurt tussen 10 en 240 minuten."))
    bijeenkomst = Bijeenkomst.objects.create(
        title=title,
        slug=slug or slugify(f"{title}-{start:%Y-%m-%d}")[:220],
        soort=Bijeenkomst.Soort.ZITTING,
        zichtbaarheid=Bijeenkomst.Zichtbaarheid.GENODIGDEN,
        start=start,
        einde=einde,
        locatie_naam=locatie_naam,
        adres=adres,
        is_demo=is_demo,
    )
    zitting = Zitting.objects.create(
        bijeenkomst=bijeenkomst,
        vorm=vorm,
        slot_minuten=slot_minuten,
        intake_dagen=intake_dagen,
        voorzitter=voorzitter,
    )
    step = datetime.timedelta(minutes=slot_minuten)
    moment = start
    while moment + step <= einde:
        Tijdslot.objects.create(zitting=zitting, start=moment, einde=moment + step)
        moment += step
    zitting_set_panel(zitting=zitting, experts=panel)
    return zitting


def _invite(bijeenkomst, *, user=None, organisatie=None):
    lookup = {"user": user} if user is not None else {"organisatie": organisatie}
    Genodigde.objects.get_or_create(bijeenkomst=bijeenkomst, **lookup)


@transaction.atomic
def zitting_set_panel(*, zitting, experts):
    experts = list(experts)
    if zitting.voorzitter and zitting.voorzitter not in experts:
        experts.append(zitting.voorzitter)
    zitting.panel.set(experts)
    for expert in experts:
        _invite(zitting.bijeenkomst, user=expert.user)


def _refusal_for_slot(tijdslot, now):
    zitting = tijdslot.zitting
    if zitting.bijeenkomst.start <= now:
        return _("Deze zitting ligt in het verleden; boeken kan niet meer.")
    if zitting.bijeenkomst.is_cancelled:
        return _("Deze zitting is geannuleerd.")
    if not zitting.intake_open(now):
        return _(
            "De intake voor deze zitting is gesloten (%(dagen)s dagen voor de "
            "zitting); kies een latere zitting."
        ) % {"dagen": zitting.intake_dagen}
    if Dossier.objects.filter(tijdslot=tijdslot).exists():
        return _("Dit tijdslot is intussen geboekt; kies een ander tijdslot.")
    return None


def dossier_book(*, user, tijdslot, gemeente, title, ontwerpfase, now=None, **fields):
    """Book `tijdslot` for a new dossier (a draft) of `gemeente`. Refused after the
    intake deadline, for a taken slot and for a sitting in the past."""
    now = now or timezone.now()
    if (
        not rules.can_book(user)
        or not rules.gemeenten_of(user).filter(pk=gemeente.pk).exists()
    ):
        raise ValidationError(_("U kunt geen dossier indienen voor deze gemeente."))
    try:
        with transaction.atomic():
            tijdslot = (
                Tijdslot.objects.select_for_update()
                .select_related("zitting__bijeenkomst")
                .get(pk=tijdslot.pk)
            )
            refusal = _refusal_for_slot(tijdslot, now)
            if refusal:
                raise ValidationError(refusal, code="slot")
            themas = fields.pop("themas", None)
            dossier = Dossier(
                tijdslot=tijdslot,
                gemeente=gemeente,
                ingediend_door=user,
                title=title,
                ontwerpfase=ontwerpfase,
                **fields,
            )
            dossier.full_clean()
            dossier.save()
            if themas:
                dossier.themas.set(themas)
            if hasattr(gemeente, "organisatie"):
                _invite(tijdslot.zitting.bijeenkomst, organisatie=gemeente.organisatie)
            bijeenkomst = tijdslot.zitting.bijeenkomst
            bijeenkomst.gemeenten.add(gemeente)
    except IntegrityError as error:  # a concurrent booking won the race
        raise ValidationError(
            _("Dit tijdslot is intussen geboekt; kies een ander tijdslot."),
            code="slot",
        ) from error
    return dossier


@transaction.atomic
def dossier_update(*, user, dossier, themas=None, now=None, **fields):
    if not rules.can_edit_dossier(user, dossier, now):
        raise ValidationError(_("De intake voor deze zitting is gesloten."))
    for name, value in fields.items():
        setattr(dossier, name, value)
    dossier.full_clean()
    dossier.save()
    if themas is not None:
        dossier.themas.set(themas)
    return dossier


def _check_upload(uploaded_file):
    extension = uploaded_file.name.rsplit(".", 1)[-1].lower()
    if extension in IMAGE_EXTENSIONS:
        uploads.check_image(uploaded_file)
    else:
        uploads.check_document(uploaded_file)


@transaction.atomic
def bijlage_add(*, user, dossier, soort, uploaded_file, naam="", now=None):
    """Attach a file, checked by content (atelier.uploads)."""
    if not rules.can_edit_dossier(user, dossier, now):
        raise ValidationError(_("De intake voor deze zitting is gesloten."))
    if soort not in Bijlage.Soort.values:
        raise ValidationError(_("Kies een soort bijlage."))
    _check_upload(uploaded_file)
    if soort == Bijlage.Soort.PLANNEN and not uploaded_file.name.lower().endswith(
        ".pdf"
    ):
        raise ValidationError(_("Plannen worden als PDF aangeleverd."))
    uploaded_file.name = uploads.safe_filename(uploaded_file.name)
    bijlage = Bijlage(
        dossier=dossier,
        soort=soort,
        naam=(naam or uploaded_file.name)[:120],
        bestand=uploaded_file,
    )
    bijlage.full_clean()
    bijlage.save()
    return bijlage


@transaction.atomic
def dossier_submit(*, user, dossier, now=None):
    """Submit the intake: only before the deadline, with the checklist complete."""
    now = now or timezone.now()
    if not rules.is_staff(user) and not (
        rules.is_municipality_of(user, dossier) and dossier.zitting.intake_open(now)
    ):
        raise ValidationError(_("De intake voor deze zitting is gesloten."))
    missing = dossier.missing_documents()
    if missing:
        labels = ", ".join(str(Bijlage.Soort(s).label) for s in missing)
        raise ValidationError(
            _("Het dossier is nog niet volledig; ontbrekende documenten: %(lijst)s.")
            % {"lijst": labels}
        )
    if not dossier.vragen.strip():
        raise ValidationError(_("Stel minstens één vraag aan de kwaliteitskamer."))
    dossier.status = Dossier.Status.INGEDIEND
    dossier.ingediend_op = now
    dossier.save(update_fields=["status", "ingediend_op", "updated_at"])
    return dossier


def conflict_warnings(dossier, expert):
    """Why `expert` may be conflicted on `dossier` (Dutch sentences), for staff."""
    warnings = []
    organisatie = expert.organisatie
    if organisatie is not None:
        if organisatie.pk == dossier.ontwerper_organisatie_id:
            warnings.append(_("%(org)s is de ontwerper.") % {"org": organisatie})
        if organisatie.pk == dossier.aanvrager_organisatie_id:
            warnings.append(_("%(org)s is de aanvrager.") % {"org": organisatie})
    if expert.user.organisaties.filter(gemeente=dossier.gemeente_id).exists():
        warnings.append(
            _("werkt voor de gemeente %(gemeente)s.") % {"gemeente": dossier.gemeente}
        )
    return warnings


@transaction.atomic
def dossier_set_panel(*, user, dossier, experts):
    """Staff compose the panel of one dossier (from the expert pool)."""
    if not rules.is_staff(user):
        raise ValidationError(_("Alleen IOK-medewerkers stellen het panel samen."))
    experts = list(experts)
    if any(not e.actief for e in experts):
        raise ValidationError(_("Kies alleen actieve experts uit de pool."))
    dossier.panelleden.exclude(expert__in=experts).delete()
    for expert in experts:
        PanelLid.objects.get_or_create(dossier=dossier, expert=expert)
        _invite(dossier.zitting.bijeenkomst, user=expert.user)
    return dossier


@transaction.atomic
def conflict_declare(*, user, dossier, conflict, toelichting=""):
    lid = PanelLid.objects.filter(dossier=dossier, expert__user=user).first()
    if lid is None:
        raise ValidationError(_("U zit niet in het panel van dit dossier."))
    lid.conflict = bool(conflict)
    lid.conflict_toelichting = toelichting
    lid.save(update_fields=["conflict", "conflict_toelichting", "updated_at"])
    return lid


@transaction.atomic
def advies_record(*, user, dossier, schets=None, **fields):
    if not rules.can_write_advice(user, dossier):
        raise ValidationError(_("U kunt dit advies niet (meer) bewerken."))
    advies = getattr(dossier, "advies", None) or Advies(dossier=dossier)
    for name, value in fields.items():
        setattr(advies, name, value)
    advies.opgesteld_door = user
    if schets:
        uploads.check_image(schets)
        schets.name = uploads.safe_filename(schets.name)
        advies.schets = schets
    advies.full_clean()
    advies.save()
    return advies


def advice_letter(dossier):
    """The advice letter (PDF bytes) in the Atelier's layout."""
    advies = dossier.advies
    files = {}
    if advies.schets:
        advies.schets.open("rb")
        with advies.schets:
            files["schets"] = advies.schets.read()
    return render_pdf(
        "kwaliteitskamer/pdf/adviesbrief.html",
        {"dossier": dossier, "advies": advies, "vorige": dossier.vorige},
        files=files,
    )


@transaction.atomic
def advies_approve(*, user, dossier, now=None):
    """The chair approves the advice; the municipality gets the letter by mail."""
    advies = getattr(dossier, "advies", None)
    if advies is None:
        raise ValidationError(_("Er is nog geen advies om goed te keuren."))
    if not rules.can_approve_advice(user, dossier):
        raise ValidationError(_("Alleen de voorzitter keurt het advies goed."))
    if advies.is_approved:
        raise ValidationError(_("Dit advies is al goedgekeurd."))
    advies.goedgekeurd_op = now or timezone.now()
    advies.goedgekeurd_door = user
    advies.save(update_fields=["goedgekeurd_op", "goedgekeurd_door", "updated_at"])
    notifications.advies_approved(dossier, advies)
    return advies


@transaction.atomic
def dossier_record_outcome(*, user, dossier, publish=None, **fields):
    """Record what happened next. The advice becomes public when the municipality
    agrees (`publish`) or once the permit decision is public (a decision and its
    date); only approved advice can."""
    if not rules.can_record_outcome(user, dossier):
        raise ValidationError(_("U kunt de uitkomst van dit dossier niet invullen."))
    for name, value in fields.items():
        setattr(dossier, name, value)
    advies = getattr(dossier, "advies", None)
    approved = advies is not None and advies.is_approved
    if publish and not approved:
        raise ValidationError(_("Alleen een goedgekeurd advies kan openbaar."))
    decided = bool(dossier.beslissing and dossier.beslissing_datum)
    if (publish or decided) and approved:
        dossier.gepubliceerd_op = dossier.gepubliceerd_op or timezone.now()
    elif publish is False:
        dossier.gepubliceerd_op = None
    dossier.full_clean()
    dossier.save()
    return dossier


def expert_create(*, user, organisatie=None, expertises=(), is_demo=False):
    expert, _created = Expert.objects.update_or_create(
        user=user,
        defaults={
            "organisatie": organisatie,
            "expertises": list(expertises),
            "is_demo": is_demo,
        },
    )
    return expert


def overdue_notify(today=None):
    """Mail IOK staff the advice past its deadline and still not approved;
    ([dossier], [address])."""
    from .figures import is_overdue

    dossiers = Dossier.objects.filter(status=Dossier.Status.INGEDIEND).select_related(
        "gemeente", "tijdslot__zitting__bijeenkomst", "advies"
    )
    overdue = [
        d
        for d in dossiers
        if is_overdue(d, today) and not (hasattr(d, "advies") and d.advies.is_approved)
    ]
    if not overdue:
        return [], []
    to = notifications.advies_overdue(overdue)
    return overdue, to
