"""The model documents' demo (modeldocumenten/demo/): loaded once per session into a
database of its own (`demo` in tests/conftest.py). Pages are published through
revisions, every version has a real DOCX and PDF, the data files decide the rest."""

import copy
import zipfile
from io import BytesIO, StringIO

import pytest
from django.db.models import Count
from pypdf import PdfReader

from atelier.demo.records import DemoDataError
from atelier.models import HomePage
from kempenkaart.models import Project
from modeldocumenten import demo as modeldocumenten_demo
from modeldocumenten.models import (
    Adoptie,
    Beleidsniveau,
    DocumentSoort,
    DocumentVersie,
    InspirationIndexPage,
    InspirationPage,
    ModelDocumentIndexPage,
    ModelDocumentPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

DOCUMENTS = modeldocumenten_demo.DEMO.read("documenten.yaml")["documenten"]


def read(document):
    with document.open_file() as f:
        return f.read()


def test_the_index_pages_are_live_in_the_menu_under_the_home_page():
    for model in (ModelDocumentIndexPage, InspirationIndexPage):
        index = model.objects.get()
        assert index.live and index.show_in_menus and index.live_revision, model
        assert isinstance(index.get_parent().specific, HomePage)


def test_every_document_is_published_as_its_record_says():
    pages = {p.slug: p for p in ModelDocumentPage.objects.live().specific()}
    assert set(pages) == {record["slug"] for record in DOCUMENTS}
    for record in DOCUMENTS:
        page = pages[record["slug"]]
        assert page.live_revision is not None, page
        assert not page.has_unpublished_changes, page
        assert page.soort.slug == record["soort"]
        assert sorted(page.themas.values_list("slug", flat=True)) == sorted(
            record["themas"]
        )
        # Demo content says so in its text.
        assert "Demodocument" in str(page.body[-1].value), page
        versies = {v.nummer: v for v in page.versies.annotate(n=Count("downloads"))}
        assert sorted(versies) == sorted(v["nummer"] for v in record["versies"])
        for versie in record["versies"]:
            assert versies[versie["nummer"]].n == versie["downloads"], page
        adopted = page.adopties.values_list("gemeente__name", flat=True)
        expected = [a["gemeente"] for a in record.get("adopties", [])]
        assert sorted(adopted) == sorted(expected), page


def test_the_demo_shows_every_kind_and_policy_level():
    pages = ModelDocumentPage.objects.live()
    assert set(pages.values_list("soort__slug", flat=True)) == set(
        DocumentSoort.objects.values_list("slug", flat=True)
    )
    assert set(pages.values_list("beleidsniveau", flat=True)) == set(
        Beleidsniveau.values
    )


def test_every_version_has_a_docx_and_a_pdf_that_open():
    versies = DocumentVersie.objects.select_related("page", "bestand", "pdf")
    assert versies.exists()
    for versie in versies:
        title = versie.page.title
        docx = read(versie.bestand)
        assert versie.bestand.filename.endswith(".docx")
        assert versie.bestand.file_size == len(docx)
        with zipfile.ZipFile(BytesIO(docx)) as archive:
            assert archive.testzip() is None
            text = archive.read("word/document.xml").decode()
        assert title in text and f"Versie {versie.nummer}" in text, versie
        pdf = read(versie.pdf)
        assert versie.pdf.filename.endswith(".pdf")
        assert versie.pdf.file_size == len(pdf)
        pages = PdfReader(BytesIO(pdf)).pages
        text = " ".join(page.extract_text() for page in pages)
        assert f"Versie {versie.nummer}" in text, versie


def test_publication_dates_follow_the_versions():
    for page in ModelDocumentPage.objects.all():
        dates = sorted(page.versies.values_list("datum", flat=True))
        assert page.first_published_at.date() == dates[0], page
        assert page.last_published_at.date() == dates[-1], page
        numbers = [v.nummer for v in page.versies.order_by("datum")]
        assert numbers == sorted(numbers, key=lambda n: tuple(map(int, n.split("."))))
    for adoptie in Adoptie.objects.select_related("page"):
        # A municipality adopts a document that exists.
        first = adoptie.page.versies.order_by("datum").first()
        assert first.datum < adoptie.datum, adoptie


def test_inspiration_pages_show_published_projects_images_and_documents():
    pages = InspirationPage.objects.live().child_of(InspirationIndexPage.objects.get())
    assert pages.exists()
    kinds = set()
    for page in pages:
        assert page.live_revision is not None and page.themas.exists(), page
        for block in page.body:
            kinds.add(block.block_type)
            if block.block_type == "image":
                assert block.value["image"].file_size > 0
                assert block.value["credit"], page
            elif block.block_type == "projects":
                projects = block.value["projects"]
                assert projects and all(p.live for p in projects), page
            elif block.block_type == "download":
                document = block.value["document"]
                assert DocumentVersie.objects.filter(bestand=document).exists()
    assert {"paragraph", "image", "quote", "projects", "download"} <= kinds
    assert Project.objects.published().exists()


# --- a wrong data file ----------------------------------------------------------


def add_document(demo_files, change):
    """Add a copy of the first document, changed by `change`, to a copy of the data
    files; returns the copy's folder."""
    folder = demo_files.copy("modeldocumenten")

    def add(data):
        record = {**copy.deepcopy(data["documenten"][0]), "slug": "nieuw-document"}
        change(record)
        data["documenten"].append(record)

    demo_files.edit(folder / "documenten.yaml", add)
    return folder


def load_error():
    """The error of the model documents' loader (which rolls back what it did)."""
    with pytest.raises(DemoDataError) as error:
        modeldocumenten_demo.load(StringIO())
    return str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(soort="roman"), "onbekende documentsoort 'roman'"),
        (lambda r: r.update(beleidsniveau="europees"), "beleidsniveau: "),
        (
            lambda r: r.update(body=[{"type": "video", "value": "x"}]),
            "body[1]: onbekend bloktype 'video' (toegelaten: heading, paragraph",
        ),
        (
            lambda r: r.update(body=[{"type": "heading", "value": ""}]),
            "body[1]: ",
        ),
        (lambda r: r.update(versies=[]), "een modeldocument heeft minstens één versie"),
        (
            lambda r: r["versies"][0].update(downloads=-3),
            "versies[1]: 'downloads' moet een getal van 0 of meer zijn",
        ),
        (
            lambda r: r["adopties"].append({"gemeente": "Gent", "datum": "2024-01-01"}),
            "onbekende gemeente 'Gent'",
        ),
    ],
)
def test_a_wrong_document_is_named_and_loads_nothing(demo_files, change, message):
    add_document(demo_files, change)
    error = load_error()
    assert "documenten.yaml, documenten[16] (nieuw-document)" in error
    assert message in error
    assert not ModelDocumentPage.objects.filter(slug="nieuw-document").exists()


def test_a_pdf_that_is_no_pdf_is_refused_like_an_upload(demo_files):
    folder = add_document(
        demo_files, lambda r: r["versies"][0].update(pdf="bestanden/nep.pdf")
    )
    (folder / "bestanden" / "nep.pdf").write_bytes(b"MZ\x90\x00 not a pdf")
    error = load_error()
    assert "documenten[16] (nieuw-document), versies[1]: " in error
    assert not ModelDocumentPage.objects.filter(slug="nieuw-document").exists()


def test_an_inspiration_page_may_show_only_published_projects(demo_files):
    folder = demo_files.copy("modeldocumenten")
    waiting = Project.objects.filter(is_demo=True, live=False).first()
    story = {
        "slug": "nieuw-verhaal",
        "title": "Nieuw verhaal",
        "intro": "Intro.",
        "body": [{"type": "projects", "value": {"projects": [waiting.slug]}}],
    }
    demo_files.edit(
        folder / "inspiratie.yaml", lambda data: data["paginas"].append(story)
    )
    error = load_error()
    assert "inspiratie.yaml, paginas[9] (nieuw-verhaal), body[1], value: " in error
    assert f"onbekende project '{waiting.slug}'" in error
