"""Demo data for the learning community, read from trajecten.yaml beside this
module: the kernversterking trajectory of BBL and the province of Vlaams-Brabant
(2015–2016: its phases, start day, three hefbomen with their questions verbatim, the
real deadlines, registrations, sessions, evaluations and a published toolbox) and a
running Kempen trajectory whose registration is open. See SOURCE.md.

Everything goes through leergemeenschap.services, acted out by the demo's IOK
account (`iok`, from the core's demo): staff register organisations that asked by
mail, enter the paper evaluation forms and moderate the examples.

Idempotent: a trajectory whose slug exists is left as it is.
"""

import datetime

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from atelier.demo.records import DemoDataError, DemoFolder
from atelier.models import Gemeente, Organisatie, User

from .. import services
from ..models import Inschrijving, PeilingThema, Traject

DEMO = DemoFolder(__file__)
STAFF_USERNAME = "iok"


@transaction.atomic
def load(stdout):
    data = DEMO.read("trajecten.yaml")
    data.check_keys(required={"organisaties", "trajecten"})
    staff = User.objects.filter(username=STAFF_USERNAME).first()
    if staff is None:
        raise DemoDataError(
            f"{DEMO.name('trajecten.yaml')}: het demo-account '{STAFF_USERNAME}' "
            "ontbreekt (atelier/demo/accounts.yaml)."
        )
    _load_organisaties(data)
    existing = set(Traject.objects.values_list("slug", flat=True))
    created = 0
    for record in data.parts("trajecten"):
        if record["slug"] in existing:
            continue
        _create_traject(record, staff)
        created += 1
    demo = Traject.objects.filter(is_demo=True)
    stdout.write(
        f"Leergemeenschap: {demo.count()} trajecten, "
        f"{Inschrijving.objects.filter(hefboom__traject__in=demo).count()} "
        f"inschrijvingen; {created} nieuw"
    )


def _load_organisaties(data):
    for record in data.parts("organisaties"):
        record.check_keys(required={"name", "kind"}, optional={"website"})
        if Organisatie.objects.filter(name=record["name"]).exists():
            continue
        organisatie = Organisatie(
            name=record["name"],
            slug=slugify(record.text("name")),
            kind=record["kind"],
            website=record.text("website"),
        )
        with record.checking():
            organisatie.full_clean()
        organisatie.save()


def _when(record, value):
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise record.error(
            f"'{value}' is geen datum en tijd (YYYY-MM-DD HH:MM)"
        ) from None
    return timezone.make_aware(moment)


def _organisatie(record, name):
    organisatie = Organisatie.objects.filter(name=name).first()
    if organisatie is None:
        raise record.error(f"onbekende organisatie '{name}'")
    return organisatie


def _create_traject(record, staff):
    record.check_keys(
        required={
            "slug",
            "title",
            "beschrijving",
            "doelgroep_eerste_orde",
            "fasen",
            "hefbomen",
        },
        optional={
            "ondertitel",
            "organisatoren",
            "organisatoren_tekst",
            "doelgroep_tweede_orde",
            "eerste_orde_organisaties",
            "eerste_orde_gemeenten",
            "engagement",
            "contact",
            "startdag",
            "peiling",
            "toolbox_gepubliceerd_op",
            "toolbox_inleiding",
            "praktijkvoorbeelden",
        },
    )
    fasen = []
    for fase in record.list("fasen"):
        if not isinstance(fase, list) or len(fase) != 4:
            raise record.error("elke fase is [soort, van, tot, omschrijving]")
        fasen.append(tuple(fase))
    gemeenten = (
        list(Gemeente.objects.all())
        if record.get("eerste_orde_gemeenten") == "alle"
        else [
            record.lookup({g.name: g for g in Gemeente.objects.all()}, n, "gemeente")
            for n in record.list("eerste_orde_gemeenten")
        ]
    )
    with record.checking():
        traject = services.traject_create(
            fasen=fasen,
            organisatoren=[
                _organisatie(record, n) for n in record.list("organisatoren")
            ],
            eerste_orde_gemeenten=gemeenten,
            slug=record["slug"],
            title=record["title"],
            ondertitel=record.text("ondertitel"),
            organisatoren_tekst=record.text("organisatoren_tekst"),
            beschrijving=record.text("beschrijving"),
            doelgroep_eerste_orde=record.text("doelgroep_eerste_orde"),
            doelgroep_tweede_orde=record.text("doelgroep_tweede_orde"),
            engagement=record.text("engagement"),
            contact=record.text("contact"),
            begin=min(f[1] for f in fasen),
            einde=max(f[2] for f in fasen),
            gepubliceerd=True,
            is_demo=True,
        )
        traject.eerste_orde_organisaties.set(
            [_organisatie(record, n) for n in record.list("eerste_orde_organisaties")]
        )
        if record.get("startdag"):
            dag = record.part("startdag")
            services.startdag_plan(
                traject,
                start=_when(dag, dag["start"]),
                einde=_when(dag, dag["einde"]),
                locatie_naam=dag.text("locatie_naam"),
                adres=dag.text("adres"),
                is_demo=True,
            )
        if record.get("peiling"):
            _peiling(record.part("peiling"), traject, staff)
        hefbomen = {}
        for part in record.parts("hefbomen"):
            hefbomen[part["nummer"]] = _hefboom(part, traject, staff)
        for part in record.parts("praktijkvoorbeelden"):
            _voorbeeld(part, traject, hefbomen, staff)
        if record.get("toolbox_gepubliceerd_op"):
            services.toolbox_publish(
                traject,
                inleiding=record.text("toolbox_inleiding"),
                now=_when(record, record["toolbox_gepubliceerd_op"]),
            )
    return traject


def _peiling(record, traject, staff):
    record.check_keys(required={"themas", "antwoorden"})
    themas = [
        PeilingThema.objects.create(traject=traject, naam=naam, volgorde=i)
        for i, naam in enumerate(record.list("themas"))
    ]
    for part in record.parts("antwoorden"):
        part.check_keys(required={"organisatie", "belang"}, optional={"voorbeelden"})
        voorbeelden = part.list("voorbeelden") or [""] * len(themas)
        with part.checking():
            services.peiling_submit(
                user=staff,
                organisatie=_organisatie(part, part["organisatie"]),
                antwoorden={
                    thema: (belang, voorbeeld)
                    for thema, belang, voorbeeld in zip(
                        themas, part.list("belang"), voorbeelden, strict=True
                    )
                },
            )


def _hefboom(record, traject, staff):
    record.check_keys(
        required={"nummer", "slug", "titel", "vraag", "inschrijven_tot", "sessies"},
        optional={"experts", "beschrijving", "inschrijvingen", "tools", "evaluaties"},
    )
    with record.checking():
        hefboom = services.hefboom_create(
            traject,
            nummer=record["nummer"],
            slug=record["slug"],
            titel=record["titel"],
            vraag=record["vraag"],
            beschrijving=record.text("beschrijving"),
            experts=record.text("experts"),
            inschrijven_tot=_when(record, record["inschrijven_tot"]),
        )
        sessies = []
        for part in record.parts("sessies"):
            part.check_keys(required={"start", "einde"}, optional={"agenda", "verslag"})
            sessies.append(
                (
                    services.werksessie_add(
                        hefboom,
                        start=_when(part, part["start"]),
                        einde=_when(part, part["einde"]),
                        agenda=part.text("agenda"),
                        experts=record.text("experts"),
                        is_demo=True,
                    ),
                    part.text("verslag"),
                )
            )
        hefboom = services.hefboom_publish(hefboom)
        inschrijvingen = {}
        for part in record.parts("inschrijvingen"):
            inschrijvingen[part["organisatie"]] = _inschrijving(part, hefboom, staff)
        for sessie, verslag in sessies:
            if verslag:
                services.werksessie_publish_input(sessie, verslag=verslag, by=staff)
                services.aanwezigheid_record(
                    sessie,
                    [i for i in inschrijvingen.values() if i.status == "bevestigd"],
                )
        tools = []
        for part in record.parts("tools"):
            part.check_keys(
                required={"title", "beschrijving"}, optional={"dos", "donts", "cases"}
            )
            tool = services.tool_create(
                hefboom,
                title=part["title"],
                beschrijving=part["beschrijving"],
                dos=part.text("dos"),
                donts=part.text("donts"),
            )
            tool.cases.set(traject.cases.filter(title__in=part.list("cases")))
            tools.append(tool)
        for part in record.parts("evaluaties"):
            part.check_keys(required={"organisatie", "scores"})
            inschrijving = part.lookup(
                inschrijvingen, part["organisatie"], "inschrijving"
            )
            scores = part.list("scores")
            if len(scores) != len(tools):
                raise part.error("geef een score voor elke tool")
            services.evaluatie_submit(
                user=staff,
                inschrijving=inschrijving,
                scores={t: (s[0], s[1]) for t, s in zip(tools, scores, strict=True)},
            )
    return hefboom


def _inschrijving(record, hefboom, staff):
    record.check_keys(
        required={"organisatie", "datum", "contactpersonen"},
        optional={"relevant", "case", "goedgekeurd"},
    )
    case = None
    if record.get("case"):
        data = record.part("case")
        data.check_keys(
            required={"title", "beschrijving"}, optional={"lon", "lat", "openbaar"}
        )
        case = {
            "title": data["title"],
            "beschrijving": data["beschrijving"],
            "openbaar": data.get("openbaar", False),
            "punt": Point(data["lon"], data["lat"], srid=4326)
            if data.get("lon") is not None
            else None,
        }
    with record.checking():
        (inschrijving,) = services.inschrijving_submit(
            user=staff,
            organisatie=_organisatie(record, record["organisatie"]),
            hefbomen=[hefboom],
            contactpersonen=record["contactpersonen"],
            relevant=record.text("relevant"),
            case=case,
            now=_when(record, record["datum"]),
        )
        if record.get("goedgekeurd"):
            inschrijving = services.inschrijving_decide(
                inschrijving, by=staff, approve=True
            )
    return inschrijving


def _voorbeeld(record, traject, hefbomen, staff):
    record.check_keys(
        required={"title", "beschrijving", "status"},
        optional={"hefboom", "organisatie", "lon", "lat"},
    )
    with record.checking():
        voorbeeld = services.praktijkvoorbeeld_submit(
            user=staff,
            traject=traject,
            title=record["title"],
            beschrijving=record["beschrijving"],
            hefboom=hefbomen.get(record.get("hefboom")),
            organisatie=_organisatie(record, record["organisatie"])
            if record.get("organisatie")
            else None,
            punt=Point(record["lon"], record["lat"], srid=4326)
            if record.get("lon") is not None
            else None,
        )
        if record["status"] != "ingediend":
            services.praktijkvoorbeeld_moderate(
                voorbeeld, by=staff, publish=record["status"] == "gepubliceerd"
            )
