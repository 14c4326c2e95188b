"""A municipality's page maps its projects and instruments (the Kempenkaart's
map_layers), each only for whom may see it."""

import json
import re

import pytest

from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def map_layers(response):
    found = re.search(
        r'<script id="gemeente-lagen" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return {
        layer["label"]: {
            f["properties"]["naam"]: f["properties"]["url"]
            for f in layer["features"]["features"]
        }
        for layer in json.loads(found.group(1))
    }


def test_the_municipality_map_shows_its_projects_and_instruments(client, partner):
    ProjectFactory(title="Dorpsplein", in_gemeente="turnhout")
    ProjectFactory(title="Elders", in_gemeente="geel")
    ProjectFactory(title="Nog te modereren", live=False, ingediend_door=partner)
    InstrumentFactory(name="RUP Centrum")

    layers = map_layers(client.get("/gemeenten/turnhout/"))
    assert layers["Projecten"] == {"Dorpsplein": "/kaart/projecten/dorpsplein/"}
    assert layers["Instrumenten"] == {"RUP Centrum": "/kaart/instrumenten/rup-centrum/"}

    # The submitter sees their own project waiting for moderation; others do not.
    client.force_login(partner)
    assert (
        "Nog te modereren"
        in map_layers(client.get("/gemeenten/turnhout/"))["Projecten"]
    )
