import datetime

import factory
from django.utils import timezone

from atelier import roles
from netwerk.kwaliteitskamer import services
from netwerk.kwaliteitskamer.models import Dossier
from tests.atelier.factories import UserFactory


def minimal_pdf(text="Plan"):
    """The bytes of a small valid one-page PDF (WeasyPrint)."""
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kwaliteitskamer.Expert"

    user = factory.SubFactory(UserFactory, roles=[roles.KWALITEITSKAMER_LID])
    expertises = factory.LazyFunction(lambda: ["architectuur"])


def zitting(*, days_ahead=30, voorzitter=None, panel=(), **kwargs):
    start = (timezone.now() + datetime.timedelta(days=days_ahead)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return services.zitting_create(
        title=kwargs.pop("title", "Zitting kwaliteitskamer"),
        start=start,
        einde=start + datetime.timedelta(hours=3),
        voorzitter=voorzitter,
        panel=panel,
        **kwargs,
    )


def dossier(*, user, tijdslot, gemeente, submitted=True, **fields):
    """A booked dossier (bypassing the deadline check through `now`), with the
    required documents, submitted unless `submitted=False`."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    start = tijdslot.zitting.bijeenkomst.start
    now = start - datetime.timedelta(days=tijdslot.zitting.intake_dagen + 1)
    fields.setdefault("vragen", "Past de schaal in de straat?")
    result = services.dossier_book(
        user=user,
        tijdslot=tijdslot,
        gemeente=gemeente,
        title=fields.pop("title", "Herinrichting Markt"),
        ontwerpfase=fields.pop("ontwerpfase", Dossier.Ontwerpfase.VOORONTWERP),
        now=now,
        **fields,
    )
    for soort in ("plannen", "situering"):
        result.bijlagen.create(
            soort=soort,
            naam=f"{soort}.pdf",
            bestand=SimpleUploadedFile(f"{soort}.pdf", minimal_pdf(soort)),
        )
    if submitted:
        result.status = Dossier.Status.INGEDIEND
        result.ingediend_op = now
        result.save()
    return result
