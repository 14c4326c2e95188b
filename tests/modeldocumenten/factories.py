"""factory_boy factories for the model documents' Wagtail pages and files. A page
factory adds the page under its parent in the tree (`parent=`, by default the one
page it belongs under) and publishes it through a revision, as an editor does
(`live=False`: added, not published)."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model

from atelier.models import HomePage, Thema
from modeldocumenten.models import (
    Adoptie,
    Beleidsniveau,
    DocumentSoort,
    DocumentVersie,
    Download,
    InspirationIndexPage,
    InspirationPage,
    ModelDocumentIndexPage,
    ModelDocumentPage,
)

# The headers of a person's browser: a download counts only from one.
BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
}


class DocumentFactory(DjangoModelFactory):
    """A Wagtail document (a file of a version, a download block)."""

    class Meta:
        model = get_document_model()

    class Params:
        content = b"PK\x03\x04 demo"

    title = factory.Sequence(lambda n: f"bestand-{n}.docx")
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name=o.title))


def document_file(name, content=b"PK\x03\x04 demo"):
    return DocumentFactory(title=name, content=content)


class PageFactory(DjangoModelFactory):
    """A Wagtail page, added under `parent` and (unless `live=False`) published."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    @classmethod
    def default_parent(cls):
        return HomePage.objects.get()

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, **kwargs):
        page = model_class(*args, live=live, **kwargs)
        (parent or cls.default_parent()).add_child(instance=page)
        if live:
            page.save_revision().publish()
        return page


class ModelDocumentIndexPageFactory(PageFactory):
    class Meta:
        model = ModelDocumentIndexPage

    title = "Modeldocumenten"


def library():
    """The library page: made by migration 0008, or (when a test removed it) now."""
    return ModelDocumentIndexPage.objects.first() or ModelDocumentIndexPageFactory()


class InspirationIndexPageFactory(PageFactory):
    class Meta:
        model = InspirationIndexPage

    title = "Inspiratie"


def inspiration_index():
    return InspirationIndexPage.objects.first() or InspirationIndexPageFactory()


class ModelDocumentPageFactory(PageFactory):
    """A model document in the library; pass `versies` and `adopties` as lists of
    unsaved DocumentVersie and Adoptie (saved with the page), `themas` as Themas."""

    class Meta:
        model = ModelDocumentPage

    title = factory.Sequence(lambda n: f"Modeldocument {n}")
    summary = factory.LazyAttribute(
        lambda o: f"{o.title}: een modeldocument voor het lokaal beleid."
    )
    soort = factory.LazyFunction(lambda: DocumentSoort.objects.get(slug="verordening"))
    beleidsniveau = Beleidsniveau.LOKAAL

    @classmethod
    def default_parent(cls):
        return library()


class InspirationPageFactory(PageFactory):
    class Meta:
        model = InspirationPage

    title = factory.Sequence(lambda n: f"Inspiratie {n}")
    intro = factory.LazyAttribute(lambda o: f"Over {o.title}.")
    body = factory.LazyFunction(list)

    @classmethod
    def default_parent(cls):
        return inspiration_index()


def story(title, *, themas=(), body=(), documenten=(), parent=None):
    """A published inspiration page."""
    return InspirationPageFactory(
        title=title,
        slug=title.lower().replace(" ", "-"),
        body=list(body),
        themas=list(Thema.objects.filter(slug__in=themas)),
        modeldocumenten=list(documenten),
        parent=parent,
    )


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
    """A model document with versions (number, date, downloads) and adoptions
    (gemeente, date), published unless `live=False`."""
    slug = slugify(title)
    page = ModelDocumentPageFactory(
        title=title,
        slug=slug,
        **({"summary": summary} if summary else {}),
        soort=DocumentSoort.objects.get(slug=soort),
        beleidsniveau=niveau,
        themas=list(Thema.objects.filter(slug__in=themas)),
        versies=[
            DocumentVersie(
                nummer=nummer,
                datum=datum,
                wijzigingen=f"Versie {nummer}",
                bestand=document_file(f"{slug}-{nummer}.docx"),
                pdf=document_file(f"{slug}-{nummer}.pdf", b"%PDF-1.4 demo"),
            )
            for nummer, datum, _downloads in versies
        ],
        adopties=[Adoptie(gemeente=g, datum=datum) for g, datum in adopties],
        live=live,
    )
    counts = {nummer: downloads for nummer, _datum, downloads in versies}
    Download.objects.bulk_create(
        Download(versie=v) for v in page.versies.all() for _ in range(counts[v.nummer])
    )
    return ModelDocumentPage.objects.get(pk=page.pk)
