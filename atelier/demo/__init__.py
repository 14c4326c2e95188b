"""Demo data for the shared core, read from the files beside this module: the real
partnership of the Netwerk Ruimte Kempen and an organisation per municipality
(organisaties.yaml), a demo account per role (accounts.yaml) and the "Over het
Atelier" page (paginas.yaml).

Idempotent: what exists is left as it is (staff edits survive a second `make run`).
`manage.py load_demo` calls `load(stdout)`; a wrong data file raises a
`DemoDataError` that names the file and the record.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from atelier import roles
from atelier.models import (
    ContentPage,
    Gemeente,
    HomePage,
    Lidmaatschap,
    Organisatie,
    User,
)

from .records import DemoDataError, DemoFolder, publish_page

__all__ = ["DemoDataError", "describe_accounts", "load"]

DEMO = DemoFolder(__file__)


@transaction.atomic
def load(stdout):
    _load_organisaties()
    accounts = _load_accounts()
    _load_pages()
    stdout.write(
        f"Atelier: {Organisatie.objects.count()} organisaties, "
        f"{len(accounts)} demo-accounts"
    )


def _load_organisaties():
    data = DEMO.read("organisaties.yaml")
    data.check_keys(required={"partners", "gemeenten"})
    for record in data.parts("partners"):
        record.check_keys(
            required={"name", "kind"}, optional={"website", "description"}
        )
        slug = slugify(record.text("name"))
        if Organisatie.objects.filter(slug=slug).exists():
            continue
        organisatie = Organisatie(
            name=record["name"],
            slug=slug,
            kind=record["kind"],
            website=record.text("website"),
            description=record.text("description"),
            partnerschap=True,
        )
        with record.checking():
            organisatie.full_clean()
        organisatie.save()
    gemeenten = {g.name: g for g in Gemeente.objects.all()}
    for record in data.parts("gemeenten"):
        record.check_keys(
            required={"name", "gemeente"}, optional={"partnerschap", "contactpersoon"}
        )
        gemeente = record.lookup(gemeenten, record["gemeente"], "gemeente")
        if Organisatie.objects.filter(gemeente=gemeente).exists():
            continue
        organisatie = Organisatie(
            name=record["name"],
            slug=slugify(record.text("name")),
            kind=Organisatie.Kind.GEMEENTE,
            gemeente=gemeente,
            partnerschap=record.get("partnerschap", False),
            contactpersoon=record.get("contactpersoon", ""),
        )
        with record.checking():
            organisatie.full_clean()
        organisatie.save()


def _accounts():
    data = DEMO.read("accounts.yaml")
    data.check_keys(required={"password", "accounts"})
    records = data.parts("accounts")
    for record in records:
        record.check_keys(
            required={"username", "first_name", "last_name", "email", "roles"},
            optional={"superuser", "memberships"},
        )
        for role in record.list("roles"):
            if role not in roles.ALL:
                raise record.error(
                    f"onbekende rol '{role}' (bekend: {', '.join(roles.ALL)})"
                )
    return data.text("password"), records


def _load_accounts():
    password, records = _accounts()
    organisaties = {o.name: o for o in Organisatie.objects.all()}
    users = []
    for record in records:
        user = User.objects.filter(username=record["username"]).first()
        if user is None:
            user = _create_account(record, password, organisaties)
        users.append(user)
    return users


def _create_account(record, password, organisaties):
    superuser = bool(record.get("superuser", False))
    user = User(
        username=record["username"],
        first_name=record["first_name"],
        last_name=record["last_name"],
        email=record["email"],
        is_superuser=superuser,
        is_staff=superuser,
    )
    user.set_password(password)
    with record.checking():
        user.full_clean()
    user.save()
    user.groups.set(Group.objects.filter(name__in=record.list("roles")))
    for membership in record.parts("memberships"):
        membership.check_keys(required={"organisatie"}, optional={"functie"})
        lidmaatschap = Lidmaatschap(
            user=user,
            organisatie=membership.lookup(
                organisaties, membership["organisatie"], "organisatie"
            ),
            functie=membership.text("functie"),
        )
        with membership.checking():
            lidmaatschap.full_clean()
        lidmaatschap.save()
    return user


def _load_pages():
    home = HomePage.objects.first()
    if home is None:
        return
    data = DEMO.read("paginas.yaml")
    data.check_keys(required={"paginas"})
    for record in data.parts("paginas"):
        record.check_keys(
            required={"slug", "title"}, optional={"intro", "body", "show_in_menus"}
        )
        if ContentPage.objects.filter(slug=record["slug"]).exists():
            continue
        page = ContentPage(
            title=record["title"],
            slug=record["slug"],
            intro=record.text("intro"),
            body=record.text("body"),
            show_in_menus=bool(record.get("show_in_menus", False)),
        )
        publish_page(page, parent=home, record=record)


def describe_accounts():
    """One line per demo account, for `make run` to print."""
    password, records = _accounts()
    lines = [f"Demo-accounts (wachtwoord: {password}):"]
    for record in records:
        orgs = ", ".join(m["organisatie"] for m in record.list("memberships"))
        lines.append(
            f"  {record['username']:<10} {' + '.join(record['roles']):<40} {orgs}"
        )
    return "\n".join(lines)
