"""The network's demo (netwerk/demo/overleg.yaml): a year of kernpartneroverleg
meetings with action items carried over, two thematic consultations, overlapping
activities whose opportunities the view finds, and requests in every state; one
click puts an opportunity on the next kernpartneroverleg's agenda."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from atelier.models import User
from netwerk.models import Activiteit, AgendaPunt, Maatwerkvraag, Overleg

pytestmark = pytest.mark.django_db


def test_a_year_of_consultations_with_carried_over_action_items(demo):
    kern = Overleg.objects.kernpartneroverleg()
    assert kern.count() == 7
    assert kern.upcoming().count() == 1
    first = kern.order_by("bijeenkomst__start").first()
    assert (timezone.now() - first.bijeenkomst.start).days > 300
    volgend = kern.upcoming().get()
    carried = [
        p.actiepunt for p in volgend.agendapunten.filter(actiepunt__isnull=False)
    ]
    assert len(carried) >= 3
    assert all(a.status != "afgerond" for a in carried)
    # Some were raised months ago and are still open (carried over since).
    assert min(a.overleg.bijeenkomst.start for a in carried) < (
        timezone.now() - timedelta(days=200)
    )
    assert (
        Overleg.objects.filter(reeks__soort="thematisch-overleg")
        .values("reeks")
        .distinct()
        .count()
        == 2
    )
    assert volgend.bijeenkomst.genodigden.filter(antwoord="nee").exists()


def test_the_opportunities_view_finds_the_overlaps_and_one_click_agenders(client, demo):
    kansen = list(Activiteit.objects.samenwerkingskansen())
    found = {(k["gemeente_id"], k["thema_id"]): k["partners"] for k in kansen}
    turnhout_erfgoed = Activiteit.objects.get(slug="erfgoedinventaris-turnhout-centrum")
    assert found[(turnhout_erfgoed.gemeente_id, turnhout_erfgoed.thema_id)] == 3
    assert len(kansen) == 3  # Turnhout erfgoed, Mol mobiliteit, Geel kernversterking
    client.force_login(User.objects.get(username="partner"))
    page = client.get(reverse("netwerk:kansen"))
    assert page.status_code == 200
    assert "Erfgoed in Turnhout" in page.text and "Mobiliteit in Mol" in page.text
    response = client.post(
        reverse("netwerk:kans-agenderen"),
        {"gemeente": "mol", "thema": "mobiliteit"},
        follow=True,
    )
    assert "Op de agenda gezet" in response.text
    punt = AgendaPunt.objects.get(kans_gemeente__slug="mol")
    assert punt.overleg == Overleg.objects.kernpartneroverleg().upcoming().first()
    assert "Mobiliteit in Mol" in client.get(punt.overleg.get_absolute_url()).text


def test_requests_for_tailored_support_in_every_state(client, demo):
    assert set(Maatwerkvraag.objects.values_list("status", flat=True)) == {
        "nieuw",
        "in-behandeling",
        "afgerond",
        "afgewezen",
    }
    client.force_login(User.objects.get(username="gemeente"))  # Vosselaar
    account = client.get(reverse("account:profile"))
    assert "Inrichting van het dorpsplein" in account.text
    assert "Parkeerverordening" not in account.text  # Turnhout's
