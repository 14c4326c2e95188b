import time
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

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


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the whole demo (every app) once for a test module, inside a transaction rolled back at the
    end; each test runs in a savepoint within it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            mail.outbox = []
            started = time.perf_counter()
            call_command("load_demo", stdout=out)
            yield {
                "output": out.getvalue(),
                "seconds": time.perf_counter() - started,
                "mails": len(mail.outbox),
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def site_pages(db):
    """One of every public page with a map or a form, and their URLs: the pages a
    policy over the whole site (the Content-Security-Policy) is tried on."""
    from datetime import date

    from atelier.models import HomePage
    from modeldocumenten.models import InspirationIndexPage, InspirationPage
    from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory
    from tests.modeldocumenten.factories import library, model_document

    project = ProjectFactory(title="Speelbos aan de Aa")
    instrument = InstrumentFactory(name="RUP Stationsomgeving")
    library().save_revision().publish()
    document = model_document(
        "Verordening speelruimte",
        themas=["kernversterking"],
        adopties=[(Gemeente.objects.get(slug="mol"), date(2024, 3, 1))],
    )
    inspiratie = InspirationIndexPage(title="Inspiratie", slug="inspiratie")
    HomePage.objects.get().add_child(instance=inspiratie)
    inspiratie.save_revision().publish()
    story = InspirationPage(
        title="Spelen in de kern",
        slug="spelen-in-de-kern",
        intro="Over spelen.",
        body=[("projects", {"heading": "Op de kaart", "projects": [project]})],
    )
    inspiratie.add_child(instance=story)
    story.save_revision().publish()
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
        "/account/aanmelden/",
        "/api/docs/",
    ]
