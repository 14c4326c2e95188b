"""Demo data for the shared core: the real partnership of the Netwerk Ruimte Kempen
(from the KRAK seed document), an organisation per municipality, an "Over het Atelier"
page and a demo account per role.

Idempotent: what exists is left as it is (staff edits survive a second `make run`).
"""

from typing import NamedTuple

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from . import roles
from .models import ContentPage, Gemeente, HomePage, Lidmaatschap, Organisatie, User

DEMO_PASSWORD = "atelier-demo"

PARTNERS = [
    # name, kind, website, description
    (
        "IOK",
        Organisatie.Kind.KERNPARTNER,
        "https://www.iok.be",
        "Intergemeentelijke samenwerking van de Kempen. Trekker van het Atelier Ruimte "
        "Kempen (Plangroep).",
    ),
    (
        "AR-TUR",
        Organisatie.Kind.KERNPARTNER,
        "https://www.ar-tur.be",
        "Kenniscentrum voor architectuur en ruimtelijke kwaliteit in de Kempen.",
    ),
    (
        "Provincie Antwerpen",
        Organisatie.Kind.KERNPARTNER,
        "https://www.provincieantwerpen.be",
        "Vertaalt de provinciale ruimtelijke beleidsvisie mee tot op lokaal niveau.",
    ),
    (
        "RURANT",
        Organisatie.Kind.KERNPARTNER,
        "https://www.rurant.be",
        "Ruraal netwerk van de provincie Antwerpen: leefbaarheid en dorpsontwikkeling.",
    ),
    (
        "Regionaal Landschap Kleine en Grote Nete",
        Organisatie.Kind.KERNPARTNER,
        "https://www.rlkgn.be",
        "Natuur, landschap en erfgoed in de Kempen, inclusief de erfgoedcellen.",
    ),
    (
        "Vanhout.pro",
        Organisatie.Kind.EXPERT,
        "",
        "Studiebureau; expert in het Netwerk Ruimte Kempen.",
    ),
]
CITIES = {"Geel", "Herentals", "Hoogstraten", "Turnhout"}  # "stad", not "gemeente"
PARTNER_GEMEENTEN = {"Vosselaar"}  # municipalities in the partnership (seed document)


class DemoAccount(NamedTuple):
    username: str
    first_name: str
    last_name: str
    groups: list[str]
    memberships: list[tuple[str, str]]  # (organisation, function)
    superuser: bool = False


ACCOUNTS = [
    DemoAccount(
        "beheerder",
        "Bea",
        "Beheer",
        [roles.BEHEERDER],
        [("IOK", "Beheerder portaal")],
        superuser=True,
    ),
    DemoAccount(
        "iok",
        "Ine",
        "Peeters",
        [roles.IOK_MEDEWERKER],
        [("IOK", "Ruimtelijk planner, Plangroep")],
    ),
    DemoAccount(
        "gemeente",
        "Gert",
        "Janssens",
        [roles.GEMEENTE_MEDEWERKER],
        [("Gemeente Vosselaar", "Omgevingsambtenaar")],
    ),
    DemoAccount(
        "partner", "Pieter", "Claes", [roles.PARTNER], [("RURANT", "Projectmedewerker")]
    ),
    DemoAccount(
        "expert",
        "Eva",
        "Vanhout",
        [roles.KWALITEITSKAMER_LID],
        [("Vanhout.pro", "Architect-stedenbouwkundige")],
    ),
    # A person can act for a municipality and for a partner at once.
    DemoAccount(
        "duo",
        "Dirk",
        "Mertens",
        [roles.GEMEENTE_MEDEWERKER, roles.PARTNER],
        [
            ("Stad Turnhout", "Stedenbouwkundige"),
            ("Regionaal Landschap Kleine en Grote Nete", "Vrijwillig gids"),
        ],
    ),
]

ABOUT_BODY = """
<h2>Doel</h2>
<p>Een samenwerkingsmodel met partners en experten uitbouwen om de ruimtelijke kwaliteit en
duurzaamheid van de Kempense dorpen en steden te versterken, met behoud van identiteit:
samenwerken, agenderen, inspireren, experimenteren, implementeren in lokaal beleid,
reflecteren, steeds weer terugkoppelen.</p>
<h2>Netwerk Ruimte Kempen</h2>
<p>IOK, Provincie Antwerpen, RURANT, Regionaal Landschap Kleine en Grote Nete (incl.
erfgoedcellen) en AR-TUR werken samen als Netwerk Ruimte Kempen. In een periodiek overleg
tussen de kernpartners houden ze zicht op elkaars activiteiten en detecteren ze kansen tot
samenwerking. Thematisch overleg met andere partners en experten volgt specifieke
ruimtelijke thema's. Elke partner behoudt zijn eigen werking, producten en activiteiten.</p>
<h2>Atelier Ruimte Kempen</h2>
<p>Een project van IOK (Plangroep) voor 29 gemeenten in de Kempen. Het Atelier informeert
en inspireert, en reikt concrete tools en instrumenten aan die onmiddellijk inzetbaar zijn
in het lokale beleid, met een doorvertaling van de Vlaamse en provinciale ruimtelijke
beleidsvisie tot op lokaal en projectniveau: modeldocumenten, informatie en inspiratie,
de Kempenkaart, studiedagen en workshops, de kwaliteitskamer en maatwerk.</p>
<h2>We zijn tevreden als …</h2>
<ul>
<li>er een complementaire samenwerking is tussen alle actoren die bijdragen aan
kwalitatieve, duurzame, gezonde ruimtelijke ontwikkelingen: natuur en landschap,
architectuur, erfgoed, woonkwaliteit, duurzaamheid, zorg, gezondheid, mobiliteit,
participatie, …</li>
<li>de digitale interface van het Atelier een sterk gewaardeerd platform is en een
'handlanger' wordt van de gemeentelijke diensten en het lokale ruimtelijke beleid;</li>
<li>de Kempense ruimtelijke kwaliteit en identiteit behouden blijft en versterkt wordt
waar nodig, zowel in de dorps- en stadskernen als in de open ruimte.</li>
</ul>
<h2>Tijdslijn</h2>
<ul>
<li>2020: formaliseren partnerschap Netwerk Ruimte Kempen</li>
<li>2021: lancering Atelier Ruimte Kempen</li>
<li>2022-…: Atelier Open Ruimte en Netwerk Open Ruimte op kruissnelheid</li>
</ul>
<h2>Partnerschap</h2>
<p>IOK, AR-TUR, Provincie Antwerpen, RURANT, Regionaal Landschap Kleine en Grote Nete,
gemeente Vosselaar, Vanhout.pro (verder uit te breiden). IOK neemt de trekkersrol op.</p>
"""


@transaction.atomic
def load(stdout):
    organisaties = _load_organisaties()
    users = _load_accounts(organisaties)
    _load_about_page()
    stdout.write(
        f"Atelier: {Organisatie.objects.count()} organisaties, {len(users)} demo-accounts"
    )


def _load_organisaties():
    for name, kind, website, description in PARTNERS:
        Organisatie.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "website": website,
                "description": f"<p>{description}</p>",
                "partnerschap": True,
            },
        )
    for gemeente in Gemeente.objects.all():
        prefix = "Stad" if gemeente.name in CITIES else "Gemeente"
        name = f"{prefix} {gemeente.name}"
        Organisatie.objects.get_or_create(
            gemeente=gemeente,
            defaults={
                "name": name,
                "slug": slugify(name),
                "kind": Organisatie.Kind.GEMEENTE,
                "partnerschap": gemeente.name in PARTNER_GEMEENTEN,
            },
        )
    return {o.name: o for o in Organisatie.objects.all()}


def _load_accounts(organisaties):
    users = []
    for account in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@demo.atelierruimtekempen.be",
                "is_superuser": account.superuser,
                "is_staff": account.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.set(Group.objects.filter(name__in=account.groups))
            for organisatie_name, functie in account.memberships:
                Lidmaatschap.objects.get_or_create(
                    user=user,
                    organisatie=organisaties[organisatie_name],
                    defaults={"functie": functie},
                )
        users.append(user)
    return users


def _load_about_page():
    home = HomePage.objects.first()
    if home is None or ContentPage.objects.filter(slug="over-het-atelier").exists():
        return
    page = ContentPage(
        title="Over het Atelier",
        slug="over-het-atelier",
        intro="Atelier Ruimte Kempen en het Netwerk Ruimte Kempen: samen werken aan "
        "ruimtelijke kwaliteit in de Kempen.",
        body=ABOUT_BODY,
        show_in_menus=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()


def describe_accounts():
    """One line per demo account, for `make run` to print."""
    lines = [f"Demo-accounts (wachtwoord: {DEMO_PASSWORD}):"]
    for account in ACCOUNTS:
        orgs = ", ".join(name for name, _ in account.memberships)
        lines.append(
            f"  {account.username:<10} {' + '.join(account.groups):<40} {orgs}"
        )
    return "\n".join(lines)
