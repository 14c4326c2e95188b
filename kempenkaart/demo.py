"""Demo data for the Kempenkaart: about 60 planning instruments with their procedure
and about 80 quality projects, spread over the 29 municipalities. Names are plausible
for the Kempen; places, dates and outlines are made up.

Deterministic (`random.Random(2026)`) and idempotent: an item whose slug exists is left
as it is, so a second load creates and changes nothing.
"""

import functools
import hashlib
import math
import random
from datetime import date, timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import LineString, MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from atelier.models import Gemeente, Organisatie, Thema, User

from .models import Instrument, ProcedureStap, Project, ProjectAfbeelding
from .services import (
    as_multipolygon,
    gemeente_at,
    instrument_refresh_status,
    instrument_set_gemeenten,
    project_publish,
    project_reject,
    project_submit,
    validate_geometry,
)

SEED = 2026
METRIC = settings.METRIC_SRID  # Lambert 72: shapes are drawn in metres
EDGE = 2  # metres kept free from a municipal border, so nothing merely touches it
LAST_DATE = date(2026, 10, 31)
CREDIT = "Demo – Atelier Ruimte Kempen"
DEMO_NOTE = "Demogegevens van het Atelier Ruimte Kempen."
DEMO_MAIL_DOMAIN = "demo.atelierruimtekempen.be"

S = Instrument.Soort
Stap = ProcedureStap.Stap

# Procedure outcome: K van kracht, O in opmaak, V voorlopig vastgesteld, OO in openbaar
# onderzoek, H van kracht en nu in herziening, X opgeheven.
INSTRUMENTS = [
    # soort, name, municipalities, outcome, purpose
    (S.GEMEENTELIJK_RUP, "RUP Centrum Arendonk", ["Arendonk"], "K",
     "verdichting en meer groen in de kern rond de Vrijheid"),
    (S.GEMEENTELIJK_RUP, "RUP Dorpskern Zondereigen", ["Baarle-Hertog"], "K",
     "wonen, handel en een autoluw kerkplein in de dorpskern"),
    (S.GEMEENTELIJK_RUP, "RUP Kern Vlimmeren", ["Beerse"], "OO",
     "kernversterking met woningen voor jonge gezinnen en senioren"),
    (S.GEMEENTELIJK_RUP, "RUP Kanaalzone Dessel", ["Dessel"], "K",
     "bedrijven en recreatie langs het kanaal Bocholt-Herentals"),
    (S.GEMEENTELIJK_RUP, "RUP Stationsomgeving Geel", ["Geel"], "K",
     "een verdicht stationskwartier met woningen, kantoren en een fietsenstalling"),
    (S.GEMEENTELIJK_RUP, "RUP Kleinhandelszone Antwerpseweg", ["Geel"], "V",
     "het bundelen van kleinhandel en het ontharden van parkings"),
    (S.GEMEENTELIJK_RUP, "RUP Kern Bouwel", ["Grobbendonk"], "K",
     "wonen en voorzieningen in de kern van Bouwel"),
    (S.GEMEENTELIJK_RUP, "RUP Stadskern Herentals", ["Herentals"], "K",
     "kernversterking, woonkwaliteit en groene publieke ruimte binnen de vesten"),
    (S.GEMEENTELIJK_RUP, "RUP Dorpskern Herenthout", ["Herenthout"], "O",
     "een nieuw dorpsplein en woningen rond de kerk"),
    (S.GEMEENTELIJK_RUP, "RUP Zonevreemde bedrijven Herselt", ["Herselt"], "K",
     "een duidelijke toekomst voor bedrijven buiten de bedrijventerreinen"),
    (S.GEMEENTELIJK_RUP, "RUP Vrijheid Hoogstraten", ["Hoogstraten"], "K",
     "het erfgoed van de Vrijheid en de lindendreef beschermen"),
    (S.GEMEENTELIJK_RUP, "RUP Kern Houtvenne", ["Hulshout"], "V",
     "woningen en een groene speelplek in de kern van Houtvenne"),
    (S.GEMEENTELIJK_RUP, "RUP Recreatiezone Kasterlee", ["Kasterlee"], "K",
     "toeristische recreatie in evenwicht met natuur in de Netevallei"),
    (S.GEMEENTELIJK_RUP, "RUP Kernversterking Vorst", ["Laakdal"], "OO",
     "meer woningen en voorzieningen dicht bij de kern van Vorst"),
    (S.GEMEENTELIJK_RUP, "RUP Centrum Wechelderzande", ["Lille"], "K",
     "wonen, handel en een veilige schoolomgeving in Wechelderzande"),
    (S.GEMEENTELIJK_RUP, "RUP Kolonie Merksplas", ["Merksplas"], "K",
     "het erfgoed van de Kolonie en haar dreven en landbouwgronden"),
    (S.GEMEENTELIJK_RUP, "RUP Stationsomgeving Mol", ["Mol"], "K",
     "een verdicht stationskwartier met ruimte voor fietsers en voetgangers"),
    (S.GEMEENTELIJK_RUP, "RUP Achterbos", ["Mol"], "O",
     "kernversterking en de herbestemming van de kerk van Achterbos"),
    (S.GEMEENTELIJK_RUP, "RUP Kessel-Station", ["Nijlen"], "K",
     "wonen en handel rond de stopplaats Kessel"),
    (S.GEMEENTELIJK_RUP, "RUP Dorpskern Sint-Jozef-Olen", ["Olen"], "O",
     "een sterkere dorpskern met woningen en een groen dorpsplein"),
    (S.GEMEENTELIJK_RUP, "RUP Zwaneven", ["Oud-Turnhout"], "K",
     "wonen en voorzieningen in de wijk Zwaneven"),
    (S.GEMEENTELIJK_RUP, "RUP Centrum Poppel", ["Ravels"], "K",
     "kernversterking in Poppel en een veilige doortocht"),
    (S.GEMEENTELIJK_RUP, "RUP Markt Retie", ["Retie"], "V",
     "een autoluwe Markt met meer groen en terrassen"),
    (S.GEMEENTELIJK_RUP, "RUP Sint-Jozef-Rijkevorsel", ["Rijkevorsel"], "K",
     "woningen, school en sport in de kern van Sint-Jozef"),
    (S.GEMEENTELIJK_RUP, "RUP Stationsomgeving Turnhout", ["Turnhout"], "K",
     "een nieuw stadskwartier aan het station met wonen, werken en groen"),
    (S.GEMEENTELIJK_RUP, "RUP Kanaalzone Turnhout", ["Turnhout"], "O",
     "de omvorming van de kanaalzone tot gemengd stedelijk gebied"),
    (S.GEMEENTELIJK_RUP, "RUP Sportzone Vorselaar", ["Vorselaar"], "K",
     "sportvelden en een sporthal dicht bij de school"),
    (S.GEMEENTELIJK_RUP, "RUP Dorpskern Vosselaar", ["Vosselaar"], "OO",
     "kernversterking en een groene verbinding naar de Aa-vallei"),
    (S.GEMEENTELIJK_RUP, "RUP Abdij Tongerlo", ["Westerlo"], "K",
     "het abdijdomein, zijn hoeves en het omliggende landschap"),
    (S.BPA, "BPA Centrum Turnhout", ["Turnhout"], "H",
     "bouwhoogtes en rooilijnen in de binnenstad"),
    (S.BPA, "BPA Zonevreemde bedrijven Geel", ["Geel"], "K",
     "uitbreidingsmogelijkheden voor bestaande bedrijven"),
    (S.BPA, "BPA Kern Olmen", ["Balen"], "X",
     "wonen en handel in de kern van Olmen"),
    (S.BPA, "BPA Centrum Mol", ["Mol"], "H",
     "wonen en handel rond de Markt"),
    (S.BPA, "BPA Stationsplein Herentals", ["Herentals"], "X",
     "de aanleg van het stationsplein en de busstelplaats"),
    (S.BPA, "BPA Woonpark Lichtaart", ["Kasterlee"], "K",
     "een woonpark met veel bos in Lichtaart"),
    (S.BPA, "BPA Nijverheidszone Westerlo", ["Westerlo"], "K",
     "een lokaal bedrijventerrein langs de Nijverheidsstraat"),
    (S.BPA, "BPA Kerkomgeving Meerle", ["Hoogstraten"], "K",
     "de kerkomgeving en het dorpsplein van Meerle"),
    (S.BPA, "BPA Heidebloem", ["Beerse"], "K",
     "een woonwijk met sociale woningen"),
    (S.BPA, "BPA Centrum Herselt", ["Herselt"], "H",
     "wonen en handel in het centrum"),
    (S.BPA, "BPA Centrum Heist", ["Heist-op-den-Berg"], "X",
     "de handelskern rond de Bergstraat"),
    (S.PROVINCIAAL_RUP, "PRUP Afbakening kleinstedelijk gebied Herentals",
     ["Herentals", "Olen"], "K",
     "de grens van het kleinstedelijk gebied en ruimte voor wonen en werken"),
    (S.PROVINCIAAL_RUP, "PRUP Bedrijventerrein Beerse-Vosselaar",
     ["Beerse", "Vosselaar"], "K",
     "een regionaal bedrijventerrein met een groene buffer"),
    (S.PROVINCIAAL_RUP, "PRUP Recreatiedomein Zilvermeer", ["Mol", "Dessel"], "OO",
     "dagrecreatie en verblijfsrecreatie rond de Kempense meren"),
    (S.GEWESTELIJK_RUP, "GRUP Vallei van de Grote Nete",
     ["Geel", "Westerlo", "Olen"], "K",
     "natuur, landbouw en waterberging in de vallei van de Grote Nete"),
    (S.GEWESTELIJK_RUP, "GRUP Vallei van de Kleine Nete",
     ["Kasterlee", "Herentals", "Lille"], "K",
     "natuurverbindingen en overstromingsgebied langs de Kleine Nete"),
    (S.BELEIDSPLAN_RUIMTE, "Beleidsplan Ruimte Geel", ["Geel"], "K",
     "een strategische visie en beleidskaders voor ruimte tot 2040"),
    (S.BELEIDSPLAN_RUIMTE, "Beleidsplan Ruimte Turnhout", ["Turnhout"], "V",
     "een stedelijke visie op verdichting, groen en mobiliteit"),
    (S.BELEIDSPLAN_RUIMTE, "Intergemeentelijk beleidsplan ruimte Noorderkempen",
     ["Hoogstraten", "Merksplas", "Rijkevorsel"], "O",
     "een gezamenlijke visie op open ruimte, kernen en landbouw"),
    (S.STRUCTUURPLAN, "Gemeentelijk ruimtelijk structuurplan Geel", ["Geel"], "X",
     "de gewenste ruimtelijke structuur, vervangen door het beleidsplan ruimte"),
    (S.STRUCTUURPLAN, "Gemeentelijk ruimtelijk structuurplan Mol", ["Mol"], "K",
     "de gewenste ruimtelijke structuur van de gemeente"),
    (S.STRUCTUURPLAN, "Gemeentelijk ruimtelijk structuurplan Westerlo", ["Westerlo"],
     "K", "de gewenste ruimtelijke structuur van de gemeente"),
    (S.VERORDENING, "Gemeentelijke stedenbouwkundige verordening Herentals",
     ["Herentals"], "K", "regels voor parkeren, fietsenstallingen en verharding"),
    (S.VERORDENING, "Gemeentelijke stedenbouwkundige verordening Arendonk",
     ["Arendonk"], "K", "regels voor meergezinswoningen en woningsplitsing"),
    (S.VERORDENING, "Verordening meergezinswoningen Nijlen", ["Nijlen"], "K",
     "een minimale woonoppervlakte en buitenruimte per woning"),
    (S.ROOILIJNPLAN, "Rooilijnplan Kerkstraat", ["Dessel"], "K",
     "de rooilijn van de Kerkstraat voor een breder voetpad"),
    (S.ROOILIJNPLAN, "Rooilijnplan Kapelstraat", ["Meerhout"], "K",
     "een nieuwe rooilijn voor een vrijliggend fietspad"),
    (S.ROOILIJNPLAN, "Rooilijnplan Turnhoutsebaan", ["Ravels"], "O",
     "ruimte voor bomen en een fietspad langs de Turnhoutsebaan"),
    (S.ONTEIGENINGSPLAN, "Onteigeningsplan fietspad Geelsebaan", ["Kasterlee"], "K",
     "de gronden voor een veilig fietspad naar Geel"),
    (S.ONTEIGENINGSPLAN, "Onteigeningsplan parking Markt", ["Retie"], "V",
     "een randparking om de Markt autoluw te maken"),
    (S.ANDERE, "Landinrichtingsplan Vallei van de Wamp", ["Oud-Turnhout"], "K",
     "Landinrichtingsplan voor natuur, landbouw en trage wegen in de vallei van "
     "de Wamp"),
]  # fmt: skip

LEVEL = {  # who decides, by kind of instrument
    S.PROVINCIAAL_RUP: "de provincieraad",
    S.GEWESTELIJK_RUP: "de Vlaamse Regering",
}
WHOLE_TERRITORY = {S.BELEIDSPLAN_RUIMTE, S.STRUCTUURPLAN, S.VERORDENING}
ALONG_A_STREET = {S.ROOILIJNPLAN, S.ONTEIGENINGSPLAN}
RADIUS = {  # metres, of the area drawn for one municipality
    S.GEMEENTELIJK_RUP: (80, 600),
    S.BPA: (60, 400),
    S.ANDERE: (500, 800),
}
START_YEARS = {  # of the procedure of an instrument in force
    S.BPA: (1995, 2000),
    S.STRUCTUURPLAN: (2000, 2006),
    S.ROOILIJNPLAN: (1996, 2014),
    S.BELEIDSPLAN_RUIMTE: (2019, 2021),
}
DESCRIPTION = {
    S.GEMEENTELIJK_RUP: "Gemeentelijk ruimtelijk uitvoeringsplan in {where}: {what}.",
    S.PROVINCIAAL_RUP: "Provinciaal ruimtelijk uitvoeringsplan in {where}: {what}.",
    S.GEWESTELIJK_RUP: "Gewestelijk ruimtelijk uitvoeringsplan in {where}: {what}.",
    S.BPA: "Bijzonder plan van aanleg in {where}: {what}.",
    S.BELEIDSPLAN_RUIMTE: "Beleidsplan ruimte voor {where}: {what}.",
    S.STRUCTUURPLAN: "Ruimtelijk structuurplan van {where}: {what}.",
    S.VERORDENING: "Stedenbouwkundige verordening voor het grondgebied van {where}: "
    "{what}.",
    S.ROOILIJNPLAN: "Rooilijnplan in {where}: {what}.",
    S.ONTEIGENINGSPLAN: "Onteigeningsplan in {where}: {what}.",
    S.ANDERE: "{what} in {where}.",
}
KEYWORD_THEMAS = [
    ("centrum", "Kernversterking"),
    ("kern", "Kernversterking"),
    ("markt", "Kernversterking"),
    ("station", "Mobiliteit"),
    ("fiets", "Mobiliteit"),
    ("trage wegen", "Mobiliteit"),
    ("vallei", "Natuur en landschap"),
    ("natuur", "Natuur en landschap"),
    ("bos", "Natuur en landschap"),
    ("recreatie", "Open ruimte"),
    ("zonevreemd", "Open ruimte"),
    ("landbouw", "Open ruimte"),
    ("open ruimte", "Open ruimte"),
    ("erfgoed", "Erfgoed"),
    ("abdij", "Erfgoed"),
    ("kerk", "Erfgoed"),
    ("wonen", "Woonkwaliteit"),
    ("woning", "Woonkwaliteit"),
    ("verharding", "Duurzaamheid"),
    ("bedrijv", "Duurzaamheid"),
    ("sport", "Gezondheid"),
    ("groen", "Gezondheid"),
]

# Kinds of project: description, themes, the partners most likely involved.
RLKGN = "Regionaal Landschap Kleine en Grote Nete"
PROVINCIE = "Provincie Antwerpen"
PROJECT_KINDS = {
    "kern": (
        "Het centrum krijgt meer groen en minder verharding, met ruimte voor "
        "ontmoeting, terrassen en een veilige doorsteek voor voetgangers en fietsers. "
        "Bewoners en handelaars dachten mee in ontwerpateliers.",
        ["Kernversterking", "Participatie", "Mobiliteit"],
        ["IOK", "RURANT", "AR-TUR"],
    ),
    "station": (
        "De stationsomgeving wordt een aantrekkelijk knooppunt: een ruime "
        "fietsenstalling, deelmobiliteit, een autoluw plein en woningen boven de "
        "handel.",
        ["Mobiliteit", "Kernversterking"],
        ["IOK", PROVINCIE],
    ),
    "herbestemming": (
        "Het waardevolle gebouw krijgt een nieuwe bestemming. Het ontwerp bewaart de "
        "historische structuur en voegt een sobere, hedendaagse uitbreiding toe.",
        ["Erfgoed", "Architectuur"],
        [RLKGN, "AR-TUR"],
    ),
    "zorgwonen": (
        "Een kleinschalig woonproject met zorg in de kern, dicht bij winkels en "
        "diensten: levensloopbestendige woningen, een gedeelde tuin en een "
        "ontmoetingsruimte voor de buurt.",
        ["Zorg", "Woonkwaliteit", "Kernversterking"],
        ["IOK", "RURANT"],
    ),
    "natuur": (
        "Een robuuste natuurverbinding langs de vallei: nieuwe houtkanten, poelen en "
        "een wandelpad verbinden bestaande natuurgebieden. Landbouwers en "
        "natuurverenigingen werken samen aan het beheer.",
        ["Natuur en landschap", "Open ruimte"],
        [RLKGN, PROVINCIE],
    ),
    "water": (
        "De beek krijgt opnieuw ruimte om te meanderen; een overstromingsgebied en "
        "natuurvriendelijke oevers vangen water op bij hevige regen.",
        ["Natuur en landschap", "Duurzaamheid", "Open ruimte"],
        [RLKGN, PROVINCIE],
    ),
    "ontharding": (
        "Asfalt en beton maken plaats voor groen en waterdoorlatende verharding. "
        "Regenwater infiltreert ter plaatse en nieuwe bomen geven schaduw op hete "
        "dagen.",
        ["Duurzaamheid", "Gezondheid", "Natuur en landschap"],
        ["IOK", PROVINCIE],
    ),
    "fiets": (
        "Een veilige, comfortabele fietsverbinding naar school en centrum: een "
        "fietsstraat, verhoogde oversteken en minder doorgaand autoverkeer.",
        ["Mobiliteit", "Gezondheid"],
        [PROVINCIE, "IOK"],
    ),
    "school": (
        "De schoolomgeving wordt autoluw, met een speelse inrichting, groen aan de "
        "schoolpoort en een schoolstraat bij het begin en einde van de schooldag.",
        ["Mobiliteit", "Gezondheid", "Participatie"],
        ["IOK", "RURANT"],
    ),
    "wonen": (
        "Compacte, energiezuinige woningen rond een gedeelde tuin, op wandelafstand "
        "van de kern. Het project toont hoe verdichting en woonkwaliteit samengaan.",
        ["Woonkwaliteit", "Duurzaamheid", "Architectuur"],
        ["IOK", "AR-TUR", "Vanhout.pro"],
    ),
    "gebouw": (
        "Een nieuw publiek gebouw met architecturale kwaliteit: open naar het dorp, "
        "flexibel in gebruik en bijna energieneutraal.",
        ["Architectuur", "Participatie", "Duurzaamheid"],
        ["AR-TUR", "Vanhout.pro"],
    ),
    "landschap": (
        "Het open landschap blijft open: waardevolle heide en graslanden worden "
        "hersteld, verspreide bebouwing wordt gebundeld en trage wegen maken het "
        "gebied beleefbaar.",
        ["Open ruimte", "Natuur en landschap", "Erfgoed"],
        [RLKGN, PROVINCIE, "RURANT"],
    ),
    "trage-wegen": (
        "Een netwerk van trage wegen tussen kernen, scholen en natuur, samen met "
        "bewoners in kaart gebracht en opnieuw opengesteld.",
        ["Mobiliteit", "Participatie", "Open ruimte"],
        ["RURANT", RLKGN],
    ),
    "energie": (
        "Een warmtenet op restwarmte en een buurtaanpak voor renovatie maken de wijk "
        "klaar voor een fossielvrije toekomst.",
        ["Duurzaamheid", "Woonkwaliteit"],
        ["IOK"],
    ),
    "kerk": (
        "De parochiekerk krijgt een nevenbestemming als ontmoetingsplek en "
        "bibliotheek, met respect voor het erfgoed en ruimte voor de eredienst.",
        ["Erfgoed", "Participatie", "Architectuur"],
        [RLKGN, "AR-TUR", "IOK"],
    ),
    "speel": (
        "Een natuurlijke speel- en ontmoetingsplek met bos, zand en water, ontworpen "
        "samen met de kinderen van de buurt.",
        ["Gezondheid", "Natuur en landschap", "Participatie"],
        [RLKGN, "RURANT"],
    ),
}
PARTNERS_ANYWHERE = {"IOK", "AR-TUR", PROVINCIE, "RURANT", RLKGN, "Vanhout.pro"}
AREA_KINDS = {"kern", "natuur", "water", "landschap", "trage-wegen", "station"}

WAITING, REJECTED = "wacht", "afgewezen"
PROJECTS = [
    # municipality, title, kind[, moderation]
    ("Arendonk", "Herinrichting Vrijheid Arendonk", "kern"),
    ("Arendonk", "Fietsstraat naar school Voorheide", "fiets"),
    ("Baarle-Hertog", "Herinrichting dorpskern Zondereigen", "kern"),
    ("Baarle-Hertog", "Fietsverbinding Baarle-Zondereigen", "fiets"),
    ("Balen", "Herbestemming pastorie Olmen tot woonzorgproject", "zorgwonen"),
    ("Balen", "Beekherstel Grote Nete Balen", "water"),
    ("Balen", "Veilige schoolomgeving Scheps", "school"),
    ("Beerse", "Herinrichting dorpskern Vlimmeren", "kern"),
    ("Beerse", "Nieuwbouw bibliotheek Beerse", "gebouw", REJECTED),
    ("Beerse", "Speelbos Beerse", "speel"),
    ("Dessel", "Herinrichting Markt Dessel", "kern"),
    ("Dessel", "Natuurverbinding kanaaloevers Witgoor", "natuur"),
    ("Geel", "Vernieuwing stationsomgeving Geel", "station"),
    ("Geel", "Woonzorgproject Sint-Dimpna", "zorgwonen"),
    ("Geel", "Natuurverbinding Grote Nete Geel-Zammel", "natuur"),
    ("Geel", "Fietsstraat naar school Ten Aard", "fiets"),
    ("Grobbendonk", "Herinrichting dorpskern Bouwel", "kern"),
    ("Grobbendonk", "Beekherstel Aa Grobbendonk", "water"),
    ("Heist-op-den-Berg", "Herinrichting dorpskern Booischot", "kern"),
    ("Heist-op-den-Berg", "Fietsstraat naar school Hallaar", "fiets"),
    ("Heist-op-den-Berg", "Herbestemming pastorie Wiekevorst tot woonzorgproject",
     "zorgwonen"),
    ("Herentals", "Vernieuwing stationsomgeving Herentals", "station"),
    ("Herentals", "Herbestemming kloostersite Herentals", "herbestemming"),
    ("Herentals", "Natuurverbinding Kleine Nete", "natuur"),
    ("Herentals", "Fietsstraat naar school Noorderwijk", "fiets"),
    ("Herenthout", "Herinrichting dorpskern Herenthout", "kern"),
    ("Herenthout", "Kangoeroewoningen Herenthout", "zorgwonen"),
    ("Herselt", "Herinrichting dorpskern Ramsel", "kern"),
    ("Herselt", "Trage wegen Blauberg", "trage-wegen"),
    ("Herselt", "Herbestemming hoeve tot zorgboerderij", "herbestemming"),
    ("Hoogstraten", "Vergroening Vrijheid Hoogstraten", "ontharding"),
    ("Hoogstraten", "Beekherstel Mark", "water"),
    ("Hoogstraten", "Herbestemming pastorie Meerle tot woonzorgproject",
     "zorgwonen"),
    ("Hulshout", "Herinrichting dorpskern Houtvenne", "kern"),
    ("Hulshout", "Natuurverbinding Grote Nete Hulshout", "natuur"),
    ("Kasterlee", "Landschapspark Hoge Mouw", "landschap"),
    ("Kasterlee", "Herinrichting dorpskern Lichtaart", "kern"),
    ("Kasterlee", "Fietsstraat naar school Tielen", "fiets"),
    ("Laakdal", "Herinrichting dorpskern Vorst", "kern"),
    ("Laakdal", "Beekherstel Grote Laak", "water"),
    ("Laakdal", "Speelbos Veerle", "speel"),
    ("Lille", "Herinrichting dorpskern Gierle", "kern"),
    ("Lille", "Cohousing Poederlee", "wonen", WAITING),
    ("Lille", "Trage wegen Wechelderzande", "trage-wegen"),
    ("Meerhout", "Herbestemming pastorie Zittaart tot dorpshuis", "herbestemming"),
    ("Meerhout", "Ontharding Markt Meerhout", "ontharding"),
    ("Merksplas", "Herbestemming hoeves Kolonie Merksplas", "herbestemming"),
    ("Merksplas", "Landschapsherstel Koloniedreven", "landschap"),
    ("Merksplas", "Veilige schoolomgeving Merksplas", "school"),
    ("Mol", "Vernieuwing stationsomgeving Mol", "station"),
    ("Mol", "Natuurverbinding Molse Nete", "natuur"),
    ("Mol", "Warmtenet Mol-Centrum", "energie"),
    ("Mol", "Nevenbestemming kerk Achterbos", "kerk"),
    ("Nijlen", "Herinrichting dorpskern Kessel", "kern"),
    ("Nijlen", "Stationsomgeving Kessel", "station"),
    ("Nijlen", "Speelbos Bevel", "speel"),
    ("Olen", "Herinrichting dorpskern Sint-Jozef-Olen", "kern"),
    ("Olen", "Trage wegen Olen", "trage-wegen", WAITING),
    ("Oud-Turnhout", "Herinrichting dorpskern Zwaneven", "kern"),
    ("Oud-Turnhout", "Landschapsherstel De Liereman", "landschap"),
    ("Ravels", "Herinrichting dorpskern Weelde", "kern"),
    ("Ravels", "Fietsstraat naar school Poppel", "fiets"),
    ("Retie", "Herinrichting Markt Retie", "kern"),
    ("Retie", "Landschapspark Prinsenpark", "landschap"),
    ("Retie", "Kangoeroewoningen Schoonbroek", "zorgwonen"),
    ("Rijkevorsel", "Herinrichting dorpskern Sint-Jozef-Rijkevorsel", "kern"),
    ("Rijkevorsel", "Beekherstel Kleine Mark", "water"),
    ("Turnhout", "Vernieuwing stationsomgeving Turnhout", "station"),
    ("Turnhout", "Nieuwe stadswijk aan het kanaal", "wonen"),
    ("Turnhout", "Vergroening Grote Markt Turnhout", "ontharding"),
    ("Turnhout", "Fietsstraat naar school Zevendonk", "fiets"),
    ("Vorselaar", "Herinrichting dorpskern Vorselaar", "kern"),
    ("Vorselaar", "Nevenbestemming Sint-Pieterskerk Vorselaar", "kerk"),
    ("Vosselaar", "Herinrichting dorpskern Vosselaar", "kern"),
    ("Vosselaar", "Fietsstraat naar school Vosselaar", "fiets", WAITING),
    ("Vosselaar", "Natuurverbinding Aa-vallei", "natuur"),
    ("Westerlo", "Herinrichting dorpskern Zoerle-Parwijs", "kern"),
    ("Westerlo", "Herbestemming abdijhoeve Tongerlo", "herbestemming"),
    ("Westerlo", "Herbestemming pastorie Heultje tot woonzorgproject", "zorgwonen"),
    ("Westerlo", "Nieuw dorpshuis Voortkapel", "gebouw"),
]  # fmt: skip
REJECTION_REASON = (
    "Vul de beschrijving aan met de ruimtelijke meerwaarde voor de kern (ligging, "
    "publieke ruimte, hergebruik) en voeg een beeld met bronvermelding toe."
)
OWN_MUNICIPALITY = "Vosselaar"  # where the demo account "gemeente" works

FIRST_NAMES = [
    "An", "Bart", "Els", "Geert", "Hilde", "Jan", "Katrien", "Koen", "Lies", "Marc",
    "Nele", "Sofie", "Tom", "Wim", "Ilse", "Dries", "Jef", "Mieke", "Stijn", "Greet",
]  # fmt: skip
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Goossens",
    "Wouters", "Verhoeven", "Van Gorp", "Geudens", "Verachtert", "Van den Broeck",
    "Hendrickx", "Vermeulen", "Cools", "Luyten", "Daems", "Michielsen", "Smets",
]  # fmt: skip


@transaction.atomic
def load(stdout):
    rng = random.Random(SEED)
    areas = _Areas()
    themas = {t.name: t for t in Thema.objects.all()}
    created_instruments = _load_instruments(rng, areas, themas)
    created_projects = _load_projects(rng, areas, themas)
    instruments = Instrument.objects.filter(is_demo=True)
    projects = Project.objects.filter(is_demo=True)
    stdout.write(
        f"Kempenkaart: {instruments.count()} instrumenten, {projects.count()} projecten "
        f"({projects.filter(live=True).count()} gepubliceerd); "
        f"{created_instruments + created_projects} nieuw"
    )


# --- instruments ----------------------------------------------------------------


def _load_instruments(rng, areas, themas):
    existing = set(Instrument.objects.values_list("slug", flat=True))
    created = 0
    for soort, name, gemeenten, outcome, purpose in INSTRUMENTS:
        # One draw per item, whether it exists or not: the others stay the same.
        item_rng = random.Random(rng.getrandbits(64))
        slug = _slug(name, gemeenten[0])
        if slug in existing:
            continue
        _create_instrument(
            item_rng, areas, themas, soort, name, slug, gemeenten, outcome, purpose
        )
        created += 1
    return created


def _create_instrument(rng, areas, themas, soort, name, slug, gemeenten, outcome, what):
    where = _enumerate(gemeenten)
    instrument = Instrument(
        name=name,
        slug=slug,
        soort=soort,
        description=f"{DESCRIPTION[soort].format(where=where, what=what)} {DEMO_NOTE}",
        geom=_instrument_area(rng, areas, soort, gemeenten),
        register_url=_register_url(rng, areas, gemeenten[0], slug, outcome),
        is_demo=True,
    )
    instrument.stappen = [
        ProcedureStap(stap=stap, datum=datum, opmerking=opmerking)
        for stap, datum, opmerking in _procedure(rng, soort, outcome)
    ]
    instrument.themas.set(_themas_for(rng, themas, f"{name} {what}"))
    instrument.full_clean(exclude=["search"])
    instrument.save()
    instrument_set_gemeenten(instrument)
    instrument_refresh_status(instrument)
    return instrument


def _instrument_area(rng, areas, soort, gemeenten):
    inner = areas.inner(gemeenten)
    if soort in WHOLE_TERRITORY:
        return _checked(_to_multipolygon(inner), "instrument")
    for _ in range(50):
        if len(gemeenten) > 1:
            center = areas.shared_border_point(rng, gemeenten)
            radius = rng.uniform(
                *((900, 1400) if len(gemeenten) == 2 else (1500, 2200))
            )
            shape = _blob(rng, center, radius)
        elif soort in ALONG_A_STREET:
            center = areas.random_point(rng, gemeenten[0])
            width = (
                rng.uniform(16, 24) if soort == S.ROOILIJNPLAN else rng.uniform(25, 40)
            )
            shape = _strip(rng, center, rng.uniform(200, 700), width)
        else:
            center = areas.random_point(rng, gemeenten[0])
            shape = _blob(rng, center, rng.uniform(*RADIUS.get(soort, (80, 600))))
        geom = _clip(shape, inner)
        if geom is not None and _is_valid_place(geom):
            return geom
    raise RuntimeError(f"Geen geldig gebied gevonden in {', '.join(gemeenten)}.")


def _procedure(rng, soort, outcome):
    """(stap, datum, opmerking) in order of date, from 1995 up to LAST_DATE."""
    body = LEVEL.get(soort, "de gemeenteraad")
    notes = {
        Stap.START: "Opdracht tot opmaak"
        if soort == S.BPA
        else "Startnota goedgekeurd",
        Stap.VOORONTWERP: "Voorontwerp besproken op de plenaire vergadering",
        Stap.VOORLOPIGE_VASTSTELLING: f"Voorlopig vastgesteld door {body}",
        Stap.OPENBAAR_ONDERZOEK: "Openbaar onderzoek van 60 dagen",
        Stap.DEFINITIEVE_VASTSTELLING: f"Definitief vastgesteld door {body}",
        Stap.HERZIENING: "Herziening gestart: een nieuw RUP vervangt dit plan",
        Stap.OPHEFFING: "Opgeheven en vervangen door een recenter plan",
    }
    gaps = [(0, 0), (120, 420), (120, 360), (20, 45), (90, 200)]  # days after previous
    count = {"O": rng.choice([1, 2]), "V": 3, "OO": 4}.get(outcome, 5)
    if outcome in {"O", "V", "OO"}:
        first_year = rng.randint(2021, 2024)
    else:
        first_year = rng.randint(*START_YEARS.get(soort, (2004, 2019)))
    day = date(first_year, rng.randint(1, 12), rng.randint(1, 28))
    steps = []
    for stap, (low, high) in zip(list(Stap)[:count], gaps, strict=False):
        day += timedelta(days=rng.randint(low, high))
        steps.append([stap, day])
    if outcome in {"O", "V", "OO"} and steps[-1][1] > LAST_DATE:
        shift = steps[-1][1] - LAST_DATE + timedelta(days=rng.randint(10, 200))
        steps = [[stap, datum - shift] for stap, datum in steps]
    if outcome in {"H", "X"}:
        # Replaced by a newer plan, years later.
        after = max(steps[-1][1] + timedelta(days=8 * 365), date(2012, 1, 1))
        later = after + timedelta(days=rng.randint(0, (LAST_DATE - after).days))
        steps.append([Stap.HERZIENING if outcome == "H" else Stap.OPHEFFING, later])
    return [(stap, datum, notes[stap]) for stap, datum in steps]


def _register_url(rng, areas, gemeente, slug, outcome):
    if outcome in {"O", "V"} or rng.random() < 0.15:
        return ""
    return f"https://www.ruimtelijkeplannen.be/plannen/{areas.nis(gemeente)}/{slug}"


def _themas_for(rng, themas, text):
    text = text.lower()
    names = {thema for word, thema in KEYWORD_THEMAS if word in text}
    if not names or rng.random() < 0.3:
        names.add(rng.choice(sorted(themas)))
    return [themas[name] for name in sorted(names) if name in themas]


# --- projects -------------------------------------------------------------------


def _load_projects(rng, areas, themas):
    existing = set(Project.objects.values_list("slug", flat=True))
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["iok", "partner", "gemeente"])
    }
    partners = {o.name: o for o in Organisatie.objects.filter(partnerschap=True)}
    created = 0
    for gemeente, title, kind, *moderation in PROJECTS:
        item_rng = random.Random(rng.getrandbits(64))
        slug = _slug(title, gemeente)
        if slug in existing:
            continue
        project = _build_project(
            item_rng, areas, themas, partners, gemeente, title, slug, kind
        )
        submitter = users.get("gemeente" if gemeente == OWN_MUNICIPALITY else "partner")
        _moderate(project, submitter, users.get("iok"), moderation)
        created += 1
    return created


def _build_project(rng, areas, themas, partners, gemeente, title, slug, kind):
    text, kind_themas, kind_partners = PROJECT_KINDS[kind]
    fase = rng.choices(list(Project.Fase), weights=[12, 25, 25, 38])[0]
    start, end = _years(rng, fase)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    point = areas.random_point(rng, gemeente)
    locatie = _to_wgs84(point)
    omtrek = None
    if rng.random() < (0.6 if kind in AREA_KINDS else 0.25):
        shape = _blob(rng, point, rng.uniform(40, 250))
        omtrek = _clip(shape, areas.inner([gemeente]))
        if omtrek is not None and not _is_valid_place(omtrek):
            omtrek = None
    validate_geometry(locatie, label="locatie")
    place = gemeente_at(locatie)
    if place is None or place.name != gemeente:
        raise RuntimeError(f"{title}: de locatie ligt niet in {gemeente}.")
    project = Project(
        title=title,
        slug=slug,
        description=f"<p>{text}</p><p><em>Demoproject in {gemeente}. "
        f"{DEMO_NOTE}</em></p>",
        fase=fase,
        start_jaar=start,
        eind_jaar=end,
        contact_naam=f"{first} {last}",
        contact_email=f"{slugify(first)}.{slugify(last).replace('-', '')}"
        f"@{DEMO_MAIL_DOMAIN}",
        locatie=locatie,
        omtrek=omtrek,
        gemeente=place,
        is_demo=True,
    )
    names = set(rng.sample(kind_partners, k=min(len(kind_partners), rng.randint(1, 2))))
    if rng.random() < 0.3:
        names.add(rng.choice(sorted(PARTNERS_ANYWHERE)))
    if gemeente == OWN_MUNICIPALITY:
        names.add(f"Gemeente {OWN_MUNICIPALITY}")
    project.partners.set([partners[n] for n in sorted(names) if n in partners])
    extra = [rng.choice(sorted(themas))] if rng.random() < 0.3 else []
    project.themas.set(
        [themas[n] for n in sorted({*kind_themas, *extra}) if n in themas]
    )
    image_seed = rng.getrandbits(32)
    if rng.random() < 0.4:
        project.afbeeldingen.add(
            ProjectAfbeelding(
                image=_demo_image(random.Random(image_seed), title, kind),
                credit=CREDIT,
                caption=f"{title} (illustratie)",
            )
        )
    return project


def _years(rng, fase):
    if fase == Project.Fase.GEREALISEERD:
        start = rng.randint(2012, 2022)
        return start, min(start + rng.randint(1, 4), 2026)
    if fase == Project.Fase.UITVOERING:
        start = rng.randint(2021, 2025)
        return start, start + rng.randint(1, 3) if rng.random() < 0.6 else None
    if fase == Project.Fase.ONTWERP:
        start = rng.randint(2023, 2026)
        return start, start + rng.randint(2, 4) if rng.random() < 0.4 else None
    return (rng.choice([2025, 2026]) if rng.random() < 0.6 else None), None


def _moderate(project, submitter, moderator, moderation):
    """Submit the project as `submitter`; publish it unless it is to wait or be
    rejected. Published ones skip project_submit's mail to staff (80 mails)."""
    if moderation:
        project_submit(project=project, user=submitter)
        if moderation[0] == REJECTED:
            project_reject(project=project, user=moderator, reason=REJECTION_REASON)
        return
    project.ingediend_door = submitter
    project.live = False
    project.full_clean(exclude=["search"])
    project.save()
    project.save_revision(user=submitter, log_action=True)
    project_publish(project=project, user=moderator)


def _demo_image(rng, title, kind):
    """A small illustrative JPEG: sky, a field, trees, a few houses and a path."""
    width, height = 800, 500
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    horizon = rng.randint(250, 320)
    top = (rng.randint(80, 130), rng.randint(145, 185), rng.randint(210, 240))
    bottom = (228, 236, 244)
    for y in range(horizon):
        t = y / horizon
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    draw.rectangle(
        [0, horizon, width, height],
        fill=(rng.randint(70, 110), rng.randint(140, 170), rng.randint(60, 90)),
    )
    trees = 14 if kind in {"natuur", "water", "landschap", "speel"} else 6
    for _ in range(rng.randint(trees // 2, trees)):
        x, r = rng.randint(0, width), rng.randint(18, 42)
        draw.ellipse(
            [x - r, horizon - 2 * r, x + r, horizon + 4],
            fill=(35, rng.randint(85, 125), 45),
        )
    draw.polygon(
        [(360, height), (470, height), (408, horizon + 20), (398, horizon + 20)],
        fill=(205, 195, 172),
    )
    houses = sorted(
        (horizon + rng.randint(25, 90), rng.randint(30, width - 170))
        for _ in range(rng.randint(1, 2) if trees > 6 else rng.randint(2, 5))
    )
    for base, x in houses:
        w, h = rng.randint(80, 140), rng.randint(60, 110)
        wall = rng.choice(
            [(176, 92, 66), (196, 160, 120), (232, 226, 214), (125, 72, 52)]
        )
        draw.rectangle([x, base - h, x + w, base], fill=wall)
        ridge = base - h - rng.randint(35, 70)
        draw.polygon(
            [(x - 8, base - h), (x + w // 2, ridge), (x + w + 8, base - h)],
            fill=(68, 60, 62),
        )
        draw.rectangle(
            [x + w // 2 - 8, base - 34, x + w // 2 + 8, base], fill=(70, 50, 40)
        )
        for wx in (x + 10, x + w - 26):
            draw.rectangle(
                [wx, base - h + 12, wx + 16, base - h + 30], fill=(200, 220, 235)
            )
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    data = buffer.getvalue()
    image = Image(
        title=f"{title} (demo)",
        file=ImageFile(BytesIO(data), name=f"demo-{slugify(title)[:60]}.jpg"),
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),  # as Wagtail's hash_filelike
    )
    image.save()
    return image


# --- geometry -------------------------------------------------------------------


class _Areas:
    """The municipalities in Lambert 72, shrunk by EDGE metres, cached per load."""

    def __init__(self):
        self.gemeenten = {g.name: g for g in Gemeente.objects.all()}
        self._metric = {}
        self._inner = {}
        self._core = {}

    def nis(self, name):
        return self.gemeenten[name].nis_code

    def metric(self, name):
        if name not in self._metric:
            self._metric[name] = _to_metric(self.gemeenten[name].geom)
        return self._metric[name]

    def inner(self, names):
        key = tuple(sorted(names))
        if key not in self._inner:
            area = self.metric(key[0])
            for name in key[1:]:
                area = area.union(self.metric(name))
            self._inner[key] = area.buffer(-EDGE)
        return self._inner[key]

    def random_point(self, rng, name):
        """A point well inside the municipality (its largest part)."""
        if name not in self._core:
            largest = max(_polygons(self.metric(name)), key=lambda p: p.area)
            self._core[name] = (largest, largest.buffer(-100).prepared)
        largest, core = self._core[name]
        xmin, ymin, xmax, ymax = largest.extent
        for _ in range(200):
            point = Point(rng.uniform(xmin, xmax), rng.uniform(ymin, ymax), srid=METRIC)
            if core.contains(point):
                return point
        return largest.point_on_surface

    def shared_border_point(self, rng, names):
        """A point on the border of the first two, nearest the third if any."""
        first, second, *rest = (self.metric(name) for name in names)
        vertices = _vertices(first.intersection(second))
        if not vertices:
            return self.random_point(rng, names[0])
        if rest:
            vertices.sort(key=lambda xy: rest[0].distance(Point(xy, srid=METRIC)))
            xy = vertices[rng.randint(0, min(3, len(vertices) - 1))]
        else:
            xy = rng.choice(vertices)
        return Point(xy, srid=METRIC)


@functools.cache
def _transformation(source, target):
    """Built once: a SpatialReference costs a look-up in the PROJ database."""
    return CoordTransform(SpatialReference(source), SpatialReference(target))


def _to_metric(geom):
    return geom.transform(_transformation(4326, METRIC), clone=True)


def _to_wgs84(geom):
    return geom.transform(_transformation(METRIC, 4326), clone=True)


def _blob(rng, center, radius):
    """An irregular star-shaped polygon (so always simple) around `center`."""
    n = rng.randint(7, 13)
    step = 2 * math.pi / n
    ring = []
    for i in range(n):
        angle = (i + rng.uniform(-0.3, 0.3)) * step
        r = radius * rng.uniform(0.55, 1.0)
        ring.append((center.x + r * math.cos(angle), center.y + r * math.sin(angle)))
    return Polygon([*ring, ring[0]], srid=METRIC)


def _strip(rng, center, length, width):
    """A strip along a slightly bending street through `center`."""
    angle, bend, half = rng.uniform(0, math.pi), rng.uniform(-0.4, 0.4), length / 2
    line = LineString(
        [
            (center.x - half * math.cos(angle), center.y - half * math.sin(angle)),
            (center.x, center.y),
            (
                center.x + half * math.cos(angle + bend),
                center.y + half * math.sin(angle + bend),
            ),
        ],
        srid=METRIC,
    )
    return line.buffer(width / 2, quadsegs=2)


def _clip(shape, inner):
    """`shape` within `inner`, as a valid MultiPolygon in EPSG:4326 (or None)."""
    return _to_multipolygon(shape.intersection(inner))


def _to_multipolygon(geom):
    polygons = [p for p in _polygons(geom) if p.area > 25]
    if not polygons:
        return None
    multi = MultiPolygon(polygons, srid=METRIC)
    if not multi.valid:
        multi = as_multipolygon(multi.buffer(0))
    multi = _to_wgs84(multi)
    if not multi.valid:
        multi = as_multipolygon(multi.buffer(0))
    return multi


def _is_valid_place(geom):
    try:
        validate_geometry(geom, label="gebied")
    except ValidationError:
        return False
    return isinstance(geom, MultiPolygon)


def _checked(geom, label):
    if geom is None or not _is_valid_place(geom):
        raise RuntimeError(f"Ongeldige geometrie voor {label}.")
    return geom


def _polygons(geom):
    if geom.empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in {"MultiPolygon", "GeometryCollection"}:
        return [p for part in geom for p in _polygons(part)]
    return []


def _vertices(geom):
    if geom.empty:
        return []
    if geom.geom_type == "Point":
        return [geom.coords]
    if geom.geom_type in {"LineString", "LinearRing"}:
        return list(geom.coords)
    return [xy for part in geom for xy in _vertices(part)]


# --- helpers --------------------------------------------------------------------


def _slug(text, gemeente):
    slug = slugify(text)
    place = slugify(gemeente)
    return slug if place in slug else f"{slug}-{place}"


def _enumerate(names):
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"
