from io import BytesIO, StringIO

import docx
import pytest
from django.core.management import call_command
from django.db.models import Count
from wagtail.documents import get_document_model
from wagtail.models import Revision

from atelier.models import HomePage
from modeldocumenten.models import (
    Adoptie,
    Beleidsniveau,
    DocumentSoort,
    DocumentVersie,
    ModelDocumentIndexPage,
    ModelDocumentPage,
)

pytestmark = pytest.mark.django_db


def documents():
    return ModelDocumentPage.objects.child_of(ModelDocumentIndexPage.objects.get())


def read(document):
    with document.open_file() as f:
        return f.read()


def snapshot():
    return {
        "pagina's": list(
            ModelDocumentPage.objects.values_list(
                "slug", "live", "last_published_at", "latest_revision_id"
            )
        ),
        "index": list(ModelDocumentIndexPage.objects.values_list("pk", "live")),
        "versies": list(
            DocumentVersie.objects.values_list(
                "page", "nummer", "datum", "bestand", "pdf"
            )
        ),
        "adopties": list(
            Adoptie.objects.values_list("page", "gemeente", "datum", "besluit_url")
        ),
        "bestanden": get_document_model().objects.count(),
        "revisies": Revision.objects.count(),
    }


def test_summary_line(demo):
    assert demo["seconds"] < 40
    assert "Modeldocumenten: 15 documenten" in demo["output"]


def test_library_page_is_in_the_menu(demo):
    index = ModelDocumentIndexPage.objects.get()
    assert (index.title, index.slug) == ("Modeldocumenten", "modeldocumenten")
    assert index.live and index.show_in_menus
    assert index.live_revision is not None
    assert isinstance(index.get_parent().specific, HomePage)
    assert "concrete en praktische modeldocumenten" in index.intro
    assert "partners en experten" in index.intro


def test_documents_are_live_and_complete(demo):
    pages = documents().live()
    assert pages.count() == 15 == ModelDocumentPage.objects.count()
    for page in pages.specific():
        assert page.live_revision is not None, page.title
        assert page.summary.count(".") >= 2, page.title
        assert page.gebruik.startswith("<p>"), page.title
        kinds = [block.block_type for block in page.body]
        assert kinds[0] == "heading" and "paragraph" in kinds, page.title
        assert "Demodocument" in str(page.body[-1].value), page.title
        assert 1 <= page.themas.count() <= 3, page.title
        assert 1 <= page.doelgroepen.count() <= 2, page.title
    assert set(pages.values_list("soort__slug", flat=True)) == set(
        DocumentSoort.objects.values_list("slug", flat=True)
    )
    assert set(pages.values_list("beleidsniveau", flat=True)) == set(
        Beleidsniveau.values
    )
    # Dutch stemming: the plural finds the documents that say "verordening".
    assert ModelDocumentPage.objects.live().search_text("verordeningen").count() >= 2


def test_current_versions_have_a_docx_and_a_pdf(demo):
    for page in documents().specific():
        current = page.current_version()
        assert current is not None, page.title
        assert current.bestand.filename.endswith(".docx")
        file = docx.Document(BytesIO(read(current.bestand)))
        text = "\n".join(p.text for p in file.paragraphs)
        assert page.title in text and f"Versie {current.nummer}" in text
        assert "[naam gemeente]" in text
        footer = file.sections[0].footer.paragraphs[0].text
        assert footer == "Demodocument – Atelier Ruimte Kempen"
        pdf = read(current.pdf)
        assert pdf.startswith(b"%PDF") and current.pdf.filename.endswith(".pdf")
        assert current.pdf.file_size == len(pdf)


def test_versions_are_numbered_dated_and_downloaded(demo):
    pages = documents().annotate(n=Count("versies"))
    assert pages.filter(n__gt=1).count() >= 5
    assert not pages.filter(n__gt=3).exists()
    for page in pages:
        versies = list(page.versies.order_by("datum"))
        numbers = [v.nummer for v in versies]
        assert numbers == sorted(numbers, key=lambda n: tuple(map(int, n.split("."))))
        dates = [v.datum for v in versies]
        assert dates == sorted(set(dates))
        assert dates[0].year >= 2021 and dates[-1].year <= 2026
        assert all(v.wijzigingen for v in versies)
        assert page.last_published_at.date() == dates[-1]
    downloads = list(
        DocumentVersie.objects.annotate(n=Count("downloads")).values_list(
            "n", flat=True
        )
    )
    assert max(downloads) <= 120 and sum(d > 0 for d in downloads) >= 10
    totals = documents().with_downloads().values_list("downloads_total", flat=True)
    assert len(set(totals)) > 5


def test_about_half_of_the_documents_are_adopted(demo):
    adopted = documents().annotate(n=Count("adopties")).filter(n__gt=0)
    assert 6 <= adopted.count() <= 10
    assert all(1 <= page.n <= 8 for page in adopted)
    assert Adoptie.objects.values("gemeente").distinct().count() >= 10
    for adoptie in Adoptie.objects.select_related("page"):
        first = adoptie.page.versies.order_by("datum").first()
        assert first.datum < adoptie.datum
        if adoptie.besluit_url:
            assert adoptie.besluit_url.startswith("https://")
    assert Adoptie.objects.exclude(besluit_url="").exists()
    assert Adoptie.objects.filter(besluit_url="").exists()


def test_loading_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "Modeldocumenten: 15 documenten" in out.getvalue()
    line = next(
        line for line in out.getvalue().splitlines() if "Modeldocumenten" in line
    )
    assert line.endswith("; 0 nieuw")


def test_about_eight_inspiration_pages_with_projects_and_documents(demo):
    from modeldocumenten.models import InspirationIndexPage, InspirationPage

    index = InspirationIndexPage.objects.get()
    assert index.live and index.show_in_menus
    pages = InspirationPage.objects.live().child_of(index)
    assert pages.count() == 8
    kinds = {block.block_type for page in pages for block in page.body}
    assert {"paragraph", "quote", "projects", "download"} <= kinds
    assert all(page.themas.exists() for page in pages)
