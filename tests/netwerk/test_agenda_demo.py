"""The agenda's demo (netwerk/demo/agenda.yaml), loaded once per session into a
database of its own (`demo` in tests/conftest.py)."""

import pytest
from django.urls import reverse

from netwerk import demo as netwerk_demo
from netwerk.models import Bijeenkomst, Inschrijving

pytestmark = pytest.mark.django_db

RECORDS = netwerk_demo.DEMO.read("agenda.yaml")["bijeenkomsten"]
PARTNERS = {
    "IOK",
    "Provincie Antwerpen",
    "RURANT",
    "Regionaal Landschap Kleine en Grote Nete",
    "AR-TUR",
}


@pytest.mark.usefixtures("demo")
def test_the_agenda_has_upcoming_and_past_study_days_and_workshops_of_the_partners():
    # Other parts' demos (consultations) add gatherings of their own.
    demo = Bijeenkomst.objects.filter(slug__in=[r["slug"] for r in RECORDS])
    assert demo.count() == len(RECORDS)
    assert all(demo.values_list("is_demo", flat=True))
    for soort in (Bijeenkomst.Soort.STUDIEDAG, Bijeenkomst.Soort.WORKSHOP):
        assert demo.filter(soort=soort).upcoming().exists()
        assert demo.filter(soort=soort).past().exists()
    organisers = set(demo.values_list("organisatoren__name", flat=True))
    assert PARTNERS <= organisers


@pytest.mark.usefixtures("demo")
def test_one_workshop_is_full_with_a_waiting_list(client):
    full = [
        b
        for b in Bijeenkomst.objects.filter(is_demo=True, capaciteit__isnull=False)
        if b.inschrijvingen.filter(status=Inschrijving.Status.BEVESTIGD).count()
        == b.capaciteit
    ]
    assert len(full) == 1
    assert full[0].inschrijvingen.filter(status=Inschrijving.Status.WACHTLIJST).count()
    page = client.get(full[0].get_absolute_url()).content.decode()
    assert "Volzet" in page
    assert full[0].title in client.get(reverse("netwerk:agenda")).content.decode()


@pytest.mark.usefixtures("demo")
def test_the_report_of_a_past_study_day_is_public_with_it(client):
    past = Bijeenkomst.objects.get(slug="studiedag-klimaatrobuuste-open-ruimte")
    (report,) = past.documenten.all()
    assert report.document.title in client.get(past.get_absolute_url()).content.decode()
    assert client.get(report.document.url).status_code == 200
