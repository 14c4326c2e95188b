"""Demo data for the Kempenkaart, read from the files beside this module: planning
instruments with their procedure (instrumenten.yaml, areas in instrumenten.geojson)
and quality projects (projecten.yaml, locations in projecten.geojson, outlines in
projecten-omtrek.geojson, images in afbeeldingen/), spread over the 29
municipalities. Plausible but invented; see SOURCE.md.

Everything goes through what staff and submitters use: the geometry checks and
municipality links of kempenkaart.services, the upload checks of atelier.uploads, and
`_moderate` (submit, then publish or reject), the one place where the demo moderates.

Idempotent: an item whose slug exists is left as it is, so a second load creates
and changes nothing, and what staff changed survives.
"""

from django.db import transaction

from atelier.demo.records import DemoFolder, image
from atelier.models import Gemeente, Organisatie, Thema, User

from ..models import Instrument, ProcedureStap, Project, ProjectAfbeelding
from ..services import (
    gemeente_at,
    instrument_refresh_status,
    instrument_set_gemeenten,
    project_place,
    project_publish,
    project_reject,
    project_submit,
    validate_geometry,
)

DEMO = DemoFolder(__file__)

PUBLISHED, SUBMITTED, REJECTED = "gepubliceerd", "ingediend", "afgewezen"


@transaction.atomic
def load(stdout):
    lookups = {
        "themas": {t.slug: t for t in Thema.objects.all()},
        "gemeenten": {g.name: g for g in Gemeente.objects.all()},
    }
    created = _load_instruments(lookups) + _load_projects(lookups)
    instruments = Instrument.objects.filter(is_demo=True)
    projects = Project.objects.filter(is_demo=True)
    stdout.write(
        f"Kempenkaart: {instruments.count()} instrumenten, {projects.count()} projecten "
        f"({projects.filter(live=True).count()} gepubliceerd); {created} nieuw"
    )


# --- instruments ----------------------------------------------------------------


def _load_instruments(lookups):
    data = DEMO.read("instrumenten.yaml")
    data.check_keys(required={"instrumenten"})
    areas = DEMO.features("instrumenten.geojson", "MultiPolygon")
    existing = set(Instrument.objects.values_list("slug", flat=True))
    created = 0
    for record in data.parts("instrumenten"):
        record.check_keys(
            required={"slug", "name", "soort", "gemeenten", "stappen"},
            optional={"description", "register_url", "themas"},
        )
        if record["slug"] in existing:
            continue
        _create_instrument(record, areas, lookups)
        created += 1
    return created


def _create_instrument(record, areas, lookups):
    geom = record.lookup(areas, record["slug"], "gebied (in instrumenten.geojson)")
    instrument = Instrument(
        name=record["name"],
        slug=record["slug"],
        soort=record["soort"],
        description=record.text("description"),
        register_url=record.text("register_url"),
        geom=geom,
        is_demo=True,
    )
    instrument.themas.set(record.lookups(lookups["themas"], "themas", "thema"))
    stappen = []
    for stap in record.parts("stappen"):
        stap.check_keys(
            required={"stap", "datum"}, optional={"opmerking", "besluit_url"}
        )
        stappen.append(
            ProcedureStap(
                stap=stap["stap"],
                datum=stap["datum"],
                opmerking=stap.text("opmerking"),
                besluit_url=stap.text("besluit_url"),
            )
        )
        with stap.checking():
            stappen[-1].full_clean(exclude=["instrument"])
    instrument.stappen = stappen
    with record.checking():
        # As the importer checks an instrument's area: it may reach beyond the Kempen.
        validate_geometry(geom, label="gebied", partly_outside=True)
        instrument.full_clean(exclude=["search"])
    instrument.save()
    instrument_set_gemeenten(instrument)
    instrument_refresh_status(instrument)
    linked = sorted(instrument.gemeenten.values_list("name", flat=True))
    expected = sorted(record.list("gemeenten"))
    if linked != expected:
        raise record.error(
            f"het gebied overlapt {', '.join(linked) or 'geen gemeente'}, "
            f"niet {', '.join(expected)}"
        )
    return instrument


# --- projects -------------------------------------------------------------------


def _load_projects(lookups):
    data = DEMO.read("projecten.yaml")
    data.check_keys(required={"moderator", "projecten"})
    locations = DEMO.features("projecten.geojson", "Point")
    outlines = DEMO.features("projecten-omtrek.geojson", "MultiPolygon")
    lookups = {
        **lookups,
        "users": {u.username: u for u in User.objects.all()},
        "partners": {o.name: o for o in Organisatie.objects.all()},
    }
    moderator = data.lookup(lookups["users"], data["moderator"], "account")
    existing = set(Project.objects.values_list("slug", flat=True))
    created = 0
    for record in data.parts("projecten"):
        record.check_keys(
            required={"slug", "title", "gemeente", "fase", "ingediend_door"},
            optional={
                "description",
                "start_jaar",
                "eind_jaar",
                "contact_naam",
                "contact_email",
                "themas",
                "partners",
                "moderatie",
                "afwijzingsreden",
                "afbeeldingen",
            },
        )
        if record["slug"] in existing:
            continue
        project = _build_project(record, locations, outlines, lookups)
        _moderate(
            project,
            submitter=record.lookup(
                lookups["users"], record["ingediend_door"], "account"
            ),
            moderator=moderator,
            moderatie=record.get("moderatie", PUBLISHED),
            reason=record.text("afwijzingsreden"),
            record=record,
        )
        created += 1
    return created


def _build_project(record, locations, outlines, lookups):
    gemeente = record.lookup(lookups["gemeenten"], record["gemeente"], "gemeente")
    locatie = record.lookup(locations, record["slug"], "locatie (in projecten.geojson)")
    omtrek = outlines.get(record["slug"])
    project = Project(
        title=record["title"],
        slug=record["slug"],
        description=record.text("description"),
        fase=record["fase"],
        start_jaar=record.get("start_jaar"),
        eind_jaar=record.get("eind_jaar"),
        contact_naam=record.text("contact_naam"),
        contact_email=record.text("contact_email"),
        locatie=locatie,
        omtrek=omtrek,
        is_demo=True,
    )
    with record.checking():
        # What the submission form checks: the geometry and the chosen municipality.
        project.gemeente = project_place(
            locatie=locatie, omtrek=omtrek, gemeente=gemeente
        )
    if gemeente_at(locatie) != gemeente:
        raise record.error(f"de locatie ligt niet in {gemeente.name}")
    project.partners.set(record.lookups(lookups["partners"], "partners", "partner"))
    project.themas.set(record.lookups(lookups["themas"], "themas", "thema"))
    for afbeelding in record.parts("afbeeldingen"):
        afbeelding.check_keys(
            required={"file", "title", "credit"}, optional={"caption"}
        )
        item = ProjectAfbeelding(
            image=image(
                DEMO.file(afbeelding["file"], record=afbeelding),
                title=afbeelding.text("title"),
                record=afbeelding,
            ),
            credit=afbeelding.text("credit"),
            caption=afbeelding.text("caption"),
        )
        with afbeelding.checking():
            item.full_clean(exclude=["project"])
        project.afbeeldingen.add(item)
    return project


def _moderate(project, *, submitter, moderator, moderatie, reason, record):
    """The one place where the demo moderates, through the services that the site
    and the back office use: `submitter` submits, `moderator` publishes or rejects
    (or leaves it waiting)."""
    if moderatie not in (PUBLISHED, SUBMITTED, REJECTED):
        raise record.error(
            f"moderatie '{moderatie}' is geen {PUBLISHED}, {SUBMITTED} of {REJECTED}"
        )
    with record.checking():
        project_submit(project=project, user=submitter)
        if moderatie == PUBLISHED:
            project_publish(project=project, user=moderator)
        elif moderatie == REJECTED:
            project_reject(project=project, user=moderator, reason=reason)
