"""Writes of the learning community: each enforces its own rules and raises a
`ValidationError` with a Dutch message; forms, views and the demo call them. Mail goes
out after the write is committed (atelier.mail.mail_send)."""

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Max, Min, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from atelier.mail import mail_send, one_line
from atelier.uploads import check_document, safe_filename
from netwerk.models import Bijeenkomst, Genodigde

from . import rules
from .models import (
    MAX_WERKSESSIES,
    MIN_WERKSESSIES,
    Aanwezigheid,
    Case,
    CaseBijlage,
    Evaluatie,
    Fase,
    Hefboom,
    Inschrijving,
    PeilingAntwoord,
    PeilingThema,
    Praktijkvoorbeeld,
    SessieDocument,
    Tool,
    Traject,
    Werksessie,
)

MAX_BIJLAGEN = 5


def _clean_text(value, label, *, max_length=None, required=False):
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError(_("%(label)s bevat ongeldige tekens.") % {"label": label})
    if required and not value:
        raise ValidationError(_("Vul %(label)s in.") % {"label": label})
    if max_length and len(value) > max_length:
        raise ValidationError(
            _("%(label)s is te lang: hoogstens %(max)d tekens.")
            % {"label": label, "max": max_length}
        )
    return value


def _check_point(punt):
    if punt is None:
        return None
    if not isinstance(punt, Point) or punt.srid not in (None, 4326):
        raise ValidationError(_("De ligging is geen punt in WGS84."))
    if not (-180 <= punt.x <= 180 and -90 <= punt.y <= 90):
        raise ValidationError(_("De ligging ligt niet op aarde."))
    punt.srid = 4326
    return punt


# --- trajectories, hefbomen, sessions (staff and demo) ---------------------------


@transaction.atomic
def traject_create(*, fasen, organisatoren=(), eerste_orde_gemeenten=(), **fields):
    """A trajectory with its phases [(soort, begin, einde, omschrijving)]."""
    fields["title"] = one_line(
        _clean_text(fields.get("title"), _("de titel"), required=True)
    )
    traject = Traject(**fields)
    if not traject.slug:
        traject.slug = slugify(traject.title)[:200]
    traject.full_clean()
    traject.save()
    traject.organisatoren.set(organisatoren)
    traject.eerste_orde_gemeenten.set(eerste_orde_gemeenten)
    for soort, begin, einde, omschrijving in fasen:
        fase = Fase(
            traject=traject,
            soort=soort,
            begin=begin,
            einde=einde,
            omschrijving=omschrijving,
        )
        fase.full_clean()
        fase.save()
    return traject


@transaction.atomic
def startdag_plan(traject, *, start, einde, locatie_naam="", adres="", is_demo=False):
    """The public start day: a Bijeenkomst (STARTDAG) linked from the trajectory."""
    bijeenkomst = Bijeenkomst(
        title=_("Startdag: %(titel)s") % {"titel": traject.title},
        slug=f"startdag-{traject.slug}"[:220],
        soort=Bijeenkomst.Soort.STARTDAG,
        samenvatting=_(
            "Publieke startdag met toelichting bij de thema's en het traject."
        ),
        start=start,
        einde=einde,
        locatie_naam=locatie_naam,
        adres=adres,
        zichtbaarheid=Bijeenkomst.Zichtbaarheid.PUBLIEK,
        is_demo=is_demo,
    )
    bijeenkomst.full_clean()
    bijeenkomst.save()
    traject.startdag = bijeenkomst
    traject.save(update_fields=["startdag", "updated_at"])
    return bijeenkomst


def hefboom_create(traject, **fields):
    hefboom = Hefboom(traject=traject, **fields)
    hefboom.vraag = _clean_text(hefboom.vraag, _("de vraag"), required=True)
    if not hefboom.slug:
        hefboom.slug = slugify(hefboom.titel)[:100]
    hefboom.full_clean()
    hefboom.save()
    return hefboom


@transaction.atomic
def werksessie_add(
    hefboom,
    *,
    start,
    einde,
    agenda="",
    experts="",
    locatie_naam="",
    adres="",
    is_demo=False,
):
    """The next work session of `hefboom` (at most MAX_WERKSESSIES), a Bijeenkomst
    that only the hefboom's participants (invited as organisations) and staff see."""
    hefboom = Hefboom.objects.select_for_update().get(pk=hefboom.pk)
    count = hefboom.werksessies.count()
    if count >= MAX_WERKSESSIES:
        raise ValidationError(
            _(
                "Hefboom %(nummer)d heeft al %(max)d werksessies: een hefboom telt "
                "3 tot 5 werksessies."
            )
            % {"nummer": hefboom.nummer, "max": MAX_WERKSESSIES}
        )
    volgnummer = count + 1
    bijeenkomst = Bijeenkomst(
        title=_("Werksessie %(n)d – %(titel)s")
        % {"n": volgnummer, "titel": hefboom.titel},
        slug=f"{hefboom.traject.slug}-{hefboom.slug}-sessie-{volgnummer}"[:220],
        soort=Bijeenkomst.Soort.WERKSESSIE,
        samenvatting=one_line(hefboom.vraag)[:500],
        start=start,
        einde=einde,
        locatie_naam=locatie_naam,
        adres=adres,
        zichtbaarheid=Bijeenkomst.Zichtbaarheid.GENODIGDEN,
        is_demo=is_demo,
    )
    bijeenkomst.full_clean()
    bijeenkomst.save()
    werksessie = Werksessie(
        hefboom=hefboom,
        bijeenkomst=bijeenkomst,
        volgnummer=volgnummer,
        agenda=agenda,
        experts=experts,
    )
    werksessie.full_clean()
    werksessie.save()
    for inschrijving in hefboom.inschrijvingen.confirmed():
        _invite(bijeenkomst, inschrijving.organisatie)
    return werksessie


def _invite(bijeenkomst, organisatie):
    Genodigde.objects.get_or_create(
        bijeenkomst=bijeenkomst, organisatie=organisatie, defaults={"rol": "deelnemer"}
    )


@transaction.atomic
def hefboom_publish(hefboom):
    """Open a hefboom for registration; it needs 3 to 5 planned work sessions."""
    hefboom = Hefboom.objects.select_for_update().get(pk=hefboom.pk)
    count = hefboom.werksessies.count()
    if not MIN_WERKSESSIES <= count <= MAX_WERKSESSIES:
        raise ValidationError(
            _(
                "Hefboom %(nummer)d heeft %(count)d werksessies gepland: plan er 3 tot "
                "5 voor u hem publiceert."
            )
            % {"nummer": hefboom.nummer, "count": count}
        )
    hefboom.gepubliceerd = True
    hefboom.save(update_fields=["gepubliceerd", "updated_at"])
    return hefboom


# --- registration ----------------------------------------------------------------


def orde_of(traject, organisatie):
    first = (
        organisatie.gemeente_id is not None
        and traject.eerste_orde_gemeenten.filter(pk=organisatie.gemeente_id).exists()
    ) or traject.eerste_orde_organisaties.filter(pk=organisatie.pk).exists()
    return Inschrijving.Orde.EERSTE if first else Inschrijving.Orde.TWEEDE


def inschrijving_submit(
    *,
    user,
    organisatie,
    hefbomen,
    contactpersonen,
    relevant="",
    case=None,
    bijlagen=(),
    now=None,
):
    """Register `organisatie` for `hefbomen` (one trajectory), optionally with a case
    {title, beschrijving, punt, openbaar} and attachments [(name, bytes)]. All or
    nothing: a deadline passed, a duplicate or a refused file refuses the whole
    registration. First-order organisations are confirmed; second-order ones wait for
    staff. Returns the registrations."""
    now = now or timezone.now()
    hefbomen = list(hefbomen)
    if not hefbomen:
        raise ValidationError(_("Kies minstens één hefboom."))
    if not rules.registering_organisaties(user).filter(pk=organisatie.pk).exists():
        raise ValidationError(
            _("U kunt alleen inschrijven voor een organisatie waarvoor u optreedt.")
        )
    trajecten = {h.traject_id for h in hefbomen}
    if len(trajecten) != 1:
        raise ValidationError(_("Kies hefbomen van één traject."))
    traject = hefbomen[0].traject
    contactpersonen = _clean_text(
        contactpersonen, _("de contactpersonen"), max_length=2000, required=True
    )
    relevant = _clean_text(relevant, _("wat voor u relevant is"), max_length=4000)
    for hefboom in hefbomen:
        if not hefboom.gepubliceerd or not traject.gepubliceerd:
            raise ValidationError(
                _("Inschrijven voor hefboom %(nummer)d kan (nog) niet.")
                % {"nummer": hefboom.nummer}
            )
        if not hefboom.registration_open(now):
            raise ValidationError(
                _(
                    "De inschrijvingen voor hefboom %(nummer)d (%(titel)s) zijn "
                    "afgesloten sinds %(datum)s."
                )
                % {
                    "nummer": hefboom.nummer,
                    "titel": hefboom.titel,
                    "datum": timezone.localtime(hefboom.inschrijven_tot).strftime(
                        "%d/%m/%Y"
                    ),
                }
            )
        if hefboom.inschrijvingen.filter(organisatie=organisatie).exists():
            raise ValidationError(
                _("%(org)s is al ingeschreven voor hefboom %(nummer)d.")
                % {"org": organisatie.name, "nummer": hefboom.nummer}
            )
    if len(bijlagen) > MAX_BIJLAGEN:
        raise ValidationError(
            _("Voeg hoogstens %(max)d bijlagen toe.") % {"max": MAX_BIJLAGEN}
        )
    files = []
    for name, data in bijlagen:
        upload = ContentFile(data, name=safe_filename(name))
        check_document(upload)
        files.append((safe_filename(name), upload))

    orde = orde_of(traject, organisatie)
    status = (
        Inschrijving.Status.BEVESTIGD
        if orde == Inschrijving.Orde.EERSTE
        else Inschrijving.Status.TE_BEOORDELEN
    )
    try:
        with transaction.atomic():
            case_obj = None
            if case:
                case_obj = Case(
                    traject=traject,
                    organisatie=organisatie,
                    title=one_line(
                        _clean_text(
                            case.get("title"),
                            _("de titel van de case"),
                            max_length=200,
                            required=True,
                        )
                    ),
                    beschrijving=_clean_text(
                        case.get("beschrijving"),
                        _("de beschrijving van de case"),
                        max_length=10_000,
                        required=True,
                    ),
                    punt=_check_point(case.get("punt")),
                    openbaar=bool(case.get("openbaar")),
                    ingediend_door=user,
                )
                case_obj.full_clean()
                case_obj.save()
                for name, upload in files:
                    CaseBijlage.objects.create(case=case_obj, naam=name, bestand=upload)
            elif files:
                raise ValidationError(
                    _("Bijlagen horen bij een case: beschrijf de case.")
                )
            inschrijvingen = []
            for hefboom in hefbomen:
                inschrijving = Inschrijving.objects.create(
                    hefboom=hefboom,
                    organisatie=organisatie,
                    ingediend_door=user,
                    contactpersonen=contactpersonen,
                    relevant=relevant,
                    case=case_obj,
                    orde=orde,
                    status=status,
                )
                if status == Inschrijving.Status.BEVESTIGD:
                    _invite_to_sessions(inschrijving)
                inschrijvingen.append(inschrijving)
    except IntegrityError as error:  # a registration raced this one
        raise ValidationError(
            _("Deze organisatie is al ingeschreven voor deze hefboom.")
        ) from error
    transaction.on_commit(lambda: _mail_registration(user, inschrijvingen))
    if status == Inschrijving.Status.TE_BEOORDELEN:
        for address in rules.staff_recipients():
            transaction.on_commit(
                lambda address=address: mail_send(
                    subject_template="leergemeenschap/mail/te_beoordelen_subject.txt",
                    body_template="leergemeenschap/mail/te_beoordelen_body.txt",
                    context={"inschrijvingen": inschrijvingen, "traject": traject},
                    to=[address],
                )
            )
    return inschrijvingen


def _invite_to_sessions(inschrijving):
    for werksessie in inschrijving.hefboom.werksessies.select_related("bijeenkomst"):
        _invite(werksessie.bijeenkomst, inschrijving.organisatie)


def _mail_registration(user, inschrijvingen):
    mail_send(
        subject_template="leergemeenschap/mail/inschrijving_subject.txt",
        body_template="leergemeenschap/mail/inschrijving_body.txt",
        context={
            "user": user,
            "inschrijvingen": inschrijvingen,
            "traject": inschrijvingen[0].hefboom.traject,
            "organisatie": inschrijvingen[0].organisatie,
        },
        to=[user.email],
    )


@transaction.atomic
def inschrijving_decide(inschrijving, *, by, approve):
    """Staff accept (or turn down) a second-order registration."""
    if not rules.is_staff(by):
        raise ValidationError(_("Alleen IOK beoordeelt inschrijvingen."))
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if inschrijving.status != Inschrijving.Status.TE_BEOORDELEN:
        raise ValidationError(_("Deze inschrijving is al beoordeeld."))
    inschrijving.status = (
        Inschrijving.Status.BEVESTIGD if approve else Inschrijving.Status.GEWEIGERD
    )
    inschrijving.beoordeeld_door = by
    inschrijving.save(update_fields=["status", "beoordeeld_door", "updated_at"])
    if approve:
        _invite_to_sessions(inschrijving)
    submitter = inschrijving.ingediend_door
    if submitter is not None:
        transaction.on_commit(
            lambda: mail_send(
                subject_template="leergemeenschap/mail/beoordeling_subject.txt",
                body_template="leergemeenschap/mail/beoordeling_body.txt",
                context={"inschrijving": inschrijving, "approve": approve},
                to=[submitter.email],
            )
        )
    return inschrijving


# --- session material ---------------------------------------------------------


@transaction.atomic
def werksessie_publish_input(werksessie, *, verslag, documenten=(), by=None):
    """Publish the processed input of a session (report and documents [(name,
    bytes)]) to the hefboom's participants."""
    if by is not None and not rules.is_staff(by):
        raise ValidationError(_("Alleen IOK publiceert de verwerkte input."))
    verslag = _clean_text(verslag, _("het verslag"), max_length=50_000, required=True)
    checked = []
    for name, data in documenten:
        upload = ContentFile(data, name=safe_filename(name))
        check_document(upload)
        checked.append((safe_filename(name), upload))
    werksessie.verslag = verslag
    werksessie.verslag_gepubliceerd_op = timezone.now()
    werksessie.save(update_fields=["verslag", "verslag_gepubliceerd_op", "updated_at"])
    for name, upload in checked:
        SessieDocument.objects.create(werksessie=werksessie, naam=name, bestand=upload)
    recipients = sorted(
        {
            u.email
            for i in werksessie.hefboom.inschrijvingen.confirmed().prefetch_related(
                "organisatie__leden"
            )
            for u in i.organisatie.leden.all()
            if u.email
        }
    )
    for address in recipients:  # one mail each: participants do not see each other
        transaction.on_commit(
            lambda address=address: mail_send(
                subject_template="leergemeenschap/mail/input_subject.txt",
                body_template="leergemeenschap/mail/input_body.txt",
                context={"werksessie": werksessie},
                to=[address],
            )
        )
    return werksessie


@transaction.atomic
def aanwezigheid_record(werksessie, inschrijvingen):
    """Attendance of a session: the registrations that were there."""
    for inschrijving in inschrijvingen:
        if inschrijving.hefboom_id != werksessie.hefboom_id:
            raise ValidationError(_("Deze deelnemer hoort niet bij deze hefboom."))
        Aanwezigheid.objects.get_or_create(
            werksessie=werksessie, inschrijving=inschrijving
        )


# --- evaluation ------------------------------------------------------------------


def evaluation_open(hefboom, now=None):
    """The evaluation opens when the hefboom's last work session begins."""
    last = hefboom.werksessies.select_related("bijeenkomst").order_by("-volgnummer")
    last = last.first()
    return last is not None and last.bijeenkomst.start <= (now or timezone.now())


@transaction.atomic
def evaluatie_submit(*, user, inschrijving, scores, now=None):
    """A participant's evaluation of every proposed tool of the hefboom: scores is
    {tool: (score, comment)}. Every tool gets a score of 1 to 5."""
    hefboom = inschrijving.hefboom
    if not evaluation_open(hefboom, now):
        raise ValidationError(
            _("De evaluatie van de tools opent op de laatste werksessie.")
        )
    if inschrijving.status != Inschrijving.Status.BEVESTIGD or not (
        rules.is_staff(user)  # staff enter the paper forms of a session
        or rules.user_organisaties(user).filter(pk=inschrijving.organisatie_id).exists()
    ):
        raise ValidationError(_("Alleen deelnemers van deze hefboom evalueren."))
    tools = set(hefboom.tools.all())
    if set(scores) != tools:
        raise ValidationError(_("Geef een score voor elke voorgestelde tool."))
    for tool, (score, comment) in scores.items():
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError(
                _("Geef %(tool)s een score van 1 tot 5.") % {"tool": tool.title}
            )
        comment = _clean_text(comment, _("het commentaar"), max_length=4000)
        Evaluatie.objects.update_or_create(
            tool=tool,
            inschrijving=inschrijving,
            defaults={"user": user, "score": score, "commentaar": comment},
        )


def evaluation_results(hefboom):
    """Per tool: the number of evaluations, average, lowest and highest score
    (aggregated by the database)."""
    return hefboom.tools.annotate(
        aantal=Count("evaluaties"),
        gemiddelde=Avg("evaluaties__score"),
        laagste=Min("evaluaties__score"),
        hoogste=Max("evaluaties__score"),
    ).order_by("title")


# --- needs survey ------------------------------------------------------------------


@transaction.atomic
def peiling_submit(*, user, organisatie, antwoorden):
    """antwoorden: {PeilingThema: (belang 1-5 or None, voorbeeld)}; a theme without
    a score is skipped. A new answer replaces the organisation's earlier one."""
    if not rules.registering_organisaties(user).filter(pk=organisatie.pk).exists():
        raise ValidationError(
            _("U kunt alleen antwoorden voor een organisatie waarvoor u optreedt.")
        )
    saved = 0
    for thema, (belang, voorbeeld) in antwoorden.items():
        voorbeeld = _clean_text(voorbeeld, _("het voorbeeld"), max_length=4000)
        if belang is None:
            continue
        if not isinstance(belang, int) or not 1 <= belang <= 5:
            raise ValidationError(_("Geef een belang van 1 tot 5."))
        PeilingAntwoord.objects.update_or_create(
            thema=thema,
            organisatie=organisatie,
            defaults={"user": user, "belang": belang, "voorbeeld": voorbeeld},
        )
        saved += 1
    if not saved:
        raise ValidationError(_("Geef minstens één thema een belang."))
    return saved


def peiling_results(traject):
    return PeilingThema.objects.filter(traject=traject).annotate(
        aantal=Count("antwoorden"),
        gemiddelde=Avg("antwoorden__belang"),
        voorbeelden=Count("antwoorden", filter=~Q(antwoorden__voorbeeld="")),
    )


# --- practice examples ---------------------------------------------------------


def praktijkvoorbeeld_submit(
    *,
    user,
    traject,
    title,
    beschrijving,
    hefboom=None,
    punt=None,
    organisatie=None,
    status=Praktijkvoorbeeld.Status.INGEDIEND,
):
    if not rules.may_submit_praktijkvoorbeeld(user):
        raise ValidationError(_("U kunt (nog) geen praktijkvoorbeelden indienen."))
    if hefboom is not None and hefboom.traject_id != traject.pk:
        raise ValidationError(_("Deze hefboom hoort niet bij dit traject."))
    voorbeeld = Praktijkvoorbeeld(
        traject=traject,
        hefboom=hefboom,
        title=one_line(
            _clean_text(title, _("de titel"), max_length=200, required=True)
        ),
        beschrijving=_clean_text(
            beschrijving, _("de beschrijving"), max_length=10_000, required=True
        ),
        punt=_check_point(punt),
        organisatie=organisatie,
        ingediend_door=user,
        status=status,
    )
    voorbeeld.full_clean()
    voorbeeld.save()
    return voorbeeld


def praktijkvoorbeeld_moderate(voorbeeld, *, by, publish):
    if not rules.is_staff(by):
        raise ValidationError(_("Alleen IOK modereert praktijkvoorbeelden."))
    voorbeeld.status = (
        Praktijkvoorbeeld.Status.GEPUBLICEERD
        if publish
        else Praktijkvoorbeeld.Status.AFGEWEZEN
    )
    voorbeeld.save(update_fields=["status", "updated_at"])
    return voorbeeld


# --- toolbox -------------------------------------------------------------------------


def tool_create(hefboom, *, title, beschrijving, dos="", donts="", slug=""):
    tool = Tool(
        hefboom=hefboom,
        title=one_line(
            _clean_text(title, _("de titel"), max_length=200, required=True)
        ),
        slug=slug or slugify(title)[:200],
        beschrijving=_clean_text(beschrijving, _("de beschrijving"), required=True),
        dos=_clean_text(dos, _("de do's")),
        donts=_clean_text(donts, _("de don'ts")),
    )
    tool.full_clean()
    tool.save()
    return tool


def toolbox_publish(traject, *, inleiding=None, now=None):
    """Publish the toolbox of a trajectory: every hefboom needs at least one tool."""
    empty = [h.nummer for h in traject.hefbomen.all() if not h.tools.exists()]
    if empty:
        raise ValidationError(
            _("Hefboom %(nummers)s heeft nog geen tools.")
            % {"nummers": ", ".join(map(str, empty))}
        )
    if inleiding is not None:
        traject.toolbox_inleiding = inleiding
    traject.toolbox_gepubliceerd_op = now or timezone.now()
    traject.save(
        update_fields=["toolbox_inleiding", "toolbox_gepubliceerd_op", "updated_at"]
    )
    return traject


@transaction.atomic
def tool_promote_to_modeldocument(tool, *, by, soort, beleidsniveau="lokaal"):
    """A draft model document (unpublished, under the library, for the review
    workflow) made from a tool; the tool remembers it."""
    from modeldocumenten.models import ModelDocumentIndexPage, ModelDocumentPage

    if not rules.is_staff(by):
        raise ValidationError(_("Alleen IOK zet een tool om naar een modeldocument."))
    if tool.modeldocument_concept_id:
        raise ValidationError(_("Deze tool is al omgezet naar een modeldocument."))
    library = ModelDocumentIndexPage.objects.first()
    if library is None:
        raise ValidationError(_("Er is nog geen bibliotheek voor modeldocumenten."))
    dos = "".join(f"<li>{_esc(d)}</li>" for d in tool.do_list())
    donts = "".join(f"<li>{_esc(d)}</li>" for d in tool.dont_list())
    gebruik = (
        f"<p>{_esc(tool.beschrijving)}</p>"
        + (f"<h3>Do's</h3><ul>{dos}</ul>" if dos else "")
        + (f"<h3>Don'ts</h3><ul>{donts}</ul>" if donts else "")
    )
    slug = slugify(f"{tool.slug}-{tool.hefboom.traject.slug}")[:80]
    if ModelDocumentPage.objects.filter(slug=slug).exists():
        slug = f"{slug}-{tool.pk}"
    page = ModelDocumentPage(
        title=tool.title,
        slug=slug,
        summary=one_line(tool.beschrijving)[:1000],
        gebruik=gebruik,
        soort=soort,
        beleidsniveau=beleidsniveau,
        live=False,
        owner=by,
    )
    library.add_child(instance=page)
    page.save_revision(user=by)
    tool.modeldocument_concept = page
    tool.save(update_fields=["modeldocument_concept", "updated_at"])
    return page


def _esc(text):
    from django.utils.html import escape

    return escape(text)
