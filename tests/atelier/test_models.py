import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import IntegrityError, transaction

from atelier.models import Gemeente, Organisatie
from tests.atelier.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_29_iok_municipalities_are_loaded_with_valid_boundaries():
    gemeenten = Gemeente.objects.with_area()
    assert gemeenten.count() == 29
    assert all(g.geom.valid and g.geom.srid == 4326 for g in gemeenten)
    assert {g.nis_code for g in gemeenten} >= {"13040", "13025", "12014", "12026"}


@pytest.mark.parametrize(
    ("slug", "km2"),
    [("mol", 114.54), ("turnhout", 56.71), ("geel", 110.21), ("baarle-hertog", 7.42)],
)
def test_areas_are_measured_in_lambert_72_and_match_reality(slug, km2):
    assert float(Gemeente.objects.with_area().get(slug=slug).area_km2) == pytest.approx(
        km2, abs=0.02
    )


def test_baarle_hertog_keeps_its_enclaves():
    assert len(Gemeente.objects.get(slug="baarle-hertog").geom) == 26


def test_neighbours_share_a_boundary():
    turnhout = Gemeente.objects.get(slug="turnhout")
    neighbours = set(
        Gemeente.objects.neighbours_of(turnhout).values_list("slug", flat=True)
    )
    assert {"oud-turnhout", "beerse", "vosselaar", "kasterlee", "ravels"} <= neighbours
    assert "turnhout" not in neighbours
    assert "mol" not in neighbours


def test_the_database_refuses_an_invalid_boundary():
    bowtie = Polygon(((5.0, 51.2), (5.1, 51.3), (5.1, 51.2), (5.0, 51.3), (5.0, 51.2)))
    with pytest.raises(IntegrityError), transaction.atomic():
        Gemeente.objects.create(
            nis_code="99999", name="Strik", slug="strik", geom=MultiPolygon(bowtie)
        )


def test_the_database_refuses_a_malformed_nis_code():
    square = Polygon.from_bbox((5.0, 51.0, 5.01, 51.01))
    with pytest.raises(IntegrityError), transaction.atomic():
        Gemeente.objects.create(
            nis_code="13A40", name="Fout", slug="fout", geom=MultiPolygon(square)
        )


def test_a_gemeente_organisation_needs_its_gemeente_and_only_it_has_one(turnhout):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(
            name="Gemeente zonder grens", slug="x", kind=Organisatie.Kind.GEMEENTE
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(
            name="Partner met gemeente",
            slug="y",
            kind=Organisatie.Kind.PARTNER,
            gemeente=turnhout,
        )


def test_a_user_acts_for_the_municipalities_of_their_organisations(turnhout):
    mol = Gemeente.objects.get(slug="mol")
    partner = OrganisatieFactory()
    user = UserFactory(gemeente=turnhout, organisaties=[partner])
    other = UserFactory(gemeente=mol)
    assert list(Gemeente.objects.for_user(user)) == [turnhout]
    assert set(user.organisaties.all()) == {turnhout.organisatie, partner}
    assert list(Gemeente.objects.for_user(other)) == [mol]


def test_partners_in_the_network_core_partners_first():
    OrganisatieFactory(
        name="Zeta", kind=Organisatie.Kind.KERNPARTNER, partnerschap=True
    )
    OrganisatieFactory(name="Alfa", kind=Organisatie.Kind.PARTNER, partnerschap=True)
    OrganisatieFactory(name="Buiten", partnerschap=False)
    assert [o.name for o in Organisatie.objects.in_partnerschap()] == ["Zeta", "Alfa"]
