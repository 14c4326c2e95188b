"""The demo of consultations, activities and tailored support (overleg.yaml): the
partners' expertise, a year of kernpartneroverleg meetings whose open action items
carry over, two thematic consultations, overlapping activities and requests for
tailored support in every state, all through netwerk.services.

Dates are days from today (`dag`, `van`, `tot`). Idempotent: a series, meeting,
activity or request that exists (by slug; a request by subject and municipality) is
left as it is, and so is a partner's expertise once filled in."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from atelier.models import Gemeente, Organisatie, Thema, User
from kempenkaart.models import Project

from ..models import (
    Actiepunt,
    Activiteit,
    AgendaPunt,
    Besluit,
    Maatwerkvraag,
    Overleg,
    OverlegReeks,
)
from ..services import (
    actiepunt_set_status,
    activiteit_save,
    maatwerk_submit,
    maatwerk_update,
    overleg_plan,
)

MEETING_KEYS = {"slug", "dag"}
MEETING_OPTIONAL = {"locatie", "agenda", "notulen", "besluiten", "actiepunten"}


def load(stdout, folder):
    data = folder.read("overleg.yaml")
    data.check_keys(
        required={"partners", "kernpartneroverleg", "thematisch", "activiteiten"},
        optional={"maatwerk"},
    )
    lookups = {
        "organisaties": {o.name: o for o in Organisatie.objects.all()},
        "users": {u.username: u for u in User.objects.all()},
        "themas": {t.slug: t for t in Thema.objects.all()},
        "gemeenten": {g.name: g for g in Gemeente.objects.all()},
        "projecten": {p.slug: p for p in Project.objects.all()},
    }
    staff = (
        lookups["users"].get("iok") or User.objects.filter(is_superuser=True).first()
    )
    today = timezone.localdate()
    _partners(data, lookups)
    kern = data.part("kernpartneroverleg")
    _series(kern, OverlegReeks.Soort.KERNPARTNEROVERLEG, today, lookups, staff)
    for record in data.parts("thematisch"):
        _series(record, OverlegReeks.Soort.THEMATISCH, today, lookups, staff)
    for record in data.parts("activiteiten"):
        _activiteit(record, today, lookups, staff)
    for record in data.parts("maatwerk"):
        _maatwerk(record, lookups, staff)
    stdout.write(
        f"Netwerk (overleg): {Overleg.objects.count()} overleggen, "
        f"{Actiepunt.objects.count()} actiepunten, "
        f"{Activiteit.objects.count()} activiteiten, "
        f"{len(Activiteit.objects.samenwerkingskansen())} samenwerkingskansen, "
        f"{Maatwerkvraag.objects.count()} maatwerkvragen"
    )


def _partners(data, lookups):
    for record in data.parts("partners"):
        record.check_keys(
            required={"naam", "expertise"}, optional={"contact_email", "telefoon"}
        )
        partner = record.lookup(lookups["organisaties"], record["naam"], "organisatie")
        if partner.expertise:
            continue
        partner.expertise = record.text("expertise")
        partner.contact_email = record.text("contact_email")
        partner.telefoon = record.text("telefoon")
        with record.checking():
            partner.full_clean()
        partner.save()


def _series(record, soort, today, lookups, staff):
    record.check_keys(
        required={"slug", "title", "vergaderingen"},
        optional={"omschrijving", "thema", "genodigden"},
    )
    reeks = OverlegReeks.objects.filter(slug=record["slug"]).first()
    if reeks is None:
        reeks = OverlegReeks(
            slug=record["slug"],
            title=record["title"],
            soort=soort,
            omschrijving=record.text("omschrijving"),
            thema=record.lookup(lookups["themas"], record["thema"], "thema")
            if "thema" in record.data
            else None,
            is_demo=True,
        )
        with record.checking():
            reeks.full_clean()
        reeks.save()
    genodigden = None
    if soort == OverlegReeks.Soort.THEMATISCH:
        genodigden = [_genodigde(g, lookups) for g in record.parts("genodigden")]
    meetings = record.parts("vergaderingen")
    to_close = {}  # meeting slug: action items done before it
    for meeting in meetings:
        meeting.check_keys(
            required=MEETING_KEYS, optional={*MEETING_OPTIONAL, "antwoorden"}
        )
        start = _moment(today, meeting["dag"], time(9, 30))
        for actiepunt in to_close.pop(meeting["slug"], []):
            actiepunt_set_status(actiepunt, staff, Actiepunt.Status.AFGEROND)
            Actiepunt.objects.filter(pk=actiepunt.pk).update(
                afgerond_op=start - timedelta(days=3)
            )
        overleg = Overleg.objects.filter(bijeenkomst__slug=meeting["slug"]).first()
        if overleg is None:
            with meeting.checking():
                overleg = overleg_plan(
                    reeks,
                    start=start,
                    einde=start + timedelta(hours=2),
                    slug=meeting["slug"],
                    locatie_naam=meeting.text("locatie"),
                    genodigden=genodigden,
                )
            _fill(overleg, meeting, lookups, to_close, start)


def _fill(overleg, meeting, lookups, to_close, start):
    first = overleg.agendapunten.count()
    for order, titel in enumerate(meeting.list("agenda"), first):
        AgendaPunt.objects.create(overleg=overleg, titel=titel, sort_order=order)
    overleg.notulen = meeting.text("notulen")
    overleg.save()
    for tekst in meeting.list("besluiten"):
        Besluit.objects.create(overleg=overleg, tekst=tekst)
    for item in meeting.parts("actiepunten"):
        item.check_keys(
            required={"actie", "tegen"},
            optional={"trekker", "persoon", "status", "afgerond_voor"},
        )
        actiepunt = Actiepunt(
            overleg=overleg,
            omschrijving=item.text("actie"),
            eigenaar_organisatie=item.lookup(
                lookups["organisaties"], item["trekker"], "organisatie"
            )
            if "trekker" in item.data
            else None,
            eigenaar=item.lookup(lookups["users"], item["persoon"], "gebruiker")
            if "persoon" in item.data
            else None,
            deadline=(start + timedelta(days=item["tegen"])).date(),
            status=item.get("status", Actiepunt.Status.OPEN),
        )
        with item.checking():
            actiepunt.full_clean(exclude=["overleg"])
        actiepunt.save()
        if "afgerond_voor" in item.data:
            to_close.setdefault(item["afgerond_voor"], []).append(actiepunt)
    antwoorden = meeting.get("antwoorden", {})
    for naam, antwoord in antwoorden.items():
        organisatie = meeting.lookup(lookups["organisaties"], naam, "organisatie")
        if antwoord not in ("ja", "nee", "misschien"):
            raise meeting.error(f"onbekend antwoord '{antwoord}'")
        overleg.bijeenkomst.genodigden.filter(organisatie=organisatie).update(
            antwoord=antwoord, beantwoord_op=timezone.now()
        )


def _genodigde(record, lookups):
    record.check_keys(required=set(), optional={"organisatie", "persoon", "rol"})
    if "persoon" in record.data:
        who = {"user": record.lookup(lookups["users"], record["persoon"], "gebruiker")}
    else:
        who = {
            "organisatie": record.lookup(
                lookups["organisaties"], record["organisatie"], "organisatie"
            )
        }
    return {**who, "rol": record.text("rol")}


def _moment(today, days, at):
    day = today + timedelta(days=days)
    return datetime.combine(day, at, timezone.get_current_timezone())


def _activiteit(record, today, lookups, staff):
    record.check_keys(
        required={"slug", "title", "partner", "gemeente", "thema", "van"},
        optional={"tot", "omschrijving", "publiek", "projecten"},
    )
    if Activiteit.objects.filter(slug=record["slug"]).exists():
        return
    activiteit = Activiteit(
        slug=record["slug"],
        title=record["title"],
        organisatie=record.lookup(
            lookups["organisaties"], record["partner"], "organisatie"
        ),
        gemeente=record.lookup(lookups["gemeenten"], record["gemeente"], "gemeente"),
        thema=record.lookup(lookups["themas"], record["thema"], "thema"),
        omschrijving=record.text("omschrijving"),
        start=today + timedelta(days=record["van"]),
        einde=today + timedelta(days=record["tot"]) if "tot" in record.data else None,
        publiek=record.get("publiek", True),
        is_demo=True,
    )
    projecten = record.lookups(lookups["projecten"], "projecten", "project")
    with record.checking():
        activiteit_save(staff, activiteit, projecten)


def _maatwerk(record, lookups, staff):
    record.check_keys(
        required={"onderwerp", "vraag", "gemeente", "door", "thema", "status"},
        optional={"urgentie", "partners", "notitie", "reden"},
    )
    gemeente = record.lookup(lookups["gemeenten"], record["gemeente"], "gemeente")
    if Maatwerkvraag.objects.filter(
        onderwerp=record["onderwerp"], gemeente=gemeente
    ).exists():
        return
    with record.checking():
        vraag = maatwerk_submit(
            record.lookup(lookups["users"], record["door"], "gebruiker"),
            gemeente=gemeente,
            onderwerp=record.text("onderwerp"),
            vraag=record.text("vraag"),
            thema=record.lookup(lookups["themas"], record["thema"], "thema"),
            urgentie=record.get("urgentie", Maatwerkvraag.Urgentie.NORMAAL),
        )
        Maatwerkvraag.objects.filter(pk=vraag.pk).update(is_demo=True)
        if record["status"] != Maatwerkvraag.Status.NIEUW:
            maatwerk_update(
                vraag,
                staff,
                status=record["status"],
                reden=record.text("reden"),
                partners=record.lookups(
                    lookups["organisaties"], "partners", "organisatie"
                ),
                notitie=record.text("notitie"),
            )
