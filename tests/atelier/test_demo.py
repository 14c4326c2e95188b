from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from atelier import demo as atelier_demo
from atelier import roles
from atelier.models import Gemeente, Lidmaatschap, Organisatie, User

pytestmark = pytest.mark.django_db


def load_demo():
    """The shared core's demo only (each app's demo has its own tests)."""
    out = StringIO()
    atelier_demo.load(out)
    return out.getvalue()


def counts():
    return (
        Organisatie.objects.count(),
        User.objects.count(),
        Lidmaatschap.objects.count(),
        Page.objects.count(),
        Gemeente.objects.count(),
    )


def test_demo_data_holds_the_real_partnership_and_an_account_per_role():
    load_demo()
    partners = set(Organisatie.objects.in_partnerschap().values_list("name", flat=True))
    assert partners == {
        "IOK",
        "AR-TUR",
        "Provincie Antwerpen",
        "RURANT",
        "Regionaal Landschap Kleine en Grote Nete",
        "Gemeente Vosselaar",
        "Vanhout.pro",
    }
    assert Organisatie.objects.filter(kind=Organisatie.Kind.GEMEENTE).count() == 29
    for role in roles.ALL:
        assert User.objects.filter(groups__name=role).exists(), role
    duo = User.objects.get(username="duo")
    assert duo.organisaties.count() == 2
    assert list(Gemeente.objects.for_user(duo).values_list("slug", flat=True)) == [
        "turnhout"
    ]
    assert User.objects.get(username="iok").check_password("atelier-demo")


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    before = counts()
    load_demo()
    assert counts() == before


def test_demo_keeps_what_staff_changed():
    load_demo()
    Organisatie.objects.filter(name="IOK").update(website="https://example.be/iok")
    load_demo()
    assert Organisatie.objects.get(name="IOK").website == "https://example.be/iok"


def test_demo_accounts_are_printed():
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "atelier-demo" in out.getvalue()
    assert "iok" in out.getvalue()


def test_load_demo_runs_every_apps_demo(demo):
    output = demo["output"]
    for part in ("Atelier:", "Kempenkaart:", "Modeldocumenten:", "Inspiratie:"):
        assert part in output


def test_loading_the_demo_sends_no_mail(demo):
    assert demo["mails"] == 0  # demo submissions and publications mail nobody
