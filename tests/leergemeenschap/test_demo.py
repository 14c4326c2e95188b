"""The learning community's demo, on the demo database (tests/conftest.py)."""

import pytest
from django.utils import timezone

from leergemeenschap import demo as demo_module
from leergemeenschap import services
from leergemeenschap.models import Evaluatie, Hefboom, Inschrijving, Traject

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

SEED = "levendige-kernen-vlaams-brabant"
QUESTIONS = [
    "Hoe kan u het lokaal grondbeleid een nieuwe wending geven en meer afstemmen op "
    "het openbaar vervoersnetwerk?",
    "Hoe kan u in uw gemeente de regie van de ruimtelijke ontwikkeling voor meer "
    "kernversterking beter in handen houden?",
    "Hoe kan u op een rendabele manier kernen ook 100% energieneutraal maken via "
    "lokaal hernieuwbare energiebronnen?",
]


def test_the_seed_trajectory(client):
    traject = Traject.objects.get(slug=SEED)
    assert [h.vraag for h in traject.hefbomen.all()] == QUESTIONS
    deadlines = [
        timezone.localtime(h.inschrijven_tot).date().isoformat()
        for h in traject.hefbomen.all()
    ]
    assert deadlines == ["2015-08-31", "2015-08-31", "2015-11-30"]
    assert timezone.localtime(traject.startdag.start).date().isoformat() == (
        "2015-06-22"
    )
    assert [f.soort for f in traject.fasen.order_by("begin", "id")] == [
        "voorbereiding",
        "start",
        "lokale-input",
        "planning",
        "werksessies",
        "output",
    ]
    for hefboom in traject.hefbomen.all():
        assert 3 <= hefboom.werksessies.count() <= 5
    assert Evaluatie.objects.filter(tool__hefboom__traject=traject).count() == 17
    assert Inschrijving.objects.filter(
        hefboom__traject=traject, orde="tweede", status="bevestigd"
    ).exists()
    assert traject.toolbox_published
    toolbox = client.get(f"/leergemeenschap/{SEED}/toolbox/").content.decode()
    assert "Knooppuntenkaart" in toolbox and "Speculeer niet" in toolbox
    results = {
        t.title: t for t in services.evaluation_results(traject.hefbomen.get(nummer=1))
    }
    assert results["Knooppuntenkaart"].aantal == 3
    assert round(results["Knooppuntenkaart"].gemiddelde, 2) == 4.33


def test_the_running_kempen_trajectory_is_open(client):
    kempen = Traject.objects.get(slug="open-ruimte-kempen")
    assert kempen.is_running()
    assert Hefboom.objects.filter(traject=kempen).open_for_registration().count() == 2
    assert "Atelier Open Ruimte Kempen" in client.get("/").content.decode()


def test_loading_twice_changes_nothing():
    from io import StringIO

    before = Inschrijving.objects.count()
    out = StringIO()
    demo_module.load(out)
    assert "0 nieuw" in out.getvalue()
    assert Inschrijving.objects.count() == before


def test_the_demo_pages(client):
    from io import BytesIO

    from pypdf import PdfReader

    for url in (
        "/leergemeenschap/",
        f"/leergemeenschap/{SEED}/",
        f"/leergemeenschap/{SEED}/grondbeleid/",
        "/leergemeenschap/open-ruimte-kempen/",
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/leergemeenschap/{SEED}/").content.decode()
    assert "Stationsomgeving Kessel-Lo" in page  # a public case
    assert "Kanaalzone Vilvoorde" not in page  # not public
    pdf = client.get(f"/leergemeenschap/{SEED}/toolbox.pdf").content
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Knooppuntenkaart" in text and "Speculeer niet" in text
