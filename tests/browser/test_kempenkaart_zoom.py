"""The Kempenkaart with thousands of features: zoomed out, clusters whose counts add up
to the whole selection; a click on a cluster zooms in, down to the features."""

import random

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from atelier.models import Gemeente
from kempenkaart.models import Instrument, Project
from tests.browser import test_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

watched = test_csp.watched  # the page, recording every CSP violation (a fixture)
PROJECTS = 3000
INSTRUMENTS = 1500


def little_square(centre):
    """Some 60 m across, drawn in degrees (no reprojection: thousands are made)."""
    dx, dy = 0.0004, 0.00027
    x, y = centre.x, centre.y
    return MultiPolygon(Polygon.from_bbox((x - dx, y - dy, x + dx, y + dy)), srid=4326)


def generate():
    """Features spread at random (seeded) over the middle of the Kempen."""
    rng = random.Random(13)
    west, south, east, north = Gemeente.objects.get(slug="geel").geom.extent
    west, east = west - 0.25, east + 0.25
    turnhout = Gemeente.objects.get(slug="turnhout")

    def spot():
        return Point(rng.uniform(west, east), rng.uniform(south, north), srid=4326)

    Project.objects.bulk_create(
        Project(
            title=f"Gegenereerd project {i}",
            slug=f"gegenereerd-project-{i}",
            fase=rng.choice(Project.Fase.values),
            locatie=spot(),
            gemeente=turnhout,
            live=True,
        )
        for i in range(PROJECTS)
    )
    Instrument.objects.bulk_create(
        Instrument(
            name=f"Gegenereerd instrument {i}",
            slug=f"gegenereerd-instrument-{i}",
            soort="bpa",
            geom=little_square(spot()),
        )
        for i in range(INSTRUMENTS)
    )


# Where on the page the project cluster nearest the map's centre is (or null).
NEAREST_CLUSTER = """() => {
    const box = document.getElementById('kempenkaart').getBoundingClientRect();
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    let best = null, distance = Infinity;
    for (const el of document.querySelectorAll('.kaart-cluster--projecten')) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        const d = Math.hypot(x - cx, y - cy);
        if (d < distance) { distance = d; best = [x, y]; }
    }
    return best;
}"""


def counts(page, kind):
    return [
        int(t) for t in page.locator(f".kaart-cluster--{kind} span").all_inner_texts()
    ]


def test_zoomed_out_clusters_count_everything_and_zooming_in_shows_features(
    live_server, watched
):
    page = watched  # every CSP violation recorded
    generate()
    page.goto(live_server.url + "/kaart/")
    page.locator(".kaart-cluster--projecten").first.wait_for()
    page.locator(".kaart-cluster--instrumenten").first.wait_for()
    headings = page.locator("#resultaten-lijst h3").all_inner_texts()
    assert headings == [f"{PROJECTS} projecten", f"{INSTRUMENTS} instrumenten"]
    projects, instruments = counts(page, "projecten"), counts(page, "instrumenten")
    assert sum(projects) == PROJECTS and len(projects) > 1
    assert sum(instruments) == INSTRUMENTS and len(instruments) > 1

    # A click on a cluster zooms in on what it counts, until the features show.
    for _ in range(6):
        target = page.evaluate(NEAREST_CLUSTER)
        if target is None:
            break
        drawn = page.locator("#kempenkaart").get_attribute("data-view")
        page.mouse.click(*target)
        page.wait_for_function(
            "(drawn) => document.getElementById('kempenkaart').dataset.view !== drawn",
            arg=drawn,
        )
    assert page.locator(".kaart-cluster--projecten").count() == 0
    items = page.locator("#resultaten-lijst li a").all_inner_texts()
    assert items and all(t.startswith("Gegenereerd") for t in items)
    zoom = page.evaluate("() => window.atelier.maps.kempenkaart.getZoom()")
    assert zoom >= 12
    assert test_csp.violations(page) == []
