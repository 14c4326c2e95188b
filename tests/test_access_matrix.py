"""The permission table: every role against every protected surface.

Each `Surface` is a request (a URL, built from the world below, and a method) with the
roles that get through (`allowed`, answered with `ok`) and what the others get
(`refused`: one outcome, or one per role). Outcomes are status codes, or LOGIN (a
redirect to a login page) and ADMIN_HOME (Wagtail's "no permission" redirect to the
dashboard). Where a page lists things, `marker` is a text that the allowed roles must
see and the others must not.

A new app adds its surfaces to SURFACES (and the objects they need to `world`); the
roles are the portal's (atelier/roles.py) plus anonymous visitors and superusers.
`test_no_admin_view_shows_reviewers_what_they_may_not_see` also tries every URL of
Wagtail's admin as a partner and an expert, so a new admin view is covered even before
it gets its row.
"""

import datetime
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import get_resolver
from django.urls.resolvers import URLResolver

from atelier import roles
from atelier.models import Gemeente, HomePage
from kempenkaart import services
from kempenkaart.models import InstrumentDocument, Project, ProjectAfbeelding
from modeldocumenten.models import (
    DocumentVersie,
    InspirationIndexPage,
    InspirationPage,
    ModelDocumentPage,
)
from netwerk import services as netwerk_services
from netwerk.models import Bijeenkomst, BijeenkomstDocument
from tests.atelier.factories import UserFactory, image_file
from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory, inside
from tests.modeldocumenten.factories import (
    BROWSER,
    document_file,
    library,
    model_document,
)
from tests.netwerk.factories import (
    BijeenkomstFactory,
    MaatwerkvraagFactory,
    overleg,
    thematisch,
)

pytestmark = pytest.mark.django_db

LOGIN = "→login"
ADMIN_HOME = "→admin"

ANONYMOUS = "anoniem"
OFFICIAL = "gemeente"  # an official of Turnhout, who submitted the hidden project
OTHER_OFFICIAL = "andere-gemeente"  # an official of Mol
PARTNER = "partner"  # submitted the published project; reviews model documents
EXPERT = "expert"  # Kwaliteitskamer-lid; reviews model documents
IOK = "iok"
BEHEERDER = "beheerder"
SUPERUSER = "superuser"
ROLES = [
    ANONYMOUS,
    OFFICIAL,
    OTHER_OFFICIAL,
    PARTNER,
    EXPERT,
    IOK,
    BEHEERDER,
    SUPERUSER,
]

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
STAFF = frozenset({IOK, BEHEERDER, SUPERUSER})
REVIEWERS = frozenset({PARTNER, EXPERT})
ADMIN_USERS = STAFF | REVIEWERS
WITHOUT_ADMIN = frozenset({ANONYMOUS, OFFICIAL, OTHER_OFFICIAL})

PARTNER_GATHERING = "Partnerdag netwerk"
# Texts that only some roles may see anywhere.
HIDDEN_PROJECT = "Geheim woonerf"
OFFICIAL_NAME = "Vertrouwelijk"
CONCEPT_PAGE = "Concept parkeerreglement"
KK_DOSSIER = "Geheim kwaliteitskamerdossier"
KERN_ACTION = "Kernpartners bezorgen hun activiteitenlijst"
THEMATIC_MINUTES = "Besloten verslag erfgoedoverleg"
MAATWERK_SUBJECT = "Maatwerk voor de stationsbuurt"
LEERCASE = "Geheime leercase"
LEERVERSLAG = "Vertrouwelijk sessieverslag"
LEEREVALUATIE = "Evaluatiecommentaar"
LEERPEILING = "Peilingvoorbeeld"
SECRETS = [
    MAATWERK_SUBJECT,
    LEERCASE,
    LEERVERSLAG,
    LEEREVALUATIE,
    LEERPEILING,
    HIDDEN_PROJECT,
    KK_DOSSIER,
    OFFICIAL_NAME,
    CONCEPT_PAGE,
    "los-verslag",
    "Losse schets",
    "Schets woonerf",
]


# --- the world every surface is tried on ----------------------------------------


def build_world():
    turnhout = Gemeente.objects.get(slug="turnhout")
    users = {
        ANONYMOUS: None,
        OFFICIAL: UserFactory(
            roles=[roles.GEMEENTE_MEDEWERKER],
            gemeente=turnhout,
            last_name=OFFICIAL_NAME,
        ),
        OTHER_OFFICIAL: UserFactory(
            roles=[roles.GEMEENTE_MEDEWERKER], gemeente=Gemeente.objects.get(slug="mol")
        ),
        PARTNER: UserFactory(roles=[roles.PARTNER]),
        EXPERT: UserFactory(roles=[roles.KWALITEITSKAMER_LID]),
        IOK: UserFactory(roles=[roles.IOK_MEDEWERKER]),
        BEHEERDER: UserFactory(roles=[roles.BEHEERDER]),
        SUPERUSER: UserFactory(is_superuser=True, is_staff=True),
    }
    w = SimpleNamespace(users=users)

    # Projects: one that waits for IOK (with its image), one published by the partner
    # with an edit (and a new image) that waits.
    w.hidden_image = image_file("Schets woonerf", uploaded_by=users[OFFICIAL])
    hidden = Project(
        title=HIDDEN_PROJECT, fase="idee", locatie=inside("turnhout"), gemeente=turnhout
    )
    hidden.afbeeldingen.add(ProjectAfbeelding(image=w.hidden_image, credit="Gemeente"))
    w.hidden = services.project_submit(project=hidden, user=users[OFFICIAL])
    w.published = ProjectFactory(
        title="Speelbos Turnhout", ingediend_door=users[PARTNER]
    )
    w.public_image = image_file("Speelbos", uploaded_by=users[PARTNER])
    ProjectAfbeelding.objects.create(
        project=w.published, image=w.public_image, credit="Partner"
    )
    w.waiting_image = image_file("Nieuw speelbos", uploaded_by=users[PARTNER])
    draft = w.published.get_latest_revision_as_object()
    draft.afbeeldingen.add(ProjectAfbeelding(image=w.waiting_image, credit="Partner"))
    services.project_update(project=draft, user=users[PARTNER])

    # Model documents: a live one with a new version under the partners' review, and
    # a concept that was never published.
    w.document = model_document("Verordening terrassen")
    w.versie = w.document.versies.get()
    draft = w.document.get_latest_revision_as_object()
    w.review_file = document_file("terrassen-2.0.docx")
    draft.versies.add(
        DocumentVersie(
            nummer="2.0", datum=datetime.date(2026, 1, 1), bestand=w.review_file
        )
    )
    draft.save_revision(user=users[IOK])
    w.document.get_workflow().start(w.document, users[IOK])
    w.document = ModelDocumentPage.objects.get(pk=w.document.pk)
    w.review_task = w.document.current_workflow_task_state.task
    w.concept = model_document(CONCEPT_PAGE, live=False)
    w.concept_versie = w.concept.versies.get()

    # Files attached to nothing, to an instrument, to a live inspiration page.
    w.orphan_document = document_file("los-verslag.pdf", b"%PDF-1.4 los")
    w.orphan_image = image_file("Losse schets", uploaded_by=users[IOK])
    w.instrument_document = document_file("grafisch-plan.pdf", b"%PDF-1.4 plan")
    InstrumentDocument.objects.create(
        instrument=InstrumentFactory(), document=w.instrument_document
    )
    w.story_document = document_file("folder.pdf", b"%PDF-1.4 folder")
    w.story_image = image_file("Dorpsplein")
    index = InspirationIndexPage(title="Inspiratie", slug="inspiratie")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()
    story = InspirationPage(
        title="Pleinen",
        slug="pleinen",
        intro="Over pleinen.",
        body=[
            ("download", {"document": w.story_document, "label": ""}),
            ("image", {"image": w.story_image, "credit": "IOK", "caption": ""}),
        ],
    )
    index.add_child(instance=story)
    story.save_revision().publish()

    # The kwaliteitskamer: a dossier of Turnhout, submitted, with advice not yet
    # published; the expert of the table is not on its panel.
    from netwerk.kwaliteitskamer.models import Advies
    from tests.kwaliteitskamer.factories import dossier, zitting

    w.kk_dossier = dossier(
        user=users[OFFICIAL],
        tijdslot=zitting().tijdsloten.first(),
        gemeente=turnhout,
        title=KK_DOSSIER,
    )
    Advies.objects.create(
        dossier=w.kk_dossier,
        context="c",
        appreciatie="a",
        aanbevelingen="r",
        conclusie="positief",
    )

    # The network: a kernpartneroverleg with an action item, a thematic consultation
    # the expert is invited to, a request for tailored support of Turnhout with an
    # attachment.
    from django.core.files.base import ContentFile

    from atelier.models import Thema
    from netwerk.models import Actiepunt, MaatwerkBijlage

    w.kern = overleg()
    Actiepunt.objects.create(overleg=w.kern, omschrijving=KERN_ACTION)
    w.water = thematisch(
        Thema.objects.get(slug="erfgoed"),
        genodigden=[{"user": users[EXPERT], "rol": "expert"}],
    )
    w.water.notulen = THEMATIC_MINUTES
    w.water.save()
    w.maatwerk = MaatwerkvraagFactory(
        onderwerp=MAATWERK_SUBJECT,
        gemeente=turnhout,
        thema=Thema.objects.get(slug="erfgoed"),
        ingediend_door=users[OFFICIAL],
    )
    w.bijlage = MaatwerkBijlage(vraag=w.maatwerk, naam="plan.pdf")
    w.bijlage.bestand.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"), save=True)
    _leergemeenschap_world(w, turnhout)
    # The agenda: a public study day with a registration, a partners' day with its
    # slides (documents follow their gathering).
    w.studiedag = BijeenkomstFactory(title="Studiedag pleinen", inschrijven=True)
    netwerk_services.inschrijving_create(
        w.studiedag, naam="An Peeters", email="an@example.be"
    )
    w.partner_slides = document_file("partnerdag-slides.pdf", b"%PDF-1.4 slides")
    w.partnerdag = BijeenkomstFactory.build(
        title=PARTNER_GATHERING, zichtbaarheid=Bijeenkomst.Zichtbaarheid.PARTNERS
    )
    w.partnerdag.documenten.add(BijeenkomstDocument(document=w.partner_slides))
    w.partnerdag.save()
    return w


def _leergemeenschap_world(w, turnhout):
    """A trajectory whose hefboom 1 Turnhout's official takes part in, with a
    non-public case, published session input, an evaluation and a survey answer;
    its toolbox is not published yet."""
    from leergemeenschap import services as leer
    from leergemeenschap.models import PeilingThema
    from tests.leergemeenschap.factories import hefboom, traject

    official = w.users[OFFICIAL]
    w.traject = traject(slug="leertraject-matrix", eerste_orde=[turnhout])
    w.hefboom = hefboom(w.traject, 1)
    organisatie = official.organisaties.get()
    (inschrijving,) = leer.inschrijving_submit(
        user=official,
        organisatie=organisatie,
        hefbomen=[w.hefboom],
        contactpersonen="Contact",
        case={"title": LEERCASE, "beschrijving": "Intern."},
        bijlagen=[("case.pdf", b"%PDF-1.4 case")],
    )
    w.case_bijlage = inschrijving.case.bijlagen.get()
    w.werksessie = w.hefboom.werksessies.first()
    leer.werksessie_publish_input(
        w.werksessie, verslag=LEERVERSLAG, documenten=[("input.pdf", b"%PDF-1.4 x")]
    )
    w.sessie_document = w.werksessie.documenten.get()
    tool = leer.tool_create(w.hefboom, title="Matrixtool", beschrijving="Een tool.")
    leer.evaluatie_submit(
        user=official, inschrijving=inschrijving, scores={tool: (4, LEEREVALUATIE)}
    )
    thema = PeilingThema.objects.create(traject=w.traject, naam="Thema")
    leer.peiling_submit(
        user=official, organisatie=organisatie, antwoorden={thema: (5, LEERPEILING)}
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end;
    each test runs in a savepoint within it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            mail.outbox = []
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- the table ------------------------------------------------------------------


@dataclass(frozen=True)
class Surface:
    name: str
    url: Callable[[SimpleNamespace], str] | str
    allowed: frozenset
    refused: object = 404  # an outcome, or {role: outcome}
    ok: object = 200
    method: str = "get"
    data: dict | None = None
    marker: str | None = None
    sees: frozenset | None = None  # who sees `marker` (default: `allowed`)
    headers: dict = field(default_factory=lambda: dict(BROWSER))

    def expected(self, role):
        if role in self.allowed:
            return self.ok
        if isinstance(self.refused, dict):
            return self.refused[role]
        return self.refused

    def path(self, w):
        return self.url(w) if callable(self.url) else self.url


def admin(name, url, allowed, reviewers=ADMIN_HOME, staff=None, **kwargs):
    """A Wagtail admin view: visitors and officials (no admin access) are sent to log
    in; reviewers and staff outside `allowed` get `reviewers` / `staff`."""
    refused = dict.fromkeys(WITHOUT_ADMIN, LOGIN)
    refused.update(dict.fromkeys(REVIEWERS, reviewers))
    refused.update(dict.fromkeys(STAFF, staff or reviewers))
    return Surface(name, url, frozenset(allowed), refused=refused, **kwargs)


def login_required(name, url, allowed, refused=403, **kwargs):
    """A page of the site that needs an account: visitors are sent to log in."""
    return Surface(
        name,
        url,
        frozenset(allowed),
        refused={ANONYMOUS: LOGIN, **dict.fromkeys(SIGNED_IN, refused)},
        **kwargs,
    )


def consultation(name, url, allowed, others, **kwargs):
    """A consultation's page: visitors log in, officials have no consultations
    (403), the others are told by `others` (404: they may not know it exists)."""
    refused = dict.fromkeys(SIGNED_IN, 403) | {ANONYMOUS: LOGIN} | others
    return Surface(name, url, frozenset(allowed), refused=refused, **kwargs)


def snippet(model, view, pk=None):
    def url(w):
        suffix = f"{getattr(w, pk).pk}/" if pk else ""
        return f"/admin/snippets/{model}/{view}{suffix}"

    return url


def chooser(model, suffix=""):
    return f"/admin/snippets/choose/{model}/{suffix}"


SUBMITTER = frozenset({OFFICIAL}) | STAFF  # of the hidden project
OWNER = frozenset({PARTNER}) | STAFF  # of the published project
OFFICIALS_AND_PARTNERS = frozenset({OFFICIAL, OTHER_OFFICIAL, PARTNER}) | STAFF
PARTNERS_AND_STAFF = frozenset({PARTNER}) | STAFF

SURFACES = [
    # The site
    Surface("home", "/", EVERYONE),
    Surface("boundaries", "/gemeenten/grenzen.geojson", EVERYONE),
    Surface("health check", "/gezond/", EVERYONE),
    Surface("map", "/kaart/", EVERYONE),
    Surface(
        "map lists the hidden project to whom may see it",
        "/kaart/",
        EVERYONE,
        marker=HIDDEN_PROJECT,
        sees=SUBMITTER,
    ),
    Surface(
        # as the map and the API's ?q= list it (kempenkaart/rules.py)
        "search finds the hidden project for whom may see it",
        "/zoeken/?q=woonerf",
        EVERYONE,
        marker=HIDDEN_PROJECT,
        sees=SUBMITTER,
    ),
    Surface(
        "unpublished project",
        lambda w: w.hidden.get_absolute_url(),
        SUBMITTER,
    ),
    Surface("published project", lambda w: w.published.get_absolute_url(), EVERYONE),
    Surface(
        "edit an unpublished project",
        lambda w: f"/kaart/projecten/{w.hidden.slug}/bewerken/",
        SUBMITTER,
        refused=404,
    ),
    login_required(
        "edit a published project",
        lambda w: f"/kaart/projecten/{w.published.slug}/bewerken/",
        OWNER,
    ),
    login_required(
        "submit a project", "/kaart/projecten/nieuw/", OFFICIALS_AND_PARTNERS
    ),
    login_required("my projects", "/kaart/mijn-projecten/", SIGNED_IN),
    login_required("account", "/account/", SIGNED_IN),
    Surface("model document", lambda w: w.document.url, EVERYONE),
    Surface(
        "unpublished model document",
        "/modeldocumenten/concept-parkeerreglement/",
        frozenset(),
    ),
    Surface("library", "/modeldocumenten/", EVERYONE),
    Surface(
        "feed never lists a concept",
        "/modeldocumenten/rss/",
        EVERYONE,
        marker=CONCEPT_PAGE,
        sees=frozenset(),
    ),
    # The agenda (netwerk)
    Surface(
        "agenda lists partner gatherings to partners and staff",
        "/agenda/",
        EVERYONE,
        marker=PARTNER_GATHERING,
        sees=PARTNERS_AND_STAFF,
    ),
    Surface("public gathering", lambda w: w.studiedag.get_absolute_url(), EVERYONE),
    Surface(
        "partner gathering",
        lambda w: w.partnerdag.get_absolute_url(),
        PARTNERS_AND_STAFF,
    ),
    Surface(
        "calendar file of a partner gathering",
        lambda w: f"/agenda/{w.partnerdag.slug}/kalender.ics",
        PARTNERS_AND_STAFF,
    ),
    Surface(
        "agenda feed",
        "/agenda.ics",
        EVERYONE,
        marker=PARTNER_GATHERING,
        sees=PARTNERS_AND_STAFF,
    ),
    Surface(
        "search finds partner gatherings for partners and staff",
        "/zoeken/?q=partnerdag",
        EVERYONE,
        marker=PARTNER_GATHERING,
        sees=PARTNERS_AND_STAFF,
    ),
    Surface(
        "slides of a partner gathering",
        lambda w: w.partner_slides.url,
        PARTNERS_AND_STAFF,
    ),
    login_required(
        "registrations of a gathering",
        lambda w: f"/agenda/{w.studiedag.slug}/inschrijvingen/",
        STAFF,
        marker="an@example.be",
    ),
    login_required(
        "registrations as CSV",
        lambda w: f"/agenda/{w.studiedag.slug}/inschrijvingen.csv",
        STAFF,
    ),
    login_required(
        "registrations as XLSX",
        lambda w: f"/agenda/{w.studiedag.slug}/inschrijvingen.xlsx",
        STAFF,
    ),
    login_required(
        "presence list",
        lambda w: f"/agenda/{w.studiedag.slug}/aanwezigheidslijst.pdf",
        STAFF,
    ),
    Surface(
        "registrations of a gathering one may not see",
        lambda w: f"/agenda/{w.partnerdag.slug}/inschrijvingen/",
        STAFF,
        refused={ANONYMOUS: LOGIN, **dict.fromkeys(SIGNED_IN, 404), PARTNER: 403},
    ),
    # The API
    Surface(
        "API: projects",
        "/api/projecten/",
        EVERYONE,
        marker=HIDDEN_PROJECT,
        sees=SUBMITTER,
    ),
    Surface(
        "API: projects as CSV",
        "/api/projecten/?format=csv",
        EVERYONE,
        marker=HIDDEN_PROJECT,
        sees=SUBMITTER,
    ),
    Surface(
        "API: the map's projects for a view",
        "/api/kaart/projecten/?zoom=18",
        EVERYONE,
        marker=HIDDEN_PROJECT,
        sees=SUBMITTER,
    ),
    Surface(
        "API: an unpublished project",
        lambda w: f"/api/projecten/{w.hidden.slug}/",
        SUBMITTER,
    ),
    Surface(
        "API: change an unpublished project",
        lambda w: f"/api/projecten/{w.hidden.slug}/",
        SUBMITTER,
        refused={ANONYMOUS: 403, **dict.fromkeys(SIGNED_IN, 404)},
        method="patch",
        data={"properties": {"titel": "Overgenomen"}},
    ),
    Surface(
        "API: change a published project",
        lambda w: f"/api/projecten/{w.published.slug}/",
        OWNER,
        refused=403,
        method="patch",
        data={"properties": {"titel": "Beter speelbos"}},
    ),
    # Downloads and files
    Surface(
        "download a live version",
        lambda w: w.versie.download_url("pdf"),
        EVERYONE,
        ok=302,
    ),
    Surface(
        "download a version of a concept",
        lambda w: w.concept_versie.download_url("pdf"),
        frozenset(),
    ),
    Surface("file of a live version", lambda w: w.versie.pdf.url, EVERYONE),
    Surface(
        "file of a version under review",
        lambda w: w.review_file.url,
        REVIEWERS | STAFF,
    ),
    Surface("file of a concept's version", lambda w: w.concept_versie.pdf.url, STAFF),
    Surface("document attached to nothing", lambda w: w.orphan_document.url, STAFF),
    Surface("document of an instrument", lambda w: w.instrument_document.url, EVERYONE),
    Surface("document of a live page", lambda w: w.story_document.url, EVERYONE),
    Surface(
        "document straight from /media/",
        lambda w: f"/media/{w.versie.pdf.file.name}",
        frozenset(),
    ),
    Surface(
        "image of an unpublished project",
        lambda w: w.hidden_image.file.url,
        SUBMITTER,
    ),
    Surface(
        "rendition of an image of an unpublished project",
        lambda w: w.hidden_image.get_rendition("fill-20x20").url,
        SUBMITTER,
    ),
    Surface(
        "image of a published project", lambda w: w.public_image.file.url, EVERYONE
    ),
    Surface("image of a waiting edit", lambda w: w.waiting_image.file.url, OWNER),
    Surface("image attached to nothing", lambda w: w.orphan_image.file.url, STAFF),
    Surface(
        "rendition of an image of a live page",
        lambda w: w.story_image.get_rendition("fill-20x20").url,
        EVERYONE,
    ),
    # The kwaliteitskamer: a dossier, its files, letter and agenda pack only for its
    # municipality and staff (and its panel); the advice bank is public.
    Surface("advice bank", "/kwaliteitskamer/adviezen/", EVERYONE),
    Surface(
        "advice bank lists no unpublished advice",
        "/kwaliteitskamer/adviezen/",
        EVERYONE,
        marker=KK_DOSSIER,
        sees=frozenset(),
    ),
    Surface(
        "kwaliteitskamer dossier",
        lambda w: f"/kwaliteitskamer/dossiers/{w.kk_dossier.pk}/",
        SUBMITTER,
        marker=KK_DOSSIER,
    ),
    Surface(
        "kwaliteitskamer attachment",
        lambda w: (
            f"/kwaliteitskamer/dossiers/{w.kk_dossier.pk}/bijlagen/"
            f"{w.kk_dossier.bijlagen.first().pk}/"
        ),
        SUBMITTER,
    ),
    Surface(
        "kwaliteitskamer advice letter",
        lambda w: f"/kwaliteitskamer/dossiers/{w.kk_dossier.pk}/adviesbrief.pdf",
        SUBMITTER,
    ),
    Surface(
        "kwaliteitskamer panel",
        lambda w: f"/kwaliteitskamer/dossiers/{w.kk_dossier.pk}/panel/",
        STAFF,
    ),
    Surface(
        "kwaliteitskamer agenda pack",
        lambda w: (
            f"/kwaliteitskamer/zittingen/{w.kk_dossier.zitting.bijeenkomst.slug}"
            "/agenda.pdf"
        ),
        STAFF,
    ),
    Surface("kwaliteitskamer figures", "/kwaliteitskamer/cijfers/", STAFF),
    Surface(
        "kwaliteitskamer export",
        "/kwaliteitskamer/cijfers/dossiers.csv",
        STAFF,
        marker=KK_DOSSIER,
    ),
    Surface(
        "search finds no unpublished advice",
        "/zoeken/?q=kwaliteitskamerdossier",
        EVERYONE,
        marker=KK_DOSSIER,
        sees=frozenset(),
    ),
    # Wagtail's admin: what reviewers need
    admin("dashboard", "/admin/", ADMIN_USERS),
    admin(
        "edit the page under review",
        lambda w: f"/admin/pages/{w.document.pk}/edit/",
        ADMIN_USERS,
    ),
    admin(
        "view the draft under review",
        lambda w: f"/admin/pages/{w.document.pk}/view_draft/",
        ADMIN_USERS,
    ),
    admin(
        "preview the task under review",
        lambda w: f"/admin/pages/workflow/preview/{w.document.pk}/{w.review_task.pk}/",
        REVIEWERS | {SUPERUSER},
        staff=ADMIN_HOME,
    ),
    admin(
        "preview a task on a page not under review",
        lambda w: f"/admin/pages/workflow/preview/{w.concept.pk}/{w.review_task.pk}/",
        frozenset(),
        reviewers=403,
        staff=ADMIN_HOME,
    ),
    admin(
        "workflow action on a page not under review",
        lambda w: (
            f"/admin/pages/workflow/action/{w.concept.pk}/approve/"
            f"{w.document.current_workflow_task_state.pk}/"
        ),
        frozenset(),
        reviewers=403,
        staff=302,  # back to the page's editor, with "not awaiting moderation"
    ),
    # Wagtail's admin: pages
    admin("page explorer", lambda w: f"/admin/pages/{library().pk}/", STAFF),
    admin(
        "edit a concept page",
        lambda w: f"/admin/pages/{w.concept.pk}/edit/",
        STAFF,
    ),
    admin(
        "history of a concept page",
        lambda w: f"/admin/pages/{w.concept.pk}/history/",
        STAFF,
    ),
    admin(
        "page chooser",
        "/admin/choose-page/",
        STAFF,
        reviewers=403,
    ),
    admin(
        "page chooser in the library",
        lambda w: f"/admin/choose-page/{library().pk}/",
        STAFF,
        reviewers=403,
        marker=CONCEPT_PAGE,
    ),
    admin(
        "page chooser on a concept",
        lambda w: f"/admin/choose-page/{w.concept.pk}/",
        STAFF,
        reviewers=403,
    ),
    admin(
        "page chooser search",
        "/admin/choose-page/search/?q=Concept",
        STAFF,
        reviewers=403,
        marker=CONCEPT_PAGE,
    ),
    admin(
        "page chooser: chosen by id",
        lambda w: f"/admin/choose-page/chosen-multiple/?id={w.concept.pk}",
        STAFF,
        reviewers=403,
        marker=CONCEPT_PAGE,
    ),
    admin(
        "move confirmation",
        lambda w: f"/admin/pages/{w.concept.pk}/move/{library().pk}/confirm/",
        STAFF,
        reviewers=403,
    ),
    admin(
        "admin API: pages",
        "/admin/api/main/pages/",
        ADMIN_USERS,
        marker=CONCEPT_PAGE,
        sees=STAFF,
    ),
    # Wagtail's admin: reports
    admin(
        "site history",
        "/admin/reports/site-history/",
        STAFF,
        reviewers=403,
        marker=HIDDEN_PROJECT,
    ),
    admin(
        "site history as CSV",
        "/admin/reports/site-history/?export=csv",
        STAFF,
        reviewers=403,
        marker=OFFICIAL_NAME,
    ),
    admin(
        "site history as XLSX",
        "/admin/reports/site-history/?export=xlsx",
        STAFF,
        reviewers=403,
        marker=OFFICIAL_NAME,
    ),
    admin("aging pages", "/admin/reports/aging-pages/", STAFF),
    admin("aging pages as CSV", "/admin/reports/aging-pages/?export=csv", STAFF),
    admin("locked pages", "/admin/reports/locked/", STAFF),
    admin("workflows report", "/admin/reports/workflow/", STAFF),
    admin("workflow tasks report", "/admin/reports/workflow_tasks/", STAFF),
    admin("page types report", "/admin/reports/page-types-usage/", STAFF),
    # Wagtail's admin: projects (snippets)
    admin("projects", snippet("kempenkaart/project", ""), STAFF, marker=HIDDEN_PROJECT),
    admin(
        "admin: edit an unpublished project",
        snippet("kempenkaart/project", "edit/", "hidden"),
        STAFF,
    ),
    admin(
        "history of an unpublished project",
        snippet("kempenkaart/project", "history/", "hidden"),
        STAFF,
    ),
    admin(
        "usage of an unpublished project",
        snippet("kempenkaart/project", "usage/", "hidden"),
        STAFF,
    ),
    admin(
        "reject a project",
        lambda w: f"/admin/kempenkaart/projecten/{w.hidden.pk}/afwijzen/",
        STAFF,
    ),
    *[
        admin(
            f"project chooser{label}",
            url,
            STAFF,
            reviewers=403,
            marker=HIDDEN_PROJECT,
        )
        for label, url in (
            ("", chooser("kempenkaart/project")),
            (" results", chooser("kempenkaart/project", "results/?q=woonerf")),
            (
                ": chosen by id",
                lambda w: chooser("kempenkaart/project", f"chosen/{w.hidden.pk}/"),
            ),
            (
                ": several chosen by id",
                lambda w: chooser(
                    "kempenkaart/project", f"chosen-multiple/?id={w.hidden.pk}"
                ),
            ),
        )
    ],
    *[
        admin(f"{model} chooser", chooser(model), STAFF, reviewers=403)
        for model in (
            "kempenkaart/instrument",
            "atelier/organisatie",
            "atelier/gemeente",
            "atelier/thema",
            "modeldocumenten/documentsoort",
            "modeldocumenten/doelgroep",
        )
    ],
    # Wagtail's admin: documents and images
    admin("documents", "/admin/documents/", STAFF, marker="los-verslag"),
    admin(
        "edit a document",
        lambda w: f"/admin/documents/edit/{w.orphan_document.pk}/",
        STAFF,
    ),
    admin(
        "usage of a document",
        lambda w: f"/admin/documents/usage/{w.orphan_document.pk}/",
        STAFF,
    ),
    admin(
        "document chooser",
        "/admin/documents/chooser/",
        ADMIN_USERS,
        marker="los-verslag",
        sees=STAFF,
    ),
    admin(
        "document chooser: chosen by id",
        lambda w: f"/admin/documents/chooser/chosen/{w.orphan_document.pk}/",
        STAFF,
    ),
    admin("images", "/admin/images/", STAFF, marker="Losse schets"),
    admin(
        "edit an image",
        lambda w: f"/admin/images/{w.orphan_image.pk}/",
        STAFF,
    ),
    admin(
        "usage of an image",
        lambda w: f"/admin/images/usage/{w.hidden_image.pk}/",
        STAFF,
    ),
    admin(
        "image chooser",
        "/admin/images/chooser/",
        ADMIN_USERS,
        marker="Losse schets",
        sees=STAFF,
    ),
    admin(
        "admin API: documents",
        "/admin/api/main/documents/",
        ADMIN_USERS,
        marker="los-verslag",
        sees=STAFF,
    ),
    admin(
        "admin API: a document",
        lambda w: f"/admin/api/main/documents/{w.orphan_document.pk}/",
        STAFF,
        reviewers=404,
    ),
    admin(
        "admin API: images",
        "/admin/api/main/images/",
        ADMIN_USERS,
        marker="Schets woonerf",
        sees=STAFF,
    ),
    admin(
        "admin API: an image",
        lambda w: f"/admin/api/main/images/{w.hidden_image.pk}/",
        STAFF,
        reviewers=404,
    ),
    # The learning community
    Surface("learning trajectories", "/leergemeenschap/", EVERYONE),
    Surface(
        "a trajectory shows its non-public case to participants and staff",
        lambda w: w.traject.get_absolute_url(),
        EVERYONE,
        marker=LEERCASE,
        sees=SUBMITTER,
    ),
    Surface("a hefboom", lambda w: w.hefboom.get_absolute_url(), EVERYONE),
    Surface(
        "a work session's material",
        lambda w: w.werksessie.get_absolute_url(),
        SUBMITTER,
        marker=LEERVERSLAG,
    ),
    Surface(
        "a work session's document",
        lambda w: f"/leergemeenschap/bestand/sessie/{w.sessie_document.pk}/",
        SUBMITTER,
    ),
    Surface(
        "a case's attachment",
        lambda w: f"/leergemeenschap/bestand/case/{w.case_bijlage.pk}/",
        SUBMITTER,
    ),
    Surface(
        "evaluation results",
        lambda w: (
            f"/leergemeenschap/{w.traject.slug}/{w.hefboom.slug}/evaluatie/resultaten/"
        ),
        STAFF,
        marker=LEEREVALUATIE,
    ),
    Surface(
        "evaluation results as CSV",
        lambda w: (
            f"/leergemeenschap/{w.traject.slug}/{w.hefboom.slug}/"
            "evaluatie/resultaten/?formaat=csv"
        ),
        STAFF,
    ),
    Surface(
        "needs survey answers",
        lambda w: f"/leergemeenschap/{w.traject.slug}/peiling/resultaten/",
        STAFF,
        marker=LEERPEILING,
    ),
    Surface(
        "learning trajectory back office",
        lambda w: f"/leergemeenschap/{w.traject.slug}/beheer/",
        STAFF,
    ),
    Surface(
        "an unpublished toolbox",
        lambda w: f"/leergemeenschap/{w.traject.slug}/toolbox/",
        STAFF,
    ),
    login_required(
        "register for a trajectory",
        lambda w: f"/leergemeenschap/{w.traject.slug}/inschrijven/",
        # for an organisation one acts for: this partner acts for none
        frozenset({OFFICIAL, OTHER_OFFICIAL}) | STAFF,
        refused=404,
    ),
    Surface(
        "search finds no unpublished tool",
        "/zoeken/?q=matrixtool",
        EVERYONE,
        marker="Matrixtool",
        sees=frozenset(),
    ),
    admin(
        "learning trajectories in the back office",
        "/admin/snippets/leergemeenschap/traject/",
        STAFF,
    ),
    admin(
        "hefbomen in the back office",
        "/admin/snippets/leergemeenschap/hefboom/",
        STAFF,
    ),
    # Wagtail's admin: the rest of the back office
    admin("users", "/admin/users/", {BEHEERDER, SUPERUSER}),
    admin("groups", "/admin/groups/", {BEHEERDER, SUPERUSER}),
    admin("workflows", "/admin/workflows/list/", {SUPERUSER}),
    admin(
        "workflow task chooser",
        "/admin/workflows/task_chooser/",
        {SUPERUSER},
        reviewers=403,
    ),
    admin("embed chooser", "/admin/embeds/chooser/", STAFF, reviewers=403),
    admin(
        "tag autocompletion", "/admin/tag-autocomplete/?term=a", STAFF, reviewers=403
    ),
    # Wagtail's deliberate error, for testing error reports: superusers only.
    admin(
        "error test page",
        "/admin/failwhale/",
        {SUPERUSER},
        ok=500,
        reviewers=403,
    ),
    # The network: consultations (partners, invitees, staff), opportunities,
    # tailored support (the asking municipality and staff), the partners (public).
    Surface("partners", "/netwerk/partners/", EVERYONE),
    Surface("activities", "/netwerk/activiteiten/", EVERYONE),
    login_required(
        "consultations",
        "/netwerk/overleg/",
        REVIEWERS | STAFF,
        marker="Thematisch overleg Erfgoed",
        sees=frozenset({EXPERT}) | STAFF,
    ),
    consultation(
        "a kernpartneroverleg",
        lambda w: w.kern.get_absolute_url(),
        frozenset({PARTNER}) | STAFF,
        others={EXPERT: 404},
        marker=KERN_ACTION,
    ),
    consultation(
        "a kernpartneroverleg's action items (CSV)",
        lambda w: f"{w.kern.get_absolute_url()}actiepunten.csv",
        frozenset({PARTNER}) | STAFF,
        others={EXPERT: 404},
        marker=KERN_ACTION,
    ),
    consultation(
        "a thematic consultation, to its invitees",
        lambda w: w.water.get_absolute_url(),
        frozenset({EXPERT}) | STAFF,
        others={PARTNER: 404},
        marker=THEMATIC_MINUTES,
    ),
    consultation(
        "plan the next meeting",
        lambda w: f"{w.kern.get_absolute_url()}volgende/",
        STAFF,
        others={EXPERT: 404},
        method="post",
        data={"datum": "2001-01-01"},
        ok=302,
    ),
    Surface(
        "search finds no consultation",
        "/zoeken/?q=erfgoedoverleg",
        EVERYONE,
        marker=THEMATIC_MINUTES,
        sees=frozenset(),
    ),
    login_required("opportunities", "/netwerk/kansen/", frozenset({PARTNER}) | STAFF),
    login_required(
        "ask for tailored support", "/maatwerk/nieuw/", {OFFICIAL, OTHER_OFFICIAL}
    ),
    login_required(
        "a request for tailored support",
        lambda w: w.maatwerk.get_absolute_url(),
        frozenset({OFFICIAL}) | STAFF,
        refused=404,
        marker=MAATWERK_SUBJECT,
    ),
    login_required(
        "a request's attachment",
        lambda w: w.bijlage.get_absolute_url(),
        frozenset({OFFICIAL}) | STAFF,
        refused=404,
    ),
    login_required(
        "requests for tailored support",
        "/maatwerk/",
        SIGNED_IN,
        marker=MAATWERK_SUBJECT,
        sees=frozenset({OFFICIAL}) | STAFF,
    ),
    admin("consultations in the back office", snippet("netwerk/overleg", ""), STAFF),
    admin("activities in the back office", snippet("netwerk/activiteit", ""), STAFF),
    Surface(
        "Django admin",
        "/django-admin/",
        frozenset({SUPERUSER}),
        refused=LOGIN,
    ),
]


# --- running it -----------------------------------------------------------------


def outcome(response):
    if response.status_code in (301, 302):
        location = urlparse(response["Location"])
        if "login" in location.path or "aanmelden" in location.path:
            return LOGIN
        if location.path == "/admin/":
            return ADMIN_HOME
    return response.status_code


def content(response):
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if raw.startswith(b"PK\x03\x04"):  # an XLSX export: read its text
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            raw = b" ".join(
                archive.read(name)
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return raw.decode("utf-8", "replace")


def request_as(w, role, method, path, data=None, headers=None):
    client = Client(raise_request_exception=False)  # a crash is a 500 in the table
    if w.users[role] is not None:
        client.force_login(w.users[role])
    kwargs = {"headers": headers or {}}
    if data is not None:
        kwargs.update(data=data, content_type="application/json")
    return getattr(client, method)(path, **kwargs)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_each_role_gets_exactly_what_it_may(world, surface):
    path = surface.path(world)
    got, leaks = {}, {}
    for role in ROLES:
        with transaction.atomic():  # a write (PATCH, a download) is undone after
            response = request_as(
                world, role, surface.method, path, surface.data, surface.headers
            )
            got[role] = outcome(response)
            if surface.marker and got[role] == 200:
                leaks[role] = surface.marker in content(response)
            transaction.set_rollback(True)
    assert got == {role: surface.expected(role) for role in ROLES}, path
    if surface.marker:
        sees = {role for role, shown in leaks.items() if shown}
        expected = surface.allowed if surface.sees is None else surface.sees
        assert sees == set(expected), f"{path}: who sees {surface.marker!r}"


def test_the_table_tries_every_role():
    assert set(ROLES) == {ANONYMOUS, OFFICIAL, OTHER_OFFICIAL} | REVIEWERS | STAFF
    assert {
        roles.GEMEENTE_MEDEWERKER,
        roles.PARTNER,
        roles.KWALITEITSKAMER_LID,
        roles.IOK_MEDEWERKER,
        roles.BEHEERDER,
    } == set(roles.ALL)


# --- every admin URL, as a reviewer --------------------------------------------


def admin_urls(w):
    """Each URL of Wagtail's admin with its parameters filled in with the objects a
    reviewer may not see."""
    values = {
        "pk": w.hidden.pk,
        "page_id": w.concept.pk,
        "parent_page_id": w.concept.pk,
        "page_to_move_id": w.concept.pk,
        "destination_id": library().pk,
        "page_pk": w.concept.pk,
        "document_id": w.orphan_document.pk,
        "doc_id": w.orphan_document.pk,
        "image_id": w.hidden_image.pk,
        "revision_id": w.concept.latest_revision_id,
        "task_id": w.review_task.pk,
        "task_state_id": w.document.current_workflow_task_state.pk,
        "workflow_state_id": w.document.current_workflow_state.pk,
        "app_label": "kempenkaart",
        "model_name": "project",
        "content_type_app_name": "modeldocumenten",
        "content_type_model_name": "modeldocumentpage",
        "app_name": "kempenkaart",
        "object_id": str(w.hidden.pk),
        "action_name": "approve",
        "filter_spec": "original",
        "action": "delete",
    }

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.name

    for route, name in walk(get_resolver().url_patterns, ""):
        if not route.startswith("admin/") or name in SWEEP_SKIPS:
            continue
        url = route.replace("^", "").replace("$", "").replace("\\.", ".")
        url = re.sub(r"\(\?P<pk>[^)]*\)", str(w.hidden.pk), url)
        url = re.sub(r"\(\?P<revision_id_a>[^)]*\)", "earliest", url)
        url = re.sub(r"\(\?P<revision_id_b>[^)]*\)", "latest", url)
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m[1], 1)), url)
        if "(" in url or "*" in url:
            continue
        yield "/" + url


# Logging out would end the sweep; unnamed: Wagtail's catch-all and test pages.
SWEEP_SKIPS = {"wagtailadmin_logout", None}
QUERIES = ["", "?q=woonerf", "?export=csv", "?export=xlsx&q=Concept"]
LISTINGS = re.compile(r"report|choose|search|results|api/")


@pytest.mark.parametrize("role", sorted(REVIEWERS))
def test_no_admin_view_shows_reviewers_what_they_may_not_see(world, role):
    problems = []
    for url in admin_urls(world):
        queries = QUERIES if LISTINGS.search(url) else [""]
        for query in queries:
            # A client of its own: no message left by one view shows on the next.
            client = Client(raise_request_exception=False)
            client.force_login(world.users[role])
            response = client.get(url + query)
            if response.status_code >= 500:
                problems.append(f"{response.status_code} {url}{query}")
                continue
            # What the page shows, and the messages it leaves for the next one.
            text = content(response) + " ".join(
                str(message) for message in get_messages(response.wsgi_request)
            )
            shown = [secret for secret in SECRETS if secret in text]
            if shown:
                problems.append(f"{url}{query} shows {shown}")
    assert problems == []
