"""The main pages as a phone user, a screen-reader user and a Dutch reader meet them:
axe-core (the npm package, committed in tests/browser/vendor/) finds no serious or
critical violation, no page scrolls sideways at 390 px, and no English words of the
map libraries or Python/JavaScript empty values ("None", "null", "undefined") show.

Later apps add their pages to `main_pages`."""

import re
from pathlib import Path

import pytest

from atelier.models import HomePage
from kempenkaart.models import Project
from modeldocumenten.models import InspirationIndexPage, InspirationPage
from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory
from tests.modeldocumenten.factories import model_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
PHONE = {"width": 390, "height": 844}

# Words that only an untranslated library or template would show (whole words).
ENGLISH = re.compile(
    r"\b(Zoom in|Zoom out|Draw a|Delete layers|Edit layers|No layers|Cancel|Save|"
    r"Finish|Clear all|Click|Search|Submit|Previous|Next|Page|of the|None|null|"
    r"undefined|True|False|NaN)\b"
)
SCAN = """() => {
  const texts = [document.body.innerText];
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
  }
  return texts.join('\\n');
}"""


def serious_violations(page):
    """axe-core's serious and critical findings on the page as it is now. The script
    is evaluated through DevTools, so the page's CSP stays as strict as it is."""
    page.evaluate(AXE)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def main_pages(db, app_pages):
    project = ProjectFactory(title="Dorpsplein Oud-Turnhout", in_gemeente="turnhout")
    instrument = InstrumentFactory(name="RUP Stationsomgeving")
    document = model_document(
        "Stedenbouwkundige verordening meergezinswoningen",
        themas=["kernversterking"],
    )
    index = InspirationIndexPage(title="Inspiratie", slug="inspiratie")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()
    story = InspirationPage(
        title="Een plein voor het dorp", slug="plein", intro="Een plein."
    )
    story.projecten = [project] if hasattr(story, "projecten") else []
    index.add_child(instance=story)
    story.save_revision().publish()
    assert Project.objects.filter(pk=project.pk, live=True).exists()
    return [
        "/",
        "/kaart/",
        "/gemeenten/turnhout/",
        "/modeldocumenten/",
        document.url,
        project.get_absolute_url(),
        instrument.get_absolute_url(),
        story.url,
        "/zoeken/?q=plein",
        "/account/aanmelden/",
        *app_pages,
    ]


@pytest.fixture
def app_pages(db, turnhout, gemeente_medewerker):
    """The pages of the apps that came after the first set: the agenda, the partner
    directory, the learning community and the kwaliteitskamer's advice bank, each
    with the data that fills them (built with the apps' own factories)."""
    from django.contrib.gis.geos import Point
    from django.utils import timezone

    from atelier.models import Organisatie, Thema
    from leergemeenschap import services as lg
    from netwerk.kwaliteitskamer.models import Advies, Dossier
    from tests.atelier.factories import OrganisatieFactory
    from tests.kwaliteitskamer.factories import ExpertFactory, dossier, zitting
    from tests.leergemeenschap.factories import hefboom, traject
    from tests.netwerk.factories import ActiviteitFactory, open_bijeenkomst

    gathering = open_bijeenkomst(
        title="Studiedag omgevingsvergunningsprocedures in de Kempen",
        slug="studiedag-kernversterking",
        capaciteit=40,
        punt=Point(4.94, 51.32, srid=4326),
        beschrijving="<p>Een dag over levendige kernen.</p>",
    )
    partner = OrganisatieFactory(
        name="Ruimtelijk adviesbureau Kempen",
        kind=Organisatie.Kind.KERNPARTNER,
        partnerschap=True,
        website="https://www.ruimtelijkadviesbureaukempen.example.be/over-ons",
        contact_email="samenwerkingsverbanden@ruimtelijkadviesbureaukempen.example.be",
    )
    project = ProjectFactory(title="Fietsstraat in de Kempen")
    project.partners.add(partner)
    project.save()  # a parental many-to-many: stored on save
    ActiviteitFactory(
        organisatie=partner,
        title="Begeleiding van dorpskernvisies",
        gemeente=turnhout,
        thema=Thema.objects.get(slug="kernversterking"),
    )
    trajectory = traject(eerste_orde=[turnhout])
    lever = hefboom(trajectory, 1, titel="Grondbeleid", vraag="Hoe voert u het?")
    lg.tool_create(
        lever,
        title="Grondbank voor de kern",
        beschrijving="Een grondbank koopt strategisch.",
        dos="Koop rond haltes",
        donts="Speculeer niet",
    )
    lg.toolbox_publish(trajectory, inleiding="De oplossingen per thema.")
    chair = ExpertFactory()
    case = dossier(
        user=gemeente_medewerker,
        tijdslot=zitting(voorzitter=chair, panel=[chair]).tijdsloten.first(),
        gemeente=turnhout,
        title="Herinrichting van de Grote Markt",
    )
    advice = Advies.objects.create(
        dossier=case,
        context="De context van het plein.",
        appreciatie="Een sterke appreciatie.",
        aanbevelingen="Verlaag de kroonlijst.",
        conclusie=Advies.Conclusie.VOORWAARDEN,
        opgesteld_door=chair.user,
        goedgekeurd_op=timezone.now(),
    )
    Dossier.objects.filter(pk=case.pk).update(gepubliceerd_op=timezone.now())
    return [
        "/agenda/",
        f"/agenda/maand/?maand={timezone.localdate(gathering.start):%Y-%m}",
        gathering.get_absolute_url(),
        "/netwerk/partners/",
        f"/netwerk/partners/{partner.slug}/",
        "/netwerk/activiteiten/",
        "/leergemeenschap/",
        trajectory.get_absolute_url(),
        lever.get_absolute_url(),
        f"/leergemeenschap/{trajectory.slug}/toolbox/",
        "/kwaliteitskamer/adviezen/",
        f"/kwaliteitskamer/adviezen/{advice.pk}/",
    ]


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_main_pages_pass_axe_and_speak_dutch(live_server, page, main_pages, viewport):
    page.set_viewport_size(viewport)
    findings = {}
    for path in main_pages:
        visit(page, live_server.url + path)
        violations = serious_violations(page)
        if violations:
            findings[path] = violations
        english = sorted(set(ENGLISH.findall(page.evaluate(SCAN))))
        if english:
            findings.setdefault(path, []).append(("english-or-empty", english))
        if viewport is PHONE:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                findings.setdefault(path, []).append(("scrolls-sideways", width))
    assert findings == {}


def test_the_project_form_and_its_drawing_tools_speak_dutch(live_server, page):
    from atelier import roles
    from tests.atelier.factories import UserFactory
    from tests.browser.test_kempenkaart import log_in

    log_in(page, live_server.url, UserFactory(roles=[roles.PARTNER]))
    visit(page, live_server.url + "/kaart/projecten/nieuw/")
    page.locator(".leaflet-draw-toolbar a").first.wait_for()
    assert page.locator(".leaflet-draw-draw-polygon").get_attribute("title") == (
        "Een omtrek tekenen"
    )
    assert sorted(set(ENGLISH.findall(page.evaluate(SCAN)))) == []
    assert serious_violations(page) == []
