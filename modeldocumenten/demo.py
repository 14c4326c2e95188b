"""Demo data for the model documents: the library page and fifteen model documents for
local spatial policy in the Kempen, each with numbered versions (a real DOCX and PDF
per version, generated here) and, for about half of them, the municipalities that
adopted them. Titles and texts are plausible; dates, counts and adoptions are made up.

Deterministic (`random.Random(2026)`) and idempotent: a document whose slug exists is
left as it is, so a second load creates and changes nothing.
"""

import random
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from io import BytesIO
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from docx import Document as DocxDocument
from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.utils.file import hash_filelike

from atelier.models import Gemeente, HomePage, Thema

from .demo_inspiratie import load_inspiration
from .models import (
    Adoptie,
    Beleidsniveau,
    DocumentSoort,
    DocumentVersie,
    Doelgroep,
    Download,
    ModelDocumentIndexPage,
    ModelDocumentPage,
)

SEED = 2026
FIRST_DATE = date(2021, 1, 1)
LAST_DATE = date(2026, 10, 31)
FOOTER = "Demodocument – Atelier Ruimte Kempen"
DEMO_NOTE = (
    "Demodocument van het Atelier Ruimte Kempen: de inhoud is een voorbeeld, "
    "de bestanden zijn sjablonen."
)
FILE_INTRO = (
    "Dit modeldocument van het Atelier Ruimte Kempen is een vertrekpunt. Vervang de "
    "tekst tussen vierkante haken door de gegevens van [naam gemeente] en pas de "
    "inhoud aan de lokale situatie aan."
)
FILE_CONTACT = (
    "Vragen of opmerkingen over dit modeldocument? Neem contact op met het Atelier "
    "Ruimte Kempen (IOK, Plangroep)."
)

INDEX_INTRO = (
    "<p>Het Atelier Ruimte Kempen biedt de 29 Kempense gemeenten concrete en "
    "praktische modeldocumenten, informatie en inspiratie voor hun lokale ruimtelijke "
    "beleid: reglementen, bestekken, checklists, visienota's, sjablonen en "
    "modelbesluiten die u meteen kunt aanpassen aan uw eigen gemeente.</p>"
    "<p>De bibliotheek wordt actueel gehouden, inspelend op actuele tendensen en "
    "behoeften. De opmaak van de modeldocumenten wordt mee opgevolgd door de partners "
    "en experten van het Netwerk Ruimte Kempen.</p>"
)

N = Beleidsniveau


class DemoDocument(NamedTuple):
    title: str
    soort: str  # DocumentSoort slug
    niveau: str
    themas: list[str]  # Thema slugs
    doelgroepen: list[str]  # Doelgroep slugs
    summary: str
    gebruik: str
    toelichting: tuple[str, list[str]]  # heading, paragraphs
    secties: list[tuple[str, str]]  # the file's sections: heading, template text
    versies: list[tuple[str, str]]  # number, what changed
    adopties: int = 0  # how many municipalities adopted it
    quote: str = ""


DOCUMENTS = [
    DemoDocument(
        "Stedenbouwkundige verordening verharding en ontharding",
        "verordening",
        N.VLAAMS,
        ["duurzaamheid", "natuur-en-landschap", "open-ruimte"],
        ["gemeentebestuur", "omgevingsambtenaar"],
        "Een gemeentelijke stedenbouwkundige verordening die verharding beperkt en "
        "ontharding stimuleert bij bouwprojecten en verkavelingen. Ze legt een "
        "maximaal verhardingspercentage per perceel vast en vraagt waterdoorlatende "
        "materialen voor opritten en parkeerplaatsen.",
        "Gebruik deze verordening wanneer uw gemeente verder wil gaan dan de "
        "gewestelijke hemelwaterverordening, bijvoorbeeld als uitvoering van het "
        "lokale klimaatplan. Pas de percentages aan de eigen bebouwingstypologie aan, "
        "vraag advies aan de gemeentelijke commissie voor ruimtelijke ordening en laat "
        "de verordening vaststellen door de gemeenteraad.",
        (
            "Minder verharding, meer ruimte voor water",
            [
                "Een groot deel van de private kavels in de Kempen is verhard: "
                "opritten, terrassen en parkeerplaatsen laten regenwater nauwelijks "
                "insijpelen. Deze verordening geeft gemeenten een helder kader om dat "
                "bij elke omgevingsvergunning te sturen.",
                "Het model bevat een maximaal verhardingspercentage, regels voor "
                "waterdoorlatende materialen en een ontharding bij grotere "
                "verbouwingen, met een toelichtende nota en voorbeelden.",
            ],
        ),
        [
            (
                "Artikel 1 – Toepassingsgebied",
                "Deze verordening is van toepassing op het volledige grondgebied van "
                "[naam gemeente], met uitzondering van de gebieden waarvoor een "
                "ruimtelijk uitvoeringsplan strengere regels vastlegt.",
            ),
            (
                "Artikel 2 – Maximale verharding",
                "Op percelen voor eengezinswoningen mag ten hoogste [percentage] % van "
                "de onbebouwde oppervlakte verhard worden. Opritten worden aangelegd "
                "in waterdoorlatende materialen of als karrenspoor.",
            ),
            (
                "Artikel 3 – Ontharding bij verbouwing",
                "Bij een verbouwing of uitbreiding van meer dan [oppervlakte] m² wordt "
                "overtollige verharding in de voortuin verwijderd en ingericht als "
                "groenzone.",
            ),
            (
                "Artikel 4 – Afwijkingen",
                "Het college van burgemeester en schepenen kan gemotiveerd afwijken "
                "voor [omschrijving uitzonderingen], na advies van de "
                "omgevingsambtenaar.",
            ),
        ],
        [
            ("1.0", "Eerste versie, opgemaakt met vijf pilootgemeenten."),
            (
                "1.1",
                "De begrippen 'verharding' en 'waterdoorlatend' verduidelijkt na "
                "vragen van omgevingsambtenaren.",
            ),
            (
                "2.0",
                "Afgestemd op de herziene gewestelijke hemelwaterverordening; nieuw "
                "artikel over ontharding bij verbouwing.",
            ),
        ],
        adopties=6,
    ),
    DemoDocument(
        "Modelreglement terrassen en uithangborden",
        "reglement",
        N.LOKAAL,
        ["kernversterking", "architectuur"],
        ["omgevingsambtenaar", "burgers-en-verenigingen"],
        "Een modelreglement voor terrassen, terrasconstructies en uithangborden in de "
        "handelskernen. Het regelt afmetingen, materialen en de vrije doorgang voor "
        "voetgangers, en bundelt de aanvraag in één eenvoudige procedure.",
        "Gebruik dit reglement als uw gemeente de beeldkwaliteit van de dorps- of "
        "stadskern wil verbeteren zonder elke aanvraag apart te beoordelen. Duid de "
        "kernwinkelgebieden aan op een kaart in bijlage en stem de regels af met de "
        "handelaars en de horeca voor de gemeenteraad het vaststelt.",
        (
            "Een aangename publieke ruimte voor iedereen",
            [
                "Terrassen en uithangborden bepalen mee het beeld van een kern. Met "
                "duidelijke regels krijgen handelaars rechtszekerheid en blijft er "
                "voldoende ruimte voor voetgangers, rolstoelgebruikers en "
                "kinderwagens.",
                "Het reglement onderscheidt losse terrassen, vaste terrasconstructies "
                "en uithangborden, elk met eigen afmetingen en een procedure via het "
                "college.",
            ],
        ),
        [
            (
                "Artikel 1 – Begripsbepalingen",
                "Terras: een afgebakende ruimte op het openbaar domein van [naam "
                "gemeente] waar tafels en stoelen geplaatst worden bij een horecazaak.",
            ),
            (
                "Artikel 2 – Vrije doorgang",
                "Tussen het terras en de rijweg of elk vast obstakel blijft een vrije "
                "doorgang van minstens [breedte] meter.",
            ),
            (
                "Artikel 3 – Uithangborden",
                "Per handelszaak is één uithangbord toegelaten, met een uitsprong van "
                "ten hoogste [afstand] cm en op minstens 2,50 m boven het voetpad.",
            ),
            (
                "Artikel 4 – Aanvraag",
                "De aanvraag wordt ingediend bij het college van burgemeester en "
                "schepenen met het formulier in bijlage [nummer].",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            ("1.1", "Regels toegevoegd voor terrasverwarming en windschermen."),
        ],
        adopties=4,
    ),
    DemoDocument(
        "Bestek ontwerpend onderzoek dorpskern",
        "bestek",
        N.PROVINCIAAL,
        ["kernversterking", "architectuur", "participatie"],
        ["gemeentebestuur", "ontwerpers-en-architecten"],
        "Een bestek om een ontwerpteam aan te stellen voor ontwerpend onderzoek naar "
        "de toekomst van een dorpskern. Het beschrijft de opdracht, de "
        "gunningscriteria en de participatiemomenten met bewoners.",
        "Gebruik dit bestek wanneer de gemeente vóór een RUP of een herinrichting "
        "eerst ruimtelijke scenario's wil verkennen. Vul de perimeter, de ambities en "
        "het budget in en laat het bestek nalezen door de aankoopdienst; het Atelier "
        "helpt bij de selectie van ontwerpteams.",
        (
            "Eerst onderzoeken, dan plannen",
            [
                "Ontwerpend onderzoek helpt een gemeente om keuzes te maken over "
                "verdichting, publieke ruimte en groen voordat die in een plan "
                "vastliggen. Scenario's maken de afwegingen zichtbaar voor bestuur en "
                "bewoners.",
                "Het bestek steunt op ervaringen in verschillende Kempense kernen en "
                "bevat gunningscriteria voor ontwerpkwaliteit, procesaanpak en prijs.",
            ],
        ),
        [
            (
                "1. Voorwerp van de opdracht",
                "De opdracht omvat ontwerpend onderzoek naar de ruimtelijke "
                "ontwikkeling van de dorpskern [naam deelgemeente] in [naam gemeente], "
                "binnen de perimeter op het plan in bijlage.",
            ),
            (
                "2. Verwachte resultaten",
                "Een ruimtelijke analyse, minstens drie ontwikkelingsscenario's en een "
                "gedragen voorkeursscenario met een actieprogramma.",
            ),
            (
                "3. Participatie",
                "De opdrachtnemer organiseert minstens [aantal] participatiemomenten "
                "met bewoners, handelaars en verenigingen.",
            ),
            (
                "4. Gunningscriteria",
                "Kwaliteit van de ontwerpvisie ([percentage] %), procesaanpak "
                "([percentage] %) en prijs ([percentage] %).",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            (
                "2.0",
                "Herwerkt na de evaluatie van drie trajecten: meer aandacht voor "
                "participatie en een aparte fase voor het actieprogramma.",
            ),
        ],
        adopties=3,
        quote="Een goed scenario toont niet alleen wat kan, maar ook wat het kost "
        "aan open ruimte als we niets doen.",
    ),
    DemoDocument(
        "Checklist ruimtelijke kwaliteit bij verkavelingen",
        "checklist",
        N.PROVINCIAAL,
        ["woonkwaliteit", "natuur-en-landschap"],
        ["omgevingsambtenaar", "ontwerpers-en-architecten"],
        "Een checklist om verkavelingsaanvragen te toetsen op ruimtelijke kwaliteit: "
        "inpassing in de omgeving, dichtheid, groen, water en mobiliteit. Ze helpt "
        "omgevingsambtenaren om een advies gestructureerd op te bouwen.",
        "Gebruik de checklist bij het vooroverleg en bij de beoordeling van een "
        "verkavelingsaanvraag. Ontwerpers kunnen ze vooraf invullen, zodat het gesprek "
        "over kwaliteit vroeg in het proces plaatsvindt.",
        (
            "Kwaliteit toetsen, niet alleen regels",
            [
                "Een verkaveling bepaalt voor decennia het uitzicht van een wijk. De "
                "checklist vertaalt de provinciale ruimtelijke beleidsvisie naar "
                "concrete vragen: sluit het ontwerp aan bij de kern, is er voldoende "
                "publiek groen, blijft het regenwater op het terrein?",
                "Elke vraag heeft een korte toelichting en een voorbeeld van een goede "
                "en een minder goede oplossing.",
            ],
        ),
        [
            (
                "A. Ligging en inpassing",
                "Ligt de verkaveling binnen of aansluitend bij de kern van [naam "
                "gemeente]? Sluit het stratenpatroon aan op de bestaande wegen en "
                "trage wegen?",
            ),
            (
                "B. Dichtheid en woontypologie",
                "Bedraagt de woondichtheid minstens [aantal] woningen per hectare? Is "
                "er een mix van woningtypes voor verschillende huishoudens?",
            ),
            (
                "C. Groen en water",
                "Is minstens [percentage] % van de oppervlakte ingericht als publiek "
                "groen? Wordt hemelwater op het terrein geborgen en geïnfiltreerd?",
            ),
            (
                "D. Mobiliteit",
                "Is de verkaveling veilig bereikbaar te voet en met de fiets? Wordt "
                "het parkeren gebundeld?",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            ("1.1", "Vragen over hemelwater en infiltratie aangevuld."),
            ("1.2", "Voorbeelden toegevoegd uit recente Kempense verkavelingen."),
        ],
    ),
    DemoDocument(
        "Visienota kernversterking",
        "visienota",
        N.VLAAMS,
        ["kernversterking", "open-ruimte", "mobiliteit"],
        ["gemeentebestuur"],
        "Een visienota die uitlegt hoe een gemeente haar kernen kan versterken en de "
        "open ruimte kan vrijwaren. Ze vertaalt de Vlaamse ambitie om het bijkomende "
        "ruimtebeslag te beperken naar concrete keuzes voor Kempense dorpen.",
        "Gebruik de visienota als vertrekpunt voor een bestuurlijk debat of als "
        "bouwsteen voor het beleidsplan ruimte. Vervang de algemene voorbeelden door "
        "kaarten en cijfers van de eigen gemeente.",
        (
            "Sterke kernen, open ruimte",
            [
                "Kernversterking betekent wonen, werken en voorzieningen bundelen op "
                "plaatsen die goed bereikbaar zijn, zodat de open ruimte open kan "
                "blijven. De nota onderscheidt hoofdkernen, woonkernen en kleine "
                "kernen, elk met een eigen ambitie.",
                "Een stappenplan helpt om de kernen af te bakenen, de "
                "ontwikkelingsmogelijkheden in kaart te brengen en het juiste "
                "instrument te kiezen, van RUP tot verordening.",
            ],
        ),
        [
            (
                "1. Aanleiding",
                "Het Beleidsplan Ruimte Vlaanderen vraagt om het bijkomende "
                "ruimtebeslag te beperken. [naam gemeente] kiest ervoor om haar kernen "
                "te versterken.",
            ),
            (
                "2. De kernen van [naam gemeente]",
                "Hoofdkern: [naam]. Woonkernen: [namen]. Kleine kernen en linten: "
                "[namen]. Voor elke kern geldt een eigen ontwikkelingsperspectief.",
            ),
            (
                "3. Ambities",
                "Minstens [percentage] % van de nieuwe woningen komt in de hoofdkern "
                "en de woonkernen; voorzieningen worden gebundeld op wandelafstand.",
            ),
            (
                "4. Instrumenten",
                "Ruimtelijke uitvoeringsplannen, stedenbouwkundige verordeningen, "
                "grondbeleid en ontwerpend onderzoek zetten de visie om in de praktijk.",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            (
                "2.0",
                "Geactualiseerd met recente cijfers over het ruimtebeslag en "
                "aangevuld met de provinciale ruimtelijke beleidsvisie.",
            ),
        ],
        adopties=5,
    ),
    DemoDocument(
        "Sjabloon beleidsplan ruimte",
        "sjabloon",
        N.VLAAMS,
        ["open-ruimte", "kernversterking"],
        ["gemeentebestuur", "omgevingsambtenaar"],
        "Een sjabloon voor een gemeentelijk beleidsplan ruimte, met een strategische "
        "visie en beleidskaders. De structuur volgt het Vlaamse en het provinciale "
        "beleidsplan, zodat de doorvertaling naar het lokale niveau herkenbaar blijft.",
        "Gebruik het sjabloon bij de start van de opmaak van een beleidsplan ruimte. "
        "Het geeft de hoofdstukken, de verplichte onderdelen en voorbeeldteksten; de "
        "inhoud vult de gemeente zelf in, eventueel samen met IOK.",
        (
            "Een vaste structuur voor een eigen visie",
            [
                "Een beleidsplan ruimte bestaat uit een strategische visie en een of "
                "meer beleidskaders. Het sjabloon zorgt ervoor dat niets vergeten "
                "wordt en dat de plannen van buurgemeenten vergelijkbaar blijven.",
                "Bij elk hoofdstuk staat welke informatie nodig is en welke kaarten de "
                "Kempenkaart al aanlevert.",
            ],
        ),
        [
            (
                "Deel 1 – Strategische visie",
                "De ruimtelijke toekomstvisie van [naam gemeente] tot [jaartal], met "
                "de ruimtelijke principes en de gewenste ruimtelijke structuur.",
            ),
            (
                "Deel 2 – Beleidskaders",
                "Beleidskader [thema], bijvoorbeeld kernversterking, open ruimte of "
                "mobiliteit, met beleidsdoelstellingen en maatregelen.",
            ),
            (
                "Deel 3 – Proces en participatie",
                "Overzicht van de startnota, de participatiemomenten, de adviezen en "
                "de plenaire vergadering van [datum].",
            ),
            (
                "Bijlagen",
                "Kaarten, een begrippenlijst en het advies van de gemeentelijke "
                "commissie voor ruimtelijke ordening van [datum].",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            ("1.1", "Begrippenlijst uitgebreid."),
            (
                "2.0",
                "Nieuwe structuur met aparte beleidskaders voor open ruimte en "
                "kernversterking.",
            ),
        ],
        adopties=2,
    ),
    DemoDocument(
        "Modelbesluit rooilijnplan",
        "modelbesluit",
        N.VLAAMS,
        ["mobiliteit"],
        ["omgevingsambtenaar"],
        "Een modelbesluit voor de gemeenteraad om een rooilijnplan vast te stellen "
        "volgens het decreet houdende de gemeentewegen. Het bevat de overwegingen, de "
        "behandeling van bezwaren en adviezen en het beschikkend gedeelte.",
        "Gebruik dit modelbesluit bij de voorlopige en de definitieve vaststelling van "
        "een gemeentelijk rooilijnplan. Vul de gegevens van het plan, het openbaar "
        "onderzoek en de ontvangen bezwaren in en laat het nakijken door de "
        "juridische dienst.",
        (
            "Rooilijnen correct vastleggen",
            [
                "Een rooilijnplan legt de grens vast tussen de openbare weg en de "
                "private percelen. De gemeenteraad beslist daarover in twee stappen, "
                "met een openbaar onderzoek ertussen.",
                "Het modelbesluit volgt die procedure stap voor stap en geeft "
                "standaardformuleringen voor de motivering.",
            ],
        ),
        [
            (
                "Bevoegdheid",
                "De gemeenteraad is bevoegd op grond van het decreet van 3 mei 2019 "
                "houdende de gemeentewegen.",
            ),
            (
                "Feiten en context",
                "Het rooilijnplan voor [naam straat] in [naam gemeente] werd voorlopig "
                "vastgesteld op [datum]. Het openbaar onderzoek liep van [datum] tot "
                "[datum].",
            ),
            (
                "Bezwaren en adviezen",
                "Tijdens het openbaar onderzoek werden [aantal] bezwaren ingediend. De "
                "gemeenteraad neemt er als volgt standpunt over in: [standpunt].",
            ),
            (
                "Besluit",
                "Artikel 1. De gemeenteraad stelt het rooilijnplan voor [naam straat] "
                "definitief vast. Artikel 2. Het besluit wordt bekendgemaakt zoals "
                "het decreet voorschrijft.",
            ),
        ],
        [("1.0", "Eerste versie.")],
        adopties=7,
    ),
    DemoDocument(
        "Handleiding participatie bij RUP's",
        "handleiding",
        N.VLAAMS,
        ["participatie"],
        ["omgevingsambtenaar", "burgers-en-verenigingen"],
        "Een handleiding om bewoners, verenigingen en bedrijven vroeg en zinvol te "
        "betrekken bij de opmaak van een ruimtelijk uitvoeringsplan. Ze beschrijft per "
        "fase van de procedure welke participatievormen passen.",
        "Gebruik de handleiding bij het opstellen van de startnota, waarin de gemeente "
        "haar participatieaanpak beschrijft. De werkvormen zijn aan te passen aan de "
        "schaal van het plan, van een infomarkt tot een ontwerpatelier.",
        (
            "Participatie vanaf de startnota",
            [
                "De RUP-procedure voorziet een participatiemoment na de startnota en "
                "een openbaar onderzoek, maar goede participatie gaat verder. Wie "
                "bewoners vroeg betrekt, krijgt betere plannen en minder bezwaren.",
                "De handleiding geeft per fase werkvormen, een planning en tips voor de "
                "communicatie, met voorbeelden uit Kempense gemeenten.",
            ],
        ),
        [
            (
                "1. Waarom participatie?",
                "Participatie verbetert de kwaliteit van en het draagvlak voor het "
                "plan voor [naam gebied] in [naam gemeente].",
            ),
            (
                "2. Participatie per fase",
                "Startnota: infomoment en online bevraging. Scopingnota: werksessie "
                "met [doelgroepen]. Voorontwerp: terugkoppeling. Openbaar onderzoek: "
                "infomarkt.",
            ),
            (
                "3. Communicatie",
                "Kondig elk participatiemoment minstens [aantal] weken vooraf aan via "
                "[kanalen] en koppel de resultaten terug.",
            ),
            (
                "4. Participatieverslag",
                "Het verslag beschrijft wie deelnam, wat er gezegd werd en wat de "
                "gemeente ermee doet.",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            (
                "1.1",
                "Nieuwe werkvormen voor jongeren en een sjabloon voor het "
                "participatieverslag.",
            ),
        ],
        quote="Wie bewoners vroeg betrekt, hoeft achteraf minder uit te leggen.",
    ),
    DemoDocument(
        "Verordening meergezinswoningen",
        "verordening",
        N.LOKAAL,
        ["woonkwaliteit", "kernversterking"],
        ["gemeentebestuur", "ontwerpers-en-architecten"],
        "Een stedenbouwkundige verordening met kwaliteitseisen voor "
        "meergezinswoningen: minimale woonoppervlakte, buitenruimte, fietsenstalling "
        "en een mix van woninggroottes. Ze voorkomt dat verdichting ten koste gaat van "
        "woonkwaliteit.",
        "Gebruik deze verordening als in uw kernen veel appartementsgebouwen worden "
        "aangevraagd en u de woonkwaliteit wil bewaken. Bepaal in welke zones ze geldt "
        "en stem de minimale oppervlaktes af op de eigen woningmarktanalyse.",
        (
            "Verdichten met kwaliteit",
            [
                "Meergezinswoningen zijn nodig om de kernen te versterken, maar kleine "
                "appartementen zonder buitenruimte of fietsenberging leveren op "
                "termijn problemen op. Deze verordening legt minimale kwaliteitseisen "
                "vast die voor iedereen gelden.",
                "Ze is opgemaakt samen met ontwerpers uit de regio en getoetst aan "
                "recente projecten in de Kempen.",
            ],
        ),
        [
            (
                "Artikel 1 – Toepassingsgebied",
                "Deze verordening geldt voor nieuwe meergezinswoningen en voor het "
                "opdelen van bestaande woningen op het grondgebied van [naam "
                "gemeente].",
            ),
            (
                "Artikel 2 – Minimale oppervlakte",
                "Een studio heeft een netto vloeroppervlakte van minstens "
                "[oppervlakte] m², een appartement met één slaapkamer minstens "
                "[oppervlakte] m².",
            ),
            (
                "Artikel 3 – Buitenruimte",
                "Elke woning heeft een private buitenruimte van minstens [oppervlakte] "
                "m² met een minimale diepte van [afstand] m.",
            ),
            (
                "Artikel 4 – Fietsenstalling en woningmix",
                "Per woning worden minstens [aantal] fietsstalplaatsen voorzien. Bij "
                "meer dan [aantal] woningen heeft minstens een derde twee of meer "
                "slaapkamers.",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            (
                "2.0",
                "Nieuwe regels voor de woningmix en voor het opdelen van bestaande "
                "woningen.",
            ),
            (
                "2.1",
                "Redactionele verbeteringen en een duidelijkere definitie van "
                "buitenruimte.",
            ),
        ],
        adopties=8,
    ),
    DemoDocument(
        "Modelreglement gemeentelijke kwaliteitskamer",
        "reglement",
        N.PROVINCIAAL,
        ["architectuur"],
        ["gemeentebestuur", "ontwerpers-en-architecten"],
        "Een huishoudelijk reglement voor een gemeentelijke of intergemeentelijke "
        "kwaliteitskamer die grote bouwprojecten adviseert. Het regelt de "
        "samenstelling, de werking, de deontologie en de termijnen.",
        "Gebruik dit reglement wanneer uw gemeente, alleen of samen met "
        "buurgemeenten, externe experten wil laten adviseren over de ruimtelijke "
        "kwaliteit van projecten. Bepaal vooraf welke projecten verplicht langs de "
        "kwaliteitskamer gaan.",
        (
            "Advies van experten, vroeg in het ontwerp",
            [
                "Een kwaliteitskamer brengt architecten, landschapsarchitecten en "
                "stedenbouwkundigen samen om ontwerpen te bespreken, liefst al in het "
                "vooroverleg. Zo verbetert een project voor het als aanvraag wordt "
                "ingediend.",
                "Het reglement sluit aan bij de kwaliteitskamer van het Atelier "
                "Ruimte Kempen en is ook intergemeentelijk te gebruiken.",
            ],
        ),
        [
            (
                "Artikel 1 – Opdracht",
                "De kwaliteitskamer van [naam gemeente] adviseert het college over de "
                "ruimtelijke kwaliteit van projecten die voldoen aan de criteria in "
                "bijlage.",
            ),
            (
                "Artikel 2 – Samenstelling",
                "De kwaliteitskamer bestaat uit [aantal] externe experten en een "
                "voorzitter, aangesteld door het college voor [aantal] jaar.",
            ),
            (
                "Artikel 3 – Werking",
                "De kwaliteitskamer vergadert [frequentie]. De ontwerper stelt het "
                "project voor; het advies wordt binnen [aantal] dagen bezorgd.",
            ),
            (
                "Artikel 4 – Deontologie",
                "Een lid dat rechtstreeks of onrechtstreeks betrokken is bij een "
                "project, neemt niet deel aan de bespreking ervan.",
            ),
        ],
        [("1.0", "Eerste versie.")],
        adopties=3,
        quote="Een goed gesprek in het vooroverleg is meer waard dan drie "
        "weigeringen achteraf.",
    ),
    DemoDocument(
        "Checklist zorgwonen en kangoeroewoningen",
        "checklist",
        N.LOKAAL,
        ["zorg", "woonkwaliteit"],
        ["omgevingsambtenaar", "burgers-en-verenigingen"],
        "Een checklist voor zorgwonen en kangoeroewoningen, waarbij een woning wordt "
        "opgedeeld om een zorgbehoevende naaste of een oudere te huisvesten. Ze "
        "overloopt de voorwaarden en de ruimtelijke aandachtspunten.",
        "Gebruik de checklist aan het loket en bij de beoordeling van een melding of "
        "aanvraag voor zorgwonen. Burgers kunnen ze vooraf doornemen om te weten welke "
        "stukken nodig zijn.",
        (
            "Wonen met zorg, dichtbij",
            [
                "Zorgwonen laat mensen toe om langer thuis te wonen, dicht bij hun "
                "familie. De regels zijn soepel, maar er zijn voorwaarden: de woning "
                "blijft één geheel en de zorgsituatie moet aangetoond worden.",
                "De checklist geeft bij elke voorwaarde een korte uitleg en verwijst "
                "naar de nodige bewijsstukken.",
            ],
        ),
        [
            (
                "1. Voorwaarden",
                "Gaat het om een bestaande woning in [naam gemeente]? Blijft de "
                "ondergeschikte wooneenheid kleiner dan een derde van het bouwvolume?",
            ),
            (
                "2. Zorgsituatie",
                "Is de inwonende persoon 65 jaar of ouder, of zorgbehoevend? Welk "
                "bewijsstuk wordt toegevoegd: [bewijsstuk]?",
            ),
            (
                "3. Ruimtelijke aandachtspunten",
                "Blijft de woning één ruimtelijk geheel? Is er voldoende buitenruimte "
                "en parkeergelegenheid?",
            ),
            (
                "4. Na afloop",
                "Wat gebeurt er met de wooneenheid als de zorgsituatie stopt? Meld dit "
                "binnen [termijn] aan de gemeente.",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            (
                "1.1",
                "Aangepast aan de gewijzigde regels voor de melding van zorgwonen.",
            ),
        ],
    ),
    DemoDocument(
        "Bestek landschapsstudie open ruimte",
        "bestek",
        N.PROVINCIAAL,
        ["natuur-en-landschap", "open-ruimte"],
        ["gemeentebestuur", "ontwerpers-en-architecten"],
        "Een bestek voor een landschapsstudie die de waarden van de open ruimte in "
        "kaart brengt: natuur, landbouw, water, erfgoed en zichten. De studie levert "
        "een landschapsvisie en concrete projecten op.",
        "Gebruik dit bestek als voorbereiding op een beleidskader open ruimte of op "
        "een herbestemming van agrarisch gebied. Betrek het Regionaal Landschap en de "
        "landbouwsector bij de opmaak van de opdracht.",
        (
            "De open ruimte als samenhangend landschap",
            [
                "De Kempense open ruimte is een mozaïek van bossen, heide, "
                "beekvalleien en landbouwgebied. Een landschapsstudie brengt die "
                "samenhang in beeld en toont waar versterking nodig is.",
                "Het bestek vraagt een analyse, een visie en een uitvoeringsprogramma "
                "met projecten die de gemeente samen met partners kan realiseren.",
            ],
        ),
        [
            (
                "1. Voorwerp van de opdracht",
                "Een landschapsstudie voor het buitengebied van [naam gemeente], met "
                "bijzondere aandacht voor [naam beekvallei of gebied].",
            ),
            (
                "2. Analyse",
                "De opdrachtnemer brengt bodem, water, natuur, landbouw, erfgoed en "
                "recreatie in kaart en beschrijft de landschapseenheden.",
            ),
            (
                "3. Visie en projecten",
                "Een landschapsvisie op schaal [schaal] en minstens [aantal] "
                "uitvoerbare projecten met een kostenraming en mogelijke "
                "subsidiebronnen.",
            ),
            (
                "4. Begeleiding",
                "Een stuurgroep met [partners] volgt de studie op en komt minstens "
                "[aantal] keer samen.",
            ),
        ],
        [("1.0", "Eerste versie.")],
    ),
    DemoDocument(
        "Handleiding herbestemming kerken en pastorieën",
        "handleiding",
        N.VLAAMS,
        ["erfgoed", "kernversterking"],
        ["gemeentebestuur", "burgers-en-verenigingen"],
        "Een handleiding voor besturen die een kerk of pastorie een nieuwe of "
        "bijkomende bestemming willen geven. Ze beschrijft het proces van "
        "kerkenbeleidsplan tot ontwerp, met aandacht voor de erfgoedwaarde en de "
        "functie voor de gemeenschap.",
        "Gebruik de handleiding zodra een kerkfabriek of gemeente nadenkt over de "
        "toekomst van een kerkgebouw of pastorie. Ze helpt om de juiste partners, "
        "studies en subsidies op het juiste moment in te schakelen.",
        (
            "Nieuw leven in erfgoed",
            [
                "Veel Kempense dorpen hebben een kerk of pastorie die minder gebruikt "
                "wordt. Een goede herbestemming bewaart het erfgoed en geeft het dorp "
                "een nieuwe ontmoetingsplek, een bibliotheek of woningen.",
                "De handleiding bundelt de ervaring van erfgoedcellen en gemeenten in "
                "concrete stappen en aandachtspunten.",
            ],
        ),
        [
            (
                "1. Het kerkenbeleidsplan",
                "Vertrek van het kerkenbeleidsplan van [naam gemeente] en bepaal welke "
                "gebouwen in aanmerking komen voor neven- of herbestemming.",
            ),
            (
                "2. Waardenonderzoek",
                "Laat de erfgoedwaarde van [naam gebouw] onderzoeken en bepaal welke "
                "elementen behouden blijven.",
            ),
            (
                "3. Haalbaarheid en ontwerp",
                "Onderzoek de haalbaarheid van [mogelijke functies] en laat een "
                "ontwerpteam schetsen maken.",
            ),
            (
                "4. Beslissing en vergunning",
                "Leg de keuze voor aan het bestuur en bereid de omgevingsvergunning "
                "voor, met het advies van [erfgoedinstantie].",
            ),
        ],
        [
            ("1.0", "Eerste versie, over kerkgebouwen."),
            (
                "2.0",
                "Uitgebreid met pastorieën en voorbeelden van nevenbestemming in "
                "Kempense dorpen.",
            ),
        ],
    ),
    DemoDocument(
        "Modelbesluit lijst waardevol bouwkundig erfgoed",
        "modelbesluit",
        N.LOKAAL,
        ["erfgoed", "architectuur"],
        ["gemeentebestuur", "omgevingsambtenaar"],
        "Een modelbesluit voor de gemeenteraad om een eigen lijst van waardevol "
        "bouwkundig erfgoed vast te stellen, naast de vastgestelde inventaris. Het "
        "bevat de selectiecriteria en de gevolgen voor aanvragen tot sloop of "
        "verbouwing.",
        "Gebruik dit modelbesluit als uw gemeente meer gebouwen wil beschermen dan de "
        "vastgestelde inventaris aanduidt. Laat de lijst opmaken door de erfgoedcel of "
        "een erfgoeddeskundige en informeer de eigenaars vooraf.",
        (
            "Lokaal erfgoed een plaats geven",
            [
                "Niet elk waardevol gebouw staat in de vastgestelde inventaris van het "
                "bouwkundig erfgoed. Met een eigen lijst geeft een gemeente ook "
                "hoeves, arbeiderswoningen of dorpsscholen een plaats in haar "
                "vergunningenbeleid.",
                "Het modelbesluit is opgemaakt met de erfgoedcellen in de regio.",
            ],
        ),
        [
            (
                "Bevoegdheid",
                "De gemeenteraad is bevoegd op grond van het decreet over het lokaal "
                "bestuur.",
            ),
            (
                "Motivering",
                "[naam gemeente] wil waardevolle gebouwen die niet in de vastgestelde "
                "inventaris staan, beter beschermen. De lijst werd opgemaakt door "
                "[opsteller].",
            ),
            (
                "Selectiecriteria",
                "Een gebouw wordt opgenomen op basis van zijn architecturale, "
                "historische of sociaal-culturele waarde en zijn belang voor het "
                "straatbeeld.",
            ),
            (
                "Besluit",
                "Artikel 1. De gemeenteraad stelt de lijst van waardevol bouwkundig "
                "erfgoed in bijlage vast. Artikel 2. Bij een aanvraag tot sloop van "
                "een gebouw op de lijst wordt het advies van [adviesinstantie] "
                "gevraagd.",
            ),
        ],
        [
            ("1.0", "Eerste versie."),
            (
                "1.1",
                "Selectiecriteria verduidelijkt en een model van erfgoedfiche "
                "toegevoegd.",
            ),
        ],
        adopties=4,
    ),
    DemoDocument(
        "Sjabloon advies gezonde en veilige schoolomgeving",
        "sjabloon",
        N.LOKAAL,
        ["gezondheid", "mobiliteit"],
        ["omgevingsambtenaar", "burgers-en-verenigingen"],
        "Een sjabloon voor een advies over de inrichting van een schoolomgeving: "
        "veilige oversteken, een schoolstraat, groen en schaduw. Het helpt om "
        "gezondheid en verkeersveiligheid mee te nemen bij elke herinrichting.",
        "Gebruik het sjabloon bij de herinrichting van een straat of plein bij een "
        "school, of bij een vergunningsaanvraag voor een schoolgebouw. Betrek de "
        "school, de ouders en de leerlingen bij het invullen.",
        (
            "Gezond en veilig naar school",
            [
                "Een goede schoolomgeving nodigt uit om te voet of met de fiets te "
                "komen, biedt plaats om te spelen en te wachten en beschermt kinderen "
                "tegen verkeer en luchtvervuiling.",
                "Het sjabloon overloopt die aspecten en eindigt met concrete "
                "aanbevelingen voor het ontwerp.",
            ],
        ),
        [
            (
                "1. Situatie",
                "School: [naam school], [adres] in [naam gemeente]. Aantal "
                "leerlingen: [aantal]. Huidige verkeerssituatie: [beschrijving].",
            ),
            (
                "2. Veiligheid",
                "Zijn er veilige oversteken en fietspaden op de belangrijkste routes? "
                "Is een schoolstraat mogelijk bij het begin en het einde van de "
                "schooldag?",
            ),
            (
                "3. Gezondheid en groen",
                "Is er schaduw, groen en een plek om te wachten? Hoe ver ligt de "
                "schoolpoort van drukke wegen?",
            ),
            ("4. Aanbevelingen", "[aanbeveling 1], [aanbeveling 2], [aanbeveling 3]."),
        ],
        [("1.0", "Eerste versie.")],
    ),
]

# Typographic characters the PDF core fonts (latin-1) cannot show.
PLAIN = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "€": "EUR"}
)


@transaction.atomic
def load(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("Modeldocumenten: geen startpagina, niets geladen")
        return
    rng = random.Random(SEED)
    index = _load_index(home)
    created = _load_documents(rng, index)
    documents = ModelDocumentPage.objects.child_of(index)
    adopties = Adoptie.objects.filter(page__in=documents)
    stories, new_stories = load_inspiration(home)
    stdout.write(f"Inspiratie: {stories} pagina's; {new_stories} nieuw")
    stdout.write(
        f"Modeldocumenten: {documents.count()} documenten, "
        f"{DocumentVersie.objects.filter(page__in=documents).count()} versies, "
        f"{adopties.count()} adopties in "
        f"{adopties.values('gemeente').distinct().count()} gemeenten; {created} nieuw"
    )


def _load_index(home):
    index = ModelDocumentIndexPage.objects.first()
    if index is not None:
        return index
    index = ModelDocumentIndexPage(
        title="Modeldocumenten",
        slug="modeldocumenten",
        intro=INDEX_INTRO,
        show_in_menus=True,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _load_documents(rng, index):
    existing = set(
        ModelDocumentPage.objects.child_of(index).values_list("slug", flat=True)
    )
    lookups = {
        "soorten": {s.slug: s for s in DocumentSoort.objects.all()},
        "themas": {t.slug: t for t in Thema.objects.all()},
        "doelgroepen": {d.slug: d for d in Doelgroep.objects.all()},
        "gemeenten": list(Gemeente.objects.order_by("name")),
    }
    created = []
    # Saving a page re-indexes its references once per child; index each new page
    # and file once at the end instead.
    with disable_reference_index_auto_update():
        for demo in DOCUMENTS:
            # One draw per document, existing or not: the others stay the same.
            item_rng = random.Random(rng.getrandbits(64))
            slug = slugify(demo.title)
            if slug in existing:
                continue
            created.append(_create_document(item_rng, index, lookups, demo, slug))
    for page in created:
        ReferenceIndex.create_or_update_for_object(page)
        for versie in page.versies.all():
            for document in (versie.bestand, versie.pdf):
                ReferenceIndex.create_or_update_for_object(document)
    return len(created)


def _create_document(rng, index, lookups, demo, slug):
    page = ModelDocumentPage(
        title=demo.title,
        slug=slug,
        summary=demo.summary,
        gebruik=f"<p>{demo.gebruik}</p>",
        body=_body(demo),
        soort=lookups["soorten"][demo.soort],
        beleidsniveau=demo.niveau,
    )
    page.themas = [lookups["themas"][s] for s in demo.themas]
    page.doelgroepen = [lookups["doelgroepen"][s] for s in demo.doelgroepen]
    dates = _version_dates(rng, len(demo.versies))
    counts = {}
    for (nummer, wijzigingen), datum in zip(demo.versies, dates, strict=True):
        current = datum == dates[-1]
        counts[nummer] = _downloads(rng, current)
        page.versies.add(
            DocumentVersie(
                nummer=nummer,
                datum=datum,
                wijzigingen=wijzigingen,
                bestand=_wagtail_document(
                    f"{demo.title}, versie {nummer} (demo, DOCX)",
                    f"{slug}-v{nummer}.docx",
                    _docx(demo, nummer, datum),
                ),
                pdf=_wagtail_document(
                    f"{demo.title}, versie {nummer} (demo, PDF)",
                    f"{slug}-v{nummer}.pdf",
                    _pdf(demo, nummer, datum),
                ),
            )
        )
    for gemeente in sorted(
        rng.sample(lookups["gemeenten"], demo.adopties), key=lambda g: g.name
    ):
        datum = dates[0] + timedelta(days=rng.randint(30, (LAST_DATE - dates[0]).days))
        page.adopties.add(
            Adoptie(
                gemeente=gemeente,
                datum=datum,
                besluit_url=_besluit_url(rng, gemeente, datum, slug),
            )
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    Download.objects.bulk_create(
        Download(versie=versie)
        for versie in page.versies.all()
        for _ in range(counts[versie.nummer])
    )
    # "Nieuwste eerst" follows the versions, not the moment the demo was loaded.
    ModelDocumentPage.objects.filter(pk=page.pk).update(
        first_published_at=_moment(dates[0]), last_published_at=_moment(dates[-1])
    )
    return page


def _body(demo):
    heading, paragraphs = demo.toelichting
    body = [("heading", heading)]
    body += [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]
    if demo.quote:
        body.append(("quote", demo.quote))
    body.append(("paragraph", RichText(f"<p><em>{DEMO_NOTE}</em></p>")))
    return body


def _version_dates(rng, count):
    """`count` increasing dates from FIRST_DATE to LAST_DATE, 4 to 17 months apart."""
    gaps = [rng.randint(120, 520) for _ in range(count - 1)]
    room = (LAST_DATE - FIRST_DATE).days - sum(gaps)
    dates = [FIRST_DATE + timedelta(days=rng.randint(0, room))]
    for gap in gaps:
        dates.append(dates[-1] + timedelta(days=gap))
    return dates


def _downloads(rng, current):
    if rng.random() < 0.2:
        return 0
    return rng.randint(10, 120) if current else rng.randint(1, 60)


def _besluit_url(rng, gemeente, datum, slug):
    if rng.random() < 0.3:
        return ""
    return f"https://www.{gemeente.slug}.be/bekendmakingen/{datum:%Y-%m-%d}-{slug}"


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


# --- files ----------------------------------------------------------------------


def _wagtail_document(title, name, data):
    document = get_document_model()(title=title, file=ContentFile(data, name=name))
    document.file_size = len(data)
    document.file_hash = hash_filelike(BytesIO(data))
    document.save()
    return document


def _docx(demo, nummer, datum):
    document = DocxDocument()
    properties = document.core_properties
    properties.title = demo.title
    properties.author = properties.last_modified_by = "Atelier Ruimte Kempen"
    properties.subject = f"Versie {nummer}"
    properties.comments = FOOTER
    properties.created = properties.modified = datetime.combine(datum, time(10, 0))
    properties.revision = 1
    document.add_heading(demo.title, level=0)
    document.add_paragraph().add_run(
        f"Versie {nummer} – {datum:%d/%m/%Y}"
    ).italic = True
    document.add_paragraph(FILE_INTRO)
    document.add_paragraph("Gemeente: [naam gemeente]\nDossiernummer: [nummer]")
    for heading, text in demo.secties:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    document.add_heading("Contact", level=1)
    document.add_paragraph(FILE_CONTACT)
    document.sections[0].footer.paragraphs[0].text = FOOTER
    out = BytesIO()
    document.save(out)
    return _fixed_zip_dates(out.getvalue())


def _fixed_zip_dates(data):
    """The same archive with one date on every entry, so the bytes stay the same."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


class _DemoPdf(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 10, _plain(FOOTER), align="C")


def _pdf(demo, nummer, datum):
    pdf = _DemoPdf()
    pdf.set_creation_date(datetime.combine(datum, time(10, 0), tzinfo=UTC))
    pdf.set_title(_plain(demo.title))
    pdf.set_author("Atelier Ruimte Kempen")
    pdf.set_subject(_plain(f"Versie {nummer} - {FOOTER}"))
    pdf.add_page()

    def write(text, size, style=""):
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, size * 0.55, _plain(text), new_x="LMARGIN", new_y="NEXT")

    write(demo.title, 18, "B")
    write(f"Versie {nummer} - {datum:%d/%m/%Y}", 11, "I")
    pdf.ln(4)
    write(FILE_INTRO, 11)
    pdf.ln(2)
    write("Gemeente: [naam gemeente]\nDossiernummer: [nummer]", 11)
    for heading, text in [*demo.secties, ("Contact", FILE_CONTACT)]:
        pdf.ln(4)
        write(heading, 13, "B")
        pdf.ln(1)
        write(text, 11)
    return bytes(pdf.output())


def _plain(text):
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")
