import datetime

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model

from atelier.models import HomePage, Thema
from modeldocumenten.models import (
    Adoptie,
    Beleidsniveau,
    DocumentSoort,
    DocumentVersie,
    Download,
    ModelDocumentIndexPage,
    ModelDocumentPage,
)

# The headers of a person's browser: a download counts only from one.
BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
}


def document_file(name, content=b"PK\x03\x04 demo"):
    return get_document_model().objects.create(
        title=name, file=ContentFile(content, name=name)
    )


def library():
    index = ModelDocumentIndexPage.objects.first()
    if index is None:
        index = ModelDocumentIndexPage(title="Modeldocumenten", slug="modeldocumenten")
        HomePage.objects.get().add_child(instance=index)
    return index


def model_document(
    title,
    *,
    soort="verordening",
    niveau=Beleidsniveau.LOKAAL,
    themas=(),
    versies=(("1.0", datetime.date(2024, 1, 10), 0),),
    adopties=(),
    summary=None,
    live=True,
):
    """A published model document with versions (number, date, downloads) and
    adoptions (gemeente, date)."""
    page = ModelDocumentPage(
        title=title,
        slug=slugify(title),
        summary=summary or f"{title}: een modeldocument voor het lokaal beleid.",
        soort=DocumentSoort.objects.get(slug=soort),
        beleidsniveau=niveau,
        live=live,
    )
    page.themas = list(Thema.objects.filter(slug__in=themas))
    counts = {}
    for nummer, datum, downloads in versies:
        counts[nummer] = downloads
        page.versies.add(
            DocumentVersie(
                nummer=nummer,
                datum=datum,
                wijzigingen=f"Versie {nummer}",
                bestand=document_file(f"{page.slug}-{nummer}.docx"),
                pdf=document_file(f"{page.slug}-{nummer}.pdf", b"%PDF-1.4 demo"),
            )
        )
    for gemeente, datum in adopties:
        page.adopties.add(Adoptie(gemeente=gemeente, datum=datum))
    library().add_child(instance=page)
    if live:
        page.save_revision().publish()
    Download.objects.bulk_create(
        Download(versie=v) for v in page.versies.all() for _ in range(counts[v.nummer])
    )
    return ModelDocumentPage.objects.get(pk=page.pk)
