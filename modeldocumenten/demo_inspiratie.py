"""Demo inspiration pages: good practice from the Kempen, told with text, quotes,
projects from the Kempenkaart (and their images) and a model document to download.
Loaded by modeldocumenten.demo; idempotent (skips what exists by slug)."""

from django.utils.text import slugify

from atelier.models import Thema

from .models import InspirationIndexPage, InspirationPage, ModelDocumentPage

INDEX_INTRO = (
    "<p>Goede voorbeelden uit de Kempen en daarbuiten: hoe gemeenten en partners "
    "ruimtelijke kwaliteit waarmaken, in de kernen en in de open ruimte. "
    "Demogegevens van het Atelier Ruimte Kempen.</p>"
)

# title, themes, intro, paragraphs, quote (text, who), document keyword
STORIES = [
    (
        "Kernversterking begint bij de pastorie",
        ["kernversterking", "erfgoed"],
        "Hoe een leegstaande pastorie het hart van een dorpskern opnieuw laat kloppen.",
        [
            "Leegstaand erfgoed in de dorpskern is een kans: wonen, zorg en ontmoeting "
            "samenbrengen op de plek waar iedereen al naartoe komt.",
            "Een ontwerpend onderzoek hielp de gemeente kiezen welke functies passen, "
            "en welke open ruimte rond de kerk bewaard blijft.",
        ],
        ("Het dorp kreeg zijn huiskamer terug.", "schepen van ruimtelijke ordening"),
        "visienota",
    ),
    (
        "Ontharden: van parking naar speelplein",
        ["duurzaamheid", "natuur-en-landschap", "gezondheid"],
        "Minder asfalt, meer groen: drie gemeenten vertellen hoe ze het aanpakten.",
        [
            "Ontharding houdt regenwater vast, koelt de omgeving af in hete zomers en "
            "maakt ruimte voor bomen en spel.",
            "Begin klein: een schoolomgeving of een parking die zelden vol staat.",
        ],
        ("Kinderen spelen nu waar vroeger auto's stonden.", "directeur basisschool"),
        "verordening",
    ),
    (
        "Schoolstraten die blijven",
        ["mobiliteit", "gezondheid", "participatie"],
        "Een schoolstraat werkt als ouders, buren en school ze samen dragen.",
        [
            "Een proefperiode met hekken en vrijwilligers maakt zichtbaar wat werkt.",
            "Daarna volgt de vaste inrichting: bredere stoepen, fietsenstallingen, groen.",
        ],
        ("De ochtendspits is rustiger dan ooit.", "buurtbewoner"),
        "reglement",
    ),
    (
        "Wonen boven winkels",
        ["woonkwaliteit", "kernversterking"],
        "Lege verdiepingen boven handelszaken worden kwaliteitsvolle woningen.",
        [
            "Een aparte toegang, buitenruimte en daglicht maken het verschil.",
            "Een premie en een heldere checklist helpen eigenaars over de drempel.",
        ],
        None,
        "checklist",
    ),
    (
        "Beekherstel met de boeren",
        ["natuur-en-landschap", "open-ruimte", "participatie"],
        "Een beek krijgt opnieuw ruimte, samen met de landbouwers langs haar oevers.",
        [
            "Overstromingsgebieden vangen water op bij hevige regen en worden waardevolle "
            "natuur.",
            "Vroeg praten met wie het land gebruikt, voorkomt conflicten later.",
        ],
        ("We zagen het eerst als verlies, nu als buffer.", "landbouwer"),
        "bestek",
    ),
    (
        "Zorgwonen in de kern",
        ["zorg", "woonkwaliteit", "kernversterking"],
        "Kleinschalig zorgwonen dicht bij winkels, dokter en bus.",
        [
            "Nabijheid van voorzieningen maakt langer zelfstandig wonen mogelijk.",
            "Gemeenschappelijke ruimtes brengen bewoners en buurt samen.",
        ],
        ("Ik kan alles te voet doen.", "bewoner"),
        "sjabloon",
    ),
    (
        "Trage wegen terug op de kaart",
        ["mobiliteit", "open-ruimte", "erfgoed"],
        "Oude voetwegen verbinden dorpen, natuur en scholen opnieuw.",
        [
            "Een inventaris van trage wegen toont welke verbindingen verloren gingen.",
            "Een rooilijnplan legt het tracé vast en geeft zekerheid aan eigenaars.",
        ],
        None,
        "modelbesluit",
    ),
    (
        "Architectuur die de Kempen kent",
        ["architectuur", "erfgoed"],
        "Nieuwe gebouwen die passen bij het Kempense landschap en de dorpsschaal.",
        [
            "Beeldkwaliteit vraagt een gesprek vooraf, niet pas bij de vergunning.",
            "Een kwaliteitskamer geeft ontwerpers en bouwheren tijdig advies.",
        ],
        ("Het advies maakte ons ontwerp beter, niet duurder.", "architect"),
        "handleiding",
    ),
]


def load_inspiration(home, stdout=None):
    from kempenkaart.models import Project, ProjectAfbeelding

    index = InspirationIndexPage.objects.first()
    if index is None:
        index = InspirationIndexPage(
            title="Inspiratie", slug="inspiratie", intro=INDEX_INTRO, show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    created = 0
    for title, themas, intro, paragraphs, quote, soort in STORIES:
        slug = slugify(title)
        if InspirationPage.objects.filter(slug=slug).exists():
            continue
        theme_rows = list(Thema.objects.filter(slug__in=themas))
        projects = list(
            Project.objects.published()
            .filter(themas__in=theme_rows)
            .distinct()
            .order_by("title")[:3]
        )
        body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
        afbeelding = (
            ProjectAfbeelding.objects.filter(project__in=projects)
            .select_related("image")
            .first()
        )
        if afbeelding:
            body.insert(
                1,
                (
                    "image",
                    {
                        "image": afbeelding.image,
                        "credit": afbeelding.credit,
                        "caption": afbeelding.caption or afbeelding.project.title,
                    },
                ),
            )
        if quote:
            body.append(("quote", {"quote": quote[0], "attribution": quote[1]}))
        if projects:
            body.append(
                (
                    "projects",
                    {"heading": "Voorbeelden op de Kempenkaart", "projects": projects},
                )
            )
        document = (
            ModelDocumentPage.objects.live()
            .filter(soort__slug=soort)
            .order_by("title")
            .first()
        )
        if document and document.current_version():
            body.append(
                (
                    "download",
                    {
                        "document": document.current_version().bestand,
                        "label": f"Modeldocument: {document.title}",
                    },
                )
            )
        page = InspirationPage(title=title, slug=slug, intro=intro, body=body)
        page.themas = theme_rows
        page.modeldocumenten = [document] if document else []
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return InspirationPage.objects.child_of(index).count(), created
