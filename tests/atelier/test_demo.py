"""The demo as a whole (`manage.py load_demo`) and the core's part of it. The demo is
loaded once per session into a database of its own (`demo` in tests/conftest.py);
each test runs there in a transaction rolled back after it."""

import re
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from atelier import roles
from atelier.demo import DEMO
from atelier.demo.records import DemoDataError
from atelier.models import Gemeente, Organisatie, User
from kempenkaart.models import Instrument, Project
from modeldocumenten.models import ModelDocumentPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ACCOUNTS = yaml.safe_load((DEMO.path / "accounts.yaml").read_text())


def database_state():
    """{table: (rows, md5 of all its rows)} for every table of the database."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                f"ORDER BY t::text), '')) FROM {quoted} t"
            )
            state[table] = cursor.fetchone()
    return state


def stored_files():
    return sorted(str(p) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_load_demo_runs_the_demo_of_every_app(demo):
    for part in ("Atelier:", "Kempenkaart:", "Inspiratie:", "Modeldocumenten:"):
        assert part in demo["output"]
    assert demo["output"].rstrip().endswith("Demogegevens geladen.")


def test_loading_the_demo_sends_no_mail(demo):
    # Submissions and publications mail after the commit; the load commits for real.
    assert Project.objects.filter(is_demo=True, ingediend_door__isnull=False).exists()
    assert demo["mails"] == 0


def test_loading_the_demo_imports_neither_docx_nor_fpdf(demo):
    # They were unimportable while the demo loaded: any attempt is recorded.
    assert demo["refused_imports"] == []
    assert ModelDocumentPage.objects.exists()


def test_loading_the_demo_again_changes_nothing():
    before, files = database_state(), stored_files()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert database_state() == before
    assert stored_files() == files
    # kempenkaart, inspiratie, documenten and the apps after them: nothing new
    assert out.getvalue().count("; 0 nieuw") >= 3
    assert not re.search(r"; [1-9]\d* nieuw", out.getvalue())


def test_loading_the_demo_again_keeps_what_staff_changed():
    Organisatie.objects.filter(name="IOK").update(website="https://example.be/iok")
    User.objects.filter(username="iok").update(first_name="Ingrid")
    Instrument.objects.filter(slug="rup-centrum-arendonk").update(description="Nieuw.")
    Project.objects.filter(slug="speelbos-beerse").update(title="Speelbos Beerse-Zuid")
    ModelDocumentPage.objects.filter(slug="visienota-kernversterking").update(
        summary="Bijgewerkt."
    )
    call_command("load_demo", stdout=StringIO())
    assert Organisatie.objects.get(name="IOK").website == "https://example.be/iok"
    assert User.objects.get(username="iok").first_name == "Ingrid"
    assert Instrument.objects.get(slug="rup-centrum-arendonk").description == "Nieuw."
    assert Project.objects.get(slug="speelbos-beerse").title == "Speelbos Beerse-Zuid"
    page = ModelDocumentPage.objects.get(slug="visienota-kernversterking")
    assert page.summary == "Bijgewerkt."


def test_the_demo_holds_the_real_partnership():
    # The partnership of the seed document KRAK.
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
    assert not Gemeente.objects.filter(organisatie__isnull=True).exists()


def test_every_role_has_a_demo_account_that_signs_in():
    for role in roles.ALL:
        assert User.objects.filter(groups__name=role).exists(), role
    for account in ACCOUNTS["accounts"]:
        user = User.objects.get(username=account["username"])
        assert user.check_password(ACCOUNTS["password"]), user
        assert set(user.groups.values_list("name", flat=True)) == set(account["roles"])
    duo = User.objects.get(username="duo")
    assert list(Gemeente.objects.for_user(duo).values_list("slug", flat=True)) == [
        "turnhout"
    ]


def test_demo_accounts_are_printed():
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert f"wachtwoord: {ACCOUNTS['password']}" in out.getvalue()
    for account in ACCOUNTS["accounts"]:
        assert f"  {account['username']} " in out.getvalue()


# --- a wrong data file ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("paginas: [", "paginas.yaml: geen geldige YAML"),
        ("- a\n- b\n", "paginas.yaml: verwacht een mapping bovenaan"),
        ("paginas: {slug: a}\n", "paginas.yaml: 'paginas' moet een lijst zijn"),
        ("paginas: [over]\n", "paginas.yaml, paginas[1]: verwacht een mapping"),
        (
            "paginas:\n  - {slug: a}\n  - {slug: b}\n  - {slug: a}\n",
            "paginas.yaml, paginas[3] (a): de slug komt al voor in paginas[1]",
        ),
        (
            "paginas:\n  - {slug: nieuw, titel: Nieuw}\n",
            "paginas[1] (nieuw): ontbrekende sleutel(s): title",
        ),
    ],
)
def test_a_wrong_data_file_is_named_with_its_record(demo_files, text, message):
    folder = demo_files.copy("atelier")
    (folder / "paginas.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=StringIO())
    assert message in str(error.value)


def test_an_unknown_key_is_refused_with_the_keys_allowed(demo_files):
    folder = demo_files.copy("atelier")
    demo_files.edit(
        folder / "accounts.yaml",
        lambda data: data["accounts"][0].update(rol=roles.BEHEERDER),
    )
    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=StringIO())
    assert "accounts.yaml, accounts[1]: onbekende sleutel(s): rol (toegelaten: " in (
        str(error.value)
    )


def test_what_the_model_refuses_is_named_with_its_record(demo_files):
    folder = demo_files.copy("atelier")
    account = {
        "username": "nieuw",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "geen e-mailadres",
        "roles": [roles.PARTNER],
    }
    demo_files.edit(
        folder / "accounts.yaml", lambda data: data["accounts"].append(account)
    )
    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=StringIO())
    assert "atelier/accounts.yaml, accounts[7]: email: " in str(error.value)
    assert not User.objects.filter(username="nieuw").exists()


def test_an_unknown_role_is_refused(demo_files):
    folder = demo_files.copy("atelier")
    demo_files.edit(
        folder / "accounts.yaml",
        lambda data: data["accounts"][0].update(roles=["Webmaster"]),
    )
    with pytest.raises(
        DemoDataError, match=r"accounts\[1\]: onbekende rol 'Webmaster'"
    ):
        call_command("demo_accounts", stdout=StringIO())
