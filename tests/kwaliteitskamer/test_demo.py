"""The kwaliteitskamer's demo: loaded by `manage.py load_demo` with the rest, and the
figures page computes what SOURCE.md says of it."""

import datetime

import pytest
from django.urls import reverse

from atelier.models import User
from netwerk.kwaliteitskamer import figures
from netwerk.kwaliteitskamer.models import Dossier, Tijdslot, Zitting

pytestmark = pytest.mark.django_db


def test_demo_has_history_and_free_slots(demo):
    assert Zitting.objects.count() == 5
    dossiers = Dossier.objects.filter(is_demo=True)
    assert dossiers.count() == 7
    assert dossiers.published().count() == 3
    assert dossiers.filter(vorige__isnull=False).count() == 1
    assert dossiers.exclude(beslissing="").count() == 3
    free = Tijdslot.objects.filter(
        dossier__isnull=True,
        zitting__bijeenkomst__start__gt=datetime.datetime.now(tz=datetime.UTC),
    )
    assert free.count() >= 6


def test_turnaround_figures_match_the_demo(demo):
    result = figures.figures(today=datetime.date(2026, 11, 25))
    assert sorted(result["turnarounds"]) == [6, 6, 8, 10, 12]
    assert result["mediaan"] == 8
    assert {d.title for d in result["overdue"]} == {
        "Nieuwe stadswijk aan het kanaal",
        "Woonzorgproject Sint-Dimpna",
    }
    assert result["aantal"] == 6


def test_figures_page_on_the_demo(demo, client):
    client.force_login(User.objects.get(username="iok"))
    response = client.get(reverse("kwaliteitskamer:cijfers"))
    text = response.content.decode()
    assert '<dd id="mediaan">8 werkdagen</dd>' in text
    assert '<dd id="te-laat">2</dd>' in text


def test_conflicted_demo_expert_does_not_see_the_dossier(demo, client):
    client.force_login(User.objects.get(username="expert"))
    first_round = Dossier.objects.get(
        title="Nieuwe stadswijk aan het kanaal", vorige=None
    )
    url = reverse("kwaliteitskamer:dossier", kwargs={"pk": first_round.pk})
    assert client.get(url).status_code == 404


def test_advice_bank_on_the_demo(demo, client):
    url = reverse("kwaliteitskamer:adviesbank")
    text = client.get(url, {"gemeente": "geel"}).content.decode()
    assert "Vernieuwing stationsomgeving Geel" in text
    assert "Woonzorgproject" not in text
    text = client.get(url, {"thema": "mobiliteit"}).content.decode()
    assert "Herinrichting dorpskern Vosselaar" in text
    assert "Fietsstraat naar school" not in text  # not published
