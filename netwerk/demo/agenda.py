"""The agenda's demo (agenda.yaml): upcoming and past study days, workshops and an
excursion of the real partners, with programmes and sessions; registrations go
through netwerk.services, so the full workshop has a waiting list.

Dates are days from today (`dag`), at local times. Idempotent by slug: a gathering
that exists is left as it is."""

from datetime import datetime, time, timedelta

from django.contrib.gis.geos import Point
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import ReferenceIndex

from atelier.demo.records import document
from atelier.models import Gemeente, Organisatie, Thema

from ..models import Bijeenkomst, BijeenkomstDocument, Programmapunt, Sessie
from ..services import inschrijving_create

FIRST_NAMES = [
    "An", "Bart", "Chloë", "Dirk", "Els", "Filip", "Griet", "Hans", "Ilse", "Jan",
    "Karen", "Luc", "Marleen", "Nico", "Olga", "Pieter", "Rik", "Sofie", "Tom",
    "Veerle", "Wim", "Yasmine", "Zeno", "Lotte", "Bram",
]  # fmt: skip
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes"]


def load(stdout, folder):
    data = folder.read("agenda.yaml")
    data.check_keys(required={"bijeenkomsten"})
    lookups = {
        "themas": {t.slug: t for t in Thema.objects.all()},
        "gemeenten": {g.name: g for g in Gemeente.objects.all()},
        "organisaties": {o.name: o for o in Organisatie.objects.all()},
    }
    existing = set(Bijeenkomst.objects.values_list("slug", flat=True))
    today = timezone.localdate()
    created = 0
    for record in data.parts("bijeenkomsten"):
        record.check_keys(
            required={"slug", "title", "soort", "dag", "van", "tot"},
            optional={
                "samenvatting", "beschrijving", "locatie_naam", "adres", "punt",
                "online_url", "themas", "gemeenten", "organisatoren", "zichtbaarheid",
                "status", "annulatie_reden", "capaciteit", "inschrijven_tot_dag",
                "programma", "sessies", "inschrijvingen", "documenten",
            },
        )  # fmt: skip
        if record["slug"] in existing:
            continue
        _create(record, today, lookups, folder)
        created += 1
    # This file's gatherings (the consultations' demo adds its own).
    demo = Bijeenkomst.objects.filter(
        slug__in=[record["slug"] for record in data.parts("bijeenkomsten")]
    )
    stdout.write(
        f"Agenda: {demo.count()} bijeenkomsten "
        f"({demo.upcoming().count()} komende); {created} nieuw"
    )


def _at(record, day, hhmm):
    try:
        hours, minutes = (int(part) for part in str(hhmm).split(":"))
        clock = time(hours, minutes)
    except ValueError:
        raise record.error(f"geen uur: '{hhmm}' (verwacht UU:MM)") from None
    return timezone.make_aware(datetime.combine(day, clock))


def _create(record, today, lookups, folder):
    day = today + timedelta(days=int(record["dag"]))
    deadline = record.get("inschrijven_tot_dag")
    punt = record.list("punt")
    bijeenkomst = Bijeenkomst(
        slug=record["slug"],
        title=record.text("title"),
        soort=record.text("soort"),
        samenvatting=record.text("samenvatting"),
        beschrijving=record.text("beschrijving"),
        start=_at(record, day, record["van"]),
        einde=_at(record, day, record["tot"]),
        locatie_naam=record.text("locatie_naam"),
        adres=record.text("adres"),
        punt=Point(*punt, srid=4326) if punt else None,
        online_url=record.text("online_url"),
        zichtbaarheid=record.text("zichtbaarheid", Bijeenkomst.Zichtbaarheid.PUBLIEK),
        status=record.text("status", Bijeenkomst.Status.GEPLAND),
        annulatie_reden=record.text("annulatie_reden"),
        inschrijven="capaciteit" in record.data,
        capaciteit=record.get("capaciteit"),
        inschrijven_tot=(
            _at(record, today + timedelta(days=int(deadline)), "23:59")
            if deadline is not None
            else None
        ),
        is_demo=True,
    )
    with record.checking():
        bijeenkomst.full_clean()
        bijeenkomst.save()
    bijeenkomst.themas.set(record.lookups(lookups["themas"], "themas", "thema"))
    bijeenkomst.gemeenten.set(
        record.lookups(lookups["gemeenten"], "gemeenten", "gemeente")
    )
    bijeenkomst.organisatoren.set(
        record.lookups(lookups["organisaties"], "organisatoren", "organisatie")
    )
    bijeenkomst.save()  # ParentalManyToMany: stored with the gathering
    for order, part in enumerate(record.parts("programma")):
        part.check_keys(required={"van", "title"}, optional={"tot", "sprekers"})
        item = Programmapunt(
            bijeenkomst=bijeenkomst,
            sort_order=order,
            van=_at(part, day, part["van"]).time(),
            tot=_at(part, day, part["tot"]).time() if part.get("tot") else None,
            title=part.text("title"),
            sprekers=part.text("sprekers"),
        )
        with part.checking():
            item.full_clean()
            item.save()
    sessies = []
    for order, part in enumerate(record.parts("sessies")):
        part.check_keys(required={"van", "tot", "title"})
        sessie = Sessie(
            bijeenkomst=bijeenkomst,
            sort_order=order,
            title=part.text("title"),
            start=_at(part, day, part["van"]),
            einde=_at(part, day, part["tot"]),
        )
        with part.checking():
            sessie.full_clean()
            sessie.save()
        sessies.append(sessie)
    for order, part in enumerate(record.parts("documenten")):
        part.check_keys(required={"file", "title"}, optional={"omschrijving"})
        file = document(
            folder.file(part["file"], record=part),
            title=part.text("title"),
            record=part,
        )
        BijeenkomstDocument(
            bijeenkomst=bijeenkomst,
            sort_order=order,
            document=file,
            omschrijving=part.text("omschrijving"),
        ).save()
    if record.get("documenten"):
        # Wagtail's reference index: the document is public with its gathering.
        ReferenceIndex.create_or_update_for_object(bijeenkomst)
    gemeenten = list(bijeenkomst.gemeenten.all())
    for number in range(int(record.get("inschrijvingen", 0))):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[number % len(LAST_NAMES)]
        with record.checking():
            inschrijving_create(
                bijeenkomst,
                naam=f"{first} {last}",
                email=f"{slugify(first)}.{slugify(last)}.{number}@example.be",
                organisatie=f"Gemeente {gemeenten[0].name}" if gemeenten else "",
                gemeente=gemeenten[number % len(gemeenten)] if gemeenten else None,
                sessies=sessies[: 1 + number % max(len(sessies), 1)],
            )
    return bijeenkomst
