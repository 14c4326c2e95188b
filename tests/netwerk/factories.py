from datetime import timedelta

import factory
from django.utils import timezone

from netwerk.models import Bijeenkomst, Genodigde, Inschrijving


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


def open_bijeenkomst(**kwargs):
    """A public gathering one registers for through the portal."""
    kwargs.setdefault("inschrijven", True)
    return BijeenkomstFactory(**kwargs)
