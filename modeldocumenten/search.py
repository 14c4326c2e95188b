"""Model documents in the portal search (`atelier.search`)."""

from urllib.parse import urlencode

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from atelier.search import Result, provider, text_search

from . import rules
from .models import InspirationPage, ModelDocumentIndexPage


def document_result(request, page):
    return Result(
        title=page.title,
        url=page.get_url(request),
        summary=Truncator(page.summary).words(40),
        extra=f"{page.soort.name} · {page.get_beleidsniveau_display()}",
    )


def library_url(request, query):
    library = ModelDocumentIndexPage.objects.live().public().first()
    return f"{library.get_url(request)}?{urlencode({'q': query})}" if library else None


@provider(_("Modeldocumenten"), order=10, result=document_result, more_url=library_url)
def modeldocumenten(request, query):
    pages = rules.documents_visible_to(request.user).select_related("soort")
    return text_search(pages, query, fields=["title", "summary", "gebruik"])


def inspiration_result(request, page):
    return Result(
        title=page.title,
        url=page.get_url(request),
        summary=Truncator(page.intro).words(40),
        extra=", ".join(t.name for t in page.themas.all()),
    )


@provider(_("Inspiratie"), order=20, result=inspiration_result)
def inspiratie(request, query):
    pages = InspirationPage.objects.live().public().prefetch_related("themas")
    return text_search(pages, query, fields=["title", "intro"])
