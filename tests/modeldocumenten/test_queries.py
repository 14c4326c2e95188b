"""The model document page and "newer versions" ask the database a fixed number of
questions, however many versions or downloads there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from modeldocumenten.models import ModelDocumentPage
from modeldocumenten.notifications import newer_versions_for
from tests.modeldocumenten.factories import BROWSER, model_document

pytestmark = pytest.mark.django_db


def versions(n):
    return [(f"{i}.0", datetime.date(2020 + i, 1, 1), i) for i in range(1, n + 1)]


def queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_document_page_asks_the_same_questions_for_one_version_or_eight(
    client, django_assert_max_num_queries
):
    one = model_document("Reglement één versie", versies=versions(1))
    eight = model_document("Reglement acht versies", versies=versions(8))
    client.get(one.url)  # warm up (site root, content types)
    baseline = queries(lambda: client.get(one.url))
    with django_assert_max_num_queries(baseline):
        response = client.get(eight.url)
    html = response.content.decode()
    assert "Huidige versie 8.0" in html
    assert "(7 downloads)" in html and "(1 download)" in html
    assert "alle versies: 36" in html


def test_the_preview_of_a_draft_asks_the_same_questions_for_one_version_or_eight(
    django_assert_max_num_queries,
):
    one = model_document("Reglement één versie", versies=versions(1))
    eight = model_document("Reglement acht versies", versies=versions(8))

    def preview(page):
        draft = ModelDocumentPage.objects.get(
            pk=page.pk
        ).get_latest_revision_as_object()
        return draft.make_preview_request().render()

    preview(one)  # warm up
    baseline = queries(lambda: preview(one))
    with django_assert_max_num_queries(baseline):
        response = preview(eight)
    assert "Huidige versie 8.0" in response.content.decode()


def test_newer_versions_are_found_with_a_fixed_number_of_questions(
    client, partner, django_assert_max_num_queries
):
    client.force_login(partner)

    def download_then_publish_a_newer_version(title):
        page = model_document(title, versies=versions(1))
        client.get(page.versies.get().download_url("pdf"), headers=BROWSER)
        draft = page.get_latest_revision_as_object()
        draft.versies.add(
            type(page.versies.get())(
                nummer="2.0",
                datum=datetime.date(2026, 1, 1),
                bestand=page.versies.get().bestand,
            )
        )
        draft.save_revision().publish()

    download_then_publish_a_newer_version("Reglement A")
    baseline = queries(lambda: newer_versions_for(partner))
    for title in ("Reglement B", "Reglement C", "Reglement D"):
        download_then_publish_a_newer_version(title)
    with django_assert_max_num_queries(baseline):
        found = newer_versions_for(partner)
    assert sorted((p.title, old.nummer, new.nummer) for p, old, new in found) == [
        (f"Reglement {x}", "1.0", "2.0") for x in "ABCD"
    ]
