import shutil
import sys
from contextlib import contextmanager
from importlib import import_module
from importlib.abc import MetaPathFinder
from io import StringIO

import pytest
import yaml
from django.core import mail
from django.core.management import call_command
from django.db import connection

from atelier import roles
from atelier.models import Gemeente
from tests.atelier.factories import UserFactory


@pytest.fixture
def turnhout(db):
    return Gemeente.objects.get(slug="turnhout")


@pytest.fixture
def gemeente_medewerker(db, turnhout):
    """An official of Turnhout."""
    return UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)


@pytest.fixture
def partner(db):
    return UserFactory(roles=[roles.PARTNER])


@pytest.fixture
def expert(db):
    return UserFactory(roles=[roles.KWALITEITSKAMER_LID])


@pytest.fixture
def iok_medewerker(db):
    return UserFactory(roles=[roles.IOK_MEDEWERKER])


@pytest.fixture
def beheerder(db):
    return UserFactory(roles=[roles.BEHEERDER])


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


DEMO_SUFFIX = "demo"  # the demo's own database: <test database>_demo
NOT_AT_RUN_TIME = ("docx", "fpdf")  # dev tools that regenerate the demo's files


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the session into a database of its own: a
    copy of the freshly migrated test database, dropped at the end. No other test
    sees the demo, and the browser tests' flushes never touch it. While it loads,
    python-docx and fpdf2 cannot be imported (they only regenerate the committed
    files) and sent mail is caught."""
    creation = connection.creation
    name = creation.get_test_db_clone_settings(DEMO_SUFFIX)["NAME"]
    report = {"database": name, "refused_imports": [], "error": None}
    with django_db_blocker.unblock():
        try:  # CREATE DATABASE … TEMPLATE: Django closes its connection first
            creation.clone_test_db(suffix=DEMO_SUFFIX, verbosity=0)
        except SystemExit as failure:  # Django's way to say it failed
            raise RuntimeError(f"Could not copy the test database to {name}.") from (
                failure
            )
        with _database(name), _refused_imports(report["refused_imports"]):
            out = StringIO()
            mail.outbox = []
            try:
                call_command("load_demo", stdout=out)
            except Exception as error:  # reported by the `demo` fixture
                report["error"] = error
            report["output"] = out.getvalue()
            report["mails"] = len(mail.outbox)
    try:
        yield report
    finally:
        with django_db_blocker.unblock():
            creation.destroy_test_db(verbosity=0, suffix=DEMO_SUFFIX)


@pytest.fixture(scope="module")
def demo(demo_database):
    """Run a test module against the demo's database (see `demo_database`); each test
    runs in a transaction rolled back after it, as usual."""
    if demo_database["error"] is not None:
        raise demo_database["error"]
    with _database(demo_database["database"]):
        yield demo_database


@contextmanager
def _database(name):
    """Point the default connection at the database `name` for a while."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@contextmanager
def _refused_imports(attempts):
    """Make NOT_AT_RUN_TIME unimportable for a while (even when a test imported them
    before), recording each attempt."""

    class Refuse(MetaPathFinder):
        def find_spec(self, fullname, path=None, target=None):
            if fullname.partition(".")[0] in NOT_AT_RUN_TIME:
                attempts.append(fullname)
                raise ImportError(f"{fullname} is a dev tool, not for loading the demo")
            return None

    stashed = {
        name: sys.modules.pop(name)
        for name in list(sys.modules)
        if name.partition(".")[0] in NOT_AT_RUN_TIME
    }
    finder = Refuse()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        sys.modules.update(stashed)


class DemoFiles:
    """Copies of the apps' demo data files, for a test to break."""

    def __init__(self, tmp_path, monkeypatch):
        self.tmp_path = tmp_path
        self.monkeypatch = monkeypatch

    def copy(self, app):
        """Copy `<app>/demo`'s data files; the app's loader reads the copy during the
        test. Returns the copy's folder."""
        from atelier.demo.records import DemoFolder

        module = import_module(f"{app}.demo")
        folder = self.tmp_path / app
        shutil.copytree(
            module.DEMO.path, folder, ignore=shutil.ignore_patterns("*.py*")
        )
        self.monkeypatch.setattr(module, "DEMO", DemoFolder(folder / "__init__.py"))
        return folder

    def edit(self, path, change):
        """Rewrite the YAML file `path` with `change(data)` applied to its data."""
        from atelier.demo.records import YAML_LOADER

        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        change(data)
        path.write_text(
            yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True), encoding="utf-8"
        )


YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@pytest.fixture
def demo_files(tmp_path, monkeypatch):
    return DemoFiles(tmp_path, monkeypatch)


@pytest.fixture
def site_pages(db):
    """One of every public page with a map or a form, and their URLs: the pages a
    policy over the whole site (the Content-Security-Policy) is tried on."""
    from datetime import date

    from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory, inside
    from tests.modeldocumenten.factories import (
        InspirationPageFactory,
        library,
        model_document,
    )
    from tests.netwerk.factories import BijeenkomstFactory

    project = ProjectFactory(title="Speelbos aan de Aa")
    instrument = InstrumentFactory(name="RUP Stationsomgeving")
    library().save_revision().publish()
    document = model_document(
        "Verordening speelruimte",
        themas=["kernversterking"],
        adopties=[(Gemeente.objects.get(slug="mol"), date(2024, 3, 1))],
    )
    story = InspirationPageFactory(
        title="Spelen in de kern",
        body=[("projects", {"heading": "Op de kaart", "projects": [project]})],
    )
    gathering = BijeenkomstFactory(
        title="Studiedag pleinen", inschrijven=True, punt=inside("geel")
    )
    return [
        "/",
        "/gemeenten/",
        "/gemeenten/turnhout/",
        "/kaart/",
        project.get_absolute_url(),
        instrument.get_absolute_url(),
        "/modeldocumenten/",
        document.url,
        "/inspiratie/",
        story.url,
        "/zoeken/?q=speelbos",
        "/agenda/",
        "/agenda/maand/",
        gathering.get_absolute_url(),
        "/account/aanmelden/",
        "/api/docs/",
    ]


@pytest.fixture(scope="session", autouse=True)
def migrated_data(django_db_setup, django_db_blocker):
    """What the migrations put in the test database (municipalities, home page,
    roles, workflows), serialized once at the start of the session (of each xdist
    worker): tests that commit (live server, threads, other processes) start again
    from it through `migrated_rows`. Django's serialized rollback does not hold here:
    the flush after a transactional test recreates post_migrate rows it then
    duplicates."""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


def restore_migrated_data(data):
    """Empty every table (without the rows a plain flush recreates after it), put
    back exactly what the migrations made, and move the sequences past those rows."""
    from django.apps import apps
    from django.core.management.color import no_style

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(data)
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture
def migrated_rows(migrated_data, transactional_db):
    """A transactional test (committed data) that starts from the migrated rows,
    whatever ran before it."""
    restore_migrated_data(migrated_data)
