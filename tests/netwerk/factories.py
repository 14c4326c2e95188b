from datetime import timedelta

import factory
from django.utils import timezone

from netwerk.models import (
    Activiteit,
    Bijeenkomst,
    Genodigde,
    Inschrijving,
    Maatwerkvraag,
    OverlegReeks,
)


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijeenkomst

    title = factory.Sequence(lambda n: f"Studiedag {n}")
    slug = factory.Sequence(lambda n: f"studiedag-{n}")
    soort = Bijeenkomst.Soort.STUDIEDAG
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    einde = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    locatie_naam = "IOK, Geel"
    zichtbaarheid = Bijeenkomst.Zichtbaarheid.PUBLIEK


class GenodigdeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genodigde

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)


class InschrijvingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inschrijving

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    naam = factory.Faker("name", locale="nl_BE")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.be")
    status = Inschrijving.Status.BEVESTIGD
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


class OverlegReeksFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OverlegReeks
        django_get_or_create = ("slug",)

    title = "Kernpartneroverleg"
    slug = "kernpartneroverleg"
    soort = OverlegReeks.Soort.KERNPARTNEROVERLEG


def overleg(reeks=None, *, days=14, **kwargs):
    """A meeting of `reeks` (the kernpartneroverleg by default), `days` from now,
    planned through the service."""
    from netwerk import services

    start = timezone.now() + timedelta(days=days)
    return services.overleg_plan(
        reeks or OverlegReeksFactory(),
        start=start,
        einde=start + timedelta(hours=2),
        **kwargs,
    )


def thematisch(thema, *, genodigden, days=10, slug="thematisch-water"):
    reeks = OverlegReeksFactory(
        title=f"Thematisch overleg {thema}",
        slug=slug,
        soort=OverlegReeks.Soort.THEMATISCH,
        thema=thema,
    )
    return overleg(reeks, days=days, genodigden=genodigden)


class ActiviteitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activiteit

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    slug = factory.Sequence(lambda n: f"activiteit-{n}")
    organisatie = factory.SubFactory(
        "tests.atelier.factories.OrganisatieFactory", partnerschap=True
    )
    start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    einde = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    publiek = True


class MaatwerkvraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Maatwerkvraag

    onderwerp = factory.Sequence(lambda n: f"Vraag {n}")
    vraag = "Hoe pakken we de dorpskern aan?"
    urgentie = Maatwerkvraag.Urgentie.NORMAAL
