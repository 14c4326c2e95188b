"""Demo data for the kwaliteitskamer, read from kwaliteitskamer.yaml (and the PDFs in
bestanden/): an expert pool, past sittings with dossiers, advice, a second round,
outcomes and published advice, and upcoming sittings with free slots. See SOURCE.md.

Everything goes through kwaliteitskamer.services, as staff, officials and experts
would: bookings and submissions are dated before the intake closed (`now=`), the
chair approves the advice on the date in the file.

Idempotent: a sitting whose slug exists is left as it is (with its dossiers).
"""

import datetime

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from atelier.demo.records import DemoFolder
from atelier.models import Gemeente, Lidmaatschap, Organisatie, Thema, User
from kempenkaart.models import Project
from netwerk.models import Bijeenkomst

from .. import services
from ..models import Dossier, Expert

DEMO = DemoFolder(__file__)
STAFF = "iok"  # the demo's IOK staff member (atelier/demo/accounts.yaml)


def _moment(text):
    return timezone.make_aware(datetime.datetime.strptime(str(text), "%Y-%m-%d %H:%M"))


@transaction.atomic
def load(stdout):
    data = DEMO.read("kwaliteitskamer.yaml")
    data.check_keys(required={"personen", "experts", "zittingen"})
    _load_people(data)
    experts = _load_experts(data)
    created = 0
    refs = {}
    existing = set(Bijeenkomst.objects.values_list("slug", flat=True))
    for record in data.parts("zittingen"):
        record.check_keys(
            required={"slug", "title", "uren", "vorm", "voorzitter", "panel"},
            optional={"start", "over_dagen", "plaats", "dossiers"},
        )
        if record["slug"] in existing:
            continue
        with record.checking():
            _load_zitting(record, experts, refs)
        created += 1
    dossiers = Dossier.objects.filter(is_demo=True)
    stdout.write(
        f"Kwaliteitskamer: {Expert.objects.filter(is_demo=True).count()} experts, "
        f"{dossiers.count()} dossiers "
        f"({dossiers.filter(gepubliceerd_op__isnull=False).count()} gepubliceerd), "
        f"zittingen toegevoegd: {created}"
    )


def _load_people(data):
    for record in data.parts("personen"):
        record.check_keys(
            required={"username", "first_name", "last_name", "role"},
            optional={"organisatie"},
        )
        user, created = User.objects.get_or_create(
            username=record["username"],
            defaults={
                "first_name": record["first_name"],
                "last_name": record["last_name"],
                "email": f"{record['username']}@demo.atelierruimtekempen.be",
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=record["role"]))
            if record.get("organisatie"):
                organisatie = record.lookup(
                    {o.name: o for o in Organisatie.objects.all()},
                    record["organisatie"],
                    "organisatie",
                )
                Lidmaatschap.objects.create(user=user, organisatie=organisatie)


def _load_experts(data):
    users = {u.username: u for u in User.objects.all()}
    organisaties = {o.name: o for o in Organisatie.objects.all()}
    experts = {}
    for record in data.parts("experts"):
        record.check_keys(required={"username", "expertises"}, optional={"organisatie"})
        user = record.lookup(users, record["username"], "gebruiker")
        organisatie = (
            record.lookup(organisaties, record["organisatie"], "organisatie")
            if record.get("organisatie")
            else None
        )
        expert = Expert.objects.filter(user=user).first() or services.expert_create(
            user=user,
            organisatie=organisatie,
            expertises=record.list("expertises"),
            is_demo=True,
        )
        experts[record["username"]] = expert
    return experts


def _load_zitting(record, experts, refs):
    if record.get("start"):
        start = _moment(record["start"])
    else:
        day = timezone.localdate() + datetime.timedelta(days=record["over_dagen"])
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(13)))
    zitting = services.zitting_create(
        title=record["title"],
        slug=record["slug"],
        start=start,
        einde=start + datetime.timedelta(hours=record["uren"]),
        vorm=record["vorm"],
        locatie_naam=record.text("plaats"),
        voorzitter=record.lookup(experts, record["voorzitter"], "voorzitter"),
        panel=record.lookups(experts, "panel", "expert"),
        is_demo=True,
    )
    for part in record.parts("dossiers") if record.get("dossiers") else []:
        with part.checking():
            refs[part["ref"]] = _load_dossier(part, zitting, experts, refs)


DOSSIER_KEYS = {
    "ref",
    "slot",
    "title",
    "gemeente",
    "door",
    "ontwerpfase",
    "vragen",
}


def _load_dossier(record, zitting, experts, refs):
    record.check_keys(
        required=DOSSIER_KEYS,
        optional={
            "concept",
            "vorige",
            "project",
            "locatie",
            "themas",
            "beschrijving",
            "ontwerper",
            "ontwerper_organisatie",
            "aanvrager",
            "panel",
            "conflicten",
            "advies",
            "uitkomst",
            "publiceren",
        },
    )
    from django.contrib.gis.geos import Point

    users = {u.username: u for u in User.objects.all()}
    staff = User.objects.get(username=STAFF)
    official = record.lookup(users, record["door"], "indiener")
    before_intake = zitting.intake_deadline() - datetime.timedelta(days=3)
    if before_intake > timezone.now():
        before_intake = None  # upcoming: book now
    themas = {t.slug: t for t in Thema.objects.all()}
    dossier = services.dossier_book(
        user=official,
        tijdslot=zitting.tijdsloten.all()[record["slot"]],
        gemeente=record.lookup(
            {g.name: g for g in Gemeente.objects.all()}, record["gemeente"], "gemeente"
        ),
        title=record["title"],
        ontwerpfase=record["ontwerpfase"],
        vragen=record["vragen"],
        beschrijving=record.text("beschrijving"),
        ontwerper=record.text("ontwerper"),
        aanvrager=record.text("aanvrager"),
        ontwerper_organisatie=Organisatie.objects.filter(
            name=record.get("ontwerper_organisatie", "")
        ).first(),
        project=Project.objects.filter(slug=record.get("project", "")).first(),
        locatie=Point(*record["locatie"], srid=4326) if record.get("locatie") else None,
        vorige=refs.get(record.get("vorige")) if record.get("vorige") else None,
        themas=[record.lookup(themas, slug, "thema") for slug in record.list("themas")]
        if record.get("themas")
        else None,
        is_demo=True,
        now=before_intake,
    )
    if record.get("concept"):
        return dossier
    for soort in ("plannen", "situering"):
        name, content = DEMO.file(f"bestanden/{soort}.pdf", record=record)
        services.bijlage_add(
            user=official,
            dossier=dossier,
            soort=soort,
            uploaded_file=SimpleUploadedFile(name, content),
            now=before_intake,
        )
    services.dossier_submit(user=official, dossier=dossier, now=before_intake)
    panel = record.lookups(experts, "panel", "expert") if record.get("panel") else []
    services.dossier_set_panel(user=staff, dossier=dossier, experts=panel)
    for username in record.list("conflicten") if record.get("conflicten") else []:
        expert = record.lookup(experts, username, "expert")
        services.conflict_declare(
            user=expert.user,
            dossier=dossier,
            conflict=True,
            toelichting="Mijn bureau is de ontwerper.",
        )
    if record.get("advies"):
        _load_advies(record.part("advies"), dossier, experts)
    if record.get("uitkomst"):
        uitkomst = record.part("uitkomst")
        services.dossier_record_outcome(
            user=staff,
            dossier=dossier,
            publish=bool(record.get("publiceren")),
            omgevingsloket_nummer=uitkomst["omgevingsloket"],
            beslissing=uitkomst["beslissing"],
            beslissing_datum=datetime.date.fromisoformat(str(uitkomst["datum"])),
            advies_gevolgd=uitkomst["gevolgd"],
            gevolgd_toelichting=uitkomst.text("toelichting"),
        )
    return dossier


def _load_advies(record, dossier, experts):
    record.check_keys(
        required={"door", "conclusie", "context", "appreciatie", "aanbevelingen"},
        optional={"goedgekeurd"},
    )
    author = record.lookup(experts, record["door"], "expert")
    services.advies_record(
        user=author.user,
        dossier=dossier,
        context=record["context"],
        appreciatie=record["appreciatie"],
        aanbevelingen=record["aanbevelingen"],
        conclusie=record["conclusie"],
    )
    if record.get("goedgekeurd"):
        services.advies_approve(
            user=dossier.zitting.voorzitter.user,
            dossier=dossier,
            now=_moment(record["goedgekeurd"]),
        )
