"""Registrations for the agenda's gatherings.

Capacity holds under concurrency: every registration and cancellation of a gathering
first locks its Bijeenkomst row (`select_for_update`), so the count of confirmed
places and the decision "confirmed or waiting list" are made by one transaction at a
time. Once per e-mail address is a database constraint as well.

No account is needed: a registration gets a personal token, mailed in its cancel
link; only the token's hash is stored. The reminder carries a cancel link too: since
the token itself is not kept, the reminder issues a fresh one and stores its hash in
place of the old (one hash per registration, no extra table); the link of the
confirmation mail then stops working and the reminder says its link replaces it. Mail goes out after the commit through
atelier.mail.mail_send, so a mail server that is down never loses a registration.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from atelier.mail import mail_send, one_line

from ..models import Bijeenkomst, Inschrijving

REMIND_BEFORE = timedelta(days=2)
MAIL = "netwerk/mail/"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def registration_refusal(bijeenkomst, now=None):
    """Why one cannot register for `bijeenkomst` now (a Dutch sentence), or None."""
    now = now or timezone.now()
    if not bijeenkomst.inschrijven:
        return _("Voor deze bijeenkomst kunt u zich niet via het portaal inschrijven.")
    if bijeenkomst.zichtbaarheid != Bijeenkomst.Zichtbaarheid.PUBLIEK:
        return _("Voor deze bijeenkomst kunt u zich niet via het portaal inschrijven.")
    if bijeenkomst.is_cancelled:
        return _("Deze bijeenkomst is geannuleerd: inschrijven kan niet meer.")
    if bijeenkomst.start <= now:
        return _(
            "Deze bijeenkomst is al begonnen of voorbij: inschrijven kan niet meer."
        )
    if bijeenkomst.registration_deadline() < now:
        return _("De inschrijvingen voor deze bijeenkomst zijn afgesloten.")
    return None


def _clean_text(value, label, *, max_length, required=False, one_line_only=True):
    value = str(value or "")
    if "\x00" in value:
        raise ValidationError(
            _("%(veld)s bevat ongeldige tekens."), params={"veld": label}
        )
    value = one_line(value) if one_line_only else value.strip()
    if required and not value:
        raise ValidationError(_("Vul %(veld)s in."), params={"veld": label})
    if len(value) > max_length:
        raise ValidationError(
            _("%(veld)s is te lang (hoogstens %(max)d tekens)."),
            params={"veld": label, "max": max_length},
        )
    return value


def _clean_email(email):
    email = _clean_text(email, _("uw e-mailadres"), max_length=254, required=True)
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(_("Dit is geen geldig e-mailadres.")) from error
    return email


def inschrijving_create(
    bijeenkomst,
    *,
    naam,
    email,
    organisatie="",
    gemeente=None,
    opmerkingen="",
    sessies=(),
    user=None,
    now=None,
):
    """Register someone for `bijeenkomst`: confirmed while seats are free (and nobody
    waits), else on the waiting list. Returns (inschrijving, token); the token is
    only in the mailed cancel link. Refuses (ValidationError, in Dutch) and saves
    nothing when registering is closed, the input is wrong or the address is
    registered already."""
    naam = _clean_text(naam, _("uw naam"), max_length=200, required=True)
    email = _clean_email(email)
    organisatie = _clean_text(organisatie, _("uw organisatie"), max_length=200)
    opmerkingen = _clean_text(
        opmerkingen, _("uw opmerkingen"), max_length=2000, one_line_only=False
    )
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        locked = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
        refusal = registration_refusal(locked, now)
        if refusal:
            raise ValidationError(refusal)
        sessies = list(sessies)
        if any(sessie.bijeenkomst_id != locked.pk for sessie in sessies):
            raise ValidationError(_("Kies sessies van deze bijeenkomst."))
        active = locked.inschrijvingen.exclude(status=Inschrijving.Status.GEANNULEERD)
        if active.filter(email__iexact=email).exists():
            raise ValidationError(
                _("Met dit e-mailadres bent u al ingeschreven voor deze bijeenkomst.")
            )
        status = Inschrijving.Status.BEVESTIGD
        if locked.capaciteit is not None and (
            active.filter(status=Inschrijving.Status.WACHTLIJST).exists()
            or active.filter(status=Inschrijving.Status.BEVESTIGD).count()
            >= locked.capaciteit
        ):
            status = Inschrijving.Status.WACHTLIJST
        try:
            with transaction.atomic():
                inschrijving = Inschrijving.objects.create(
                    bijeenkomst=locked,
                    naam=naam,
                    email=email,
                    organisatie=organisatie,
                    gemeente=gemeente,
                    opmerkingen=opmerkingen,
                    user=user if user and user.is_authenticated else None,
                    status=status,
                    token_hash=token_hash(token),
                )
        except IntegrityError as error:  # the constraint, should a check miss it
            raise ValidationError(
                _("Met dit e-mailadres bent u al ingeschreven voor deze bijeenkomst.")
            ) from error
        if sessies:
            inschrijving.sessies.set(sessies)
        transaction.on_commit(
            lambda: _mail(inschrijving, "bevestiging", token=token), robust=True
        )
    return inschrijving, token


def inschrijving_for_token(token):
    """The registration of a cancel link's token, or None."""
    if not token or "\x00" in token or len(token) > 200:
        return None
    return (
        Inschrijving.objects.select_related("bijeenkomst")
        .filter(token_hash=token_hash(token))
        .first()
    )


def inschrijving_cancel(token, *, now=None):
    """Cancel the registration of this personal token (once); the oldest on the
    waiting list move up into the freed seats and are mailed. Returns the cancelled
    registration."""
    now = now or timezone.now()
    found = inschrijving_for_token(token)
    if found is None:
        raise ValidationError(_("Deze annuleerlink is ongeldig."))
    with transaction.atomic():
        bijeenkomst = Bijeenkomst.objects.select_for_update().get(
            pk=found.bijeenkomst_id
        )
        inschrijving = Inschrijving.objects.get(pk=found.pk)
        if inschrijving.status == Inschrijving.Status.GEANNULEERD:
            raise ValidationError(_("Deze inschrijving is al geannuleerd."))
        if bijeenkomst.einde < now:
            raise ValidationError(
                _("Deze bijeenkomst is voorbij: annuleren kan niet meer.")
            )
        inschrijving.status = Inschrijving.Status.GEANNULEERD
        inschrijving.geannuleerd_op = now
        inschrijving.save(update_fields=["status", "geannuleerd_op", "updated_at"])
        transaction.on_commit(lambda: _mail(inschrijving, "annulering"), robust=True)
        for promoted in _move_up(bijeenkomst):
            transaction.on_commit(
                lambda p=promoted: _mail(p, "van_wachtlijst"), robust=True
            )
    return inschrijving


def _move_up(bijeenkomst):
    """Confirm the oldest on the waiting list while seats are free (the caller holds
    the gathering's row lock)."""
    if bijeenkomst.is_cancelled:
        return []
    registrations = bijeenkomst.inschrijvingen
    waiting = registrations.filter(status=Inschrijving.Status.WACHTLIJST).order_by(
        "created_at", "id"
    )
    if bijeenkomst.capaciteit is not None:
        confirmed = registrations.filter(status=Inschrijving.Status.BEVESTIGD).count()
        waiting = waiting[: max(bijeenkomst.capaciteit - confirmed, 0)]
    promoted = list(waiting)
    for inschrijving in promoted:
        inschrijving.status = Inschrijving.Status.BEVESTIGD
        inschrijving.save(update_fields=["status", "updated_at"])
    return promoted


def inschrijving_set_aanwezig(inschrijving, aanwezig):
    """Staff mark whether someone attended (True, False, or None: not known)."""
    if inschrijving.status != Inschrijving.Status.BEVESTIGD:
        raise ValidationError(
            _("Alleen bevestigde inschrijvingen kunnen aanwezig zijn.")
        )
    inschrijving.aanwezig = aanwezig
    inschrijving.save(update_fields=["aanwezig", "updated_at"])


def inschrijvingen_remind(now=None):
    """Mail every confirmed registrant of a planned gathering that starts within
    two days a reminder, once (herinnerd_op). Returns how many were reminded.

    Each reminder carries a fresh personal cancel link: a new token whose hash
    replaces the registration's, in the same update that claims the reminder. Only
    the newest link works (the confirmation mail's stops), so there is never more
    than one valid link per registration, and a cancel link still works once."""
    now = now or timezone.now()
    due = Inschrijving.objects.filter(
        status=Inschrijving.Status.BEVESTIGD,
        herinnerd_op__isnull=True,
        bijeenkomst__status=Bijeenkomst.Status.GEPLAND,
        bijeenkomst__start__gt=now,
        bijeenkomst__start__lte=now + REMIND_BEFORE,
    )
    reminded = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Claim it first: a second run (or one running at the same time)
            # finds it reminded and skips it.
            token = secrets.token_urlsafe(32)
            claimed = Inschrijving.objects.filter(
                pk=pk, herinnerd_op__isnull=True
            ).update(herinnerd_op=now, token_hash=token_hash(token))
            if claimed:
                inschrijving = Inschrijving.objects.select_related("bijeenkomst").get(
                    pk=pk
                )
                transaction.on_commit(
                    lambda i=inschrijving, t=token: _mail(i, "herinnering", token=t),
                    robust=True,
                )
                reminded += 1
    return reminded


def bijeenkomst_changed(bijeenkomst):
    """A gathering was changed (or cancelled): raise its SEQUENCE, so calendar
    programs that subscribed take the new version; when staff added seats, the
    oldest on the waiting list move up into them (and are mailed)."""
    with transaction.atomic():
        Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(sequence=F("sequence") + 1)
        locked = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
        if locked.einde >= timezone.now():  # nobody moves up after the event
            for promoted in _move_up(locked):
                transaction.on_commit(
                    lambda p=promoted: _mail(p, "van_wachtlijst"), robust=True
                )
    bijeenkomst.refresh_from_db(fields=["sequence"])


def bijeenkomst_cancelled(bijeenkomst):
    """A gathering was cancelled (its status set in the back office): raise its
    SEQUENCE (calendars show STATUS:CANCELLED) and mail everyone registered or
    waiting, after the commit. Returns how many will be mailed."""
    bijeenkomst_changed(bijeenkomst)
    if not bijeenkomst.is_cancelled:
        return 0
    registrants = list(
        bijeenkomst.inschrijvingen.exclude(status=Inschrijving.Status.GEANNULEERD)
    )
    for inschrijving in registrants:
        transaction.on_commit(
            lambda i=inschrijving: _mail(i, "bijeenkomst_geannuleerd"), robust=True
        )
    return len(registrants)


def _mail(inschrijving, kind, *, token=None):
    from django.urls import reverse

    context = {
        "inschrijving": inschrijving,
        "bijeenkomst": inschrijving.bijeenkomst,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        "cancel_url": (
            settings.WAGTAILADMIN_BASE_URL
            + reverse("netwerk:inschrijving-annuleren", kwargs={"token": token})
            if token
            else ""
        ),
    }
    return mail_send(
        subject_template=f"{MAIL}inschrijving_{kind}_subject.txt",
        body_template=f"{MAIL}inschrijving_{kind}_body.txt",
        context=context,
        to=[inschrijving.email],
    )
