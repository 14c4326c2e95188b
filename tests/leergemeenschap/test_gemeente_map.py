"""The municipality's map shows the learning cases located in it, each only for whom
may see it (leergemeenschap.maps, a MapLayer of the plug-in contract)."""

import json
import re

import pytest

from leergemeenschap.models import Case
from tests.atelier.factories import OrganisatieFactory
from tests.kempenkaart.factories import inside

from .factories import traject

pytestmark = pytest.mark.django_db


def cases_on_map(client):
    html = client.get("/gemeenten/turnhout/").content.decode()
    found = re.search(
        r'<script id="gemeente-lagen" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    layer = next(
        x for x in json.loads(found.group(1)) if x["label"].startswith("Cases")
    )
    return {
        f["properties"]["naam"]: f["properties"]["url"]
        for f in layer["features"]["features"]
    }


def test_public_cases_for_everyone_the_others_for_staff(client, iok_medewerker):
    t = traject(slug="kernen")
    organisatie = OrganisatieFactory()
    for title, openbaar, slug in [
        ("Open plein", True, "turnhout"),
        ("Besloten case", False, "turnhout"),
        ("Elders", True, "geel"),
    ]:
        Case.objects.create(
            traject=t,
            organisatie=organisatie,
            title=title,
            beschrijving="…",
            punt=inside(slug),
            openbaar=openbaar,
        )
    assert cases_on_map(client) == {"Open plein": "/leergemeenschap/kernen/"}
    client.force_login(iok_medewerker)
    assert set(cases_on_map(client)) == {"Open plein", "Besloten case"}
