import pytest

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
