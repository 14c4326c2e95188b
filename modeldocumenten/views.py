from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from .models import DocumentVersie, Download, ModelDocumentPage


@transaction.atomic
def download(request, versie, kind):
    """Count the download of a version (and who, when signed in), then serve the file."""
    versie = get_object_or_404(
        DocumentVersie.objects.select_related("page", "bestand", "pdf"), pk=versie
    )
    document = dict(versie.files()).get(kind)
    if document is None or not versie.page.live:
        raise Http404
    DocumentVersie.objects.filter(pk=versie.pk).update(downloads=F("downloads") + 1)
    if request.user.is_authenticated:
        Download.objects.create(versie=versie, user=request.user)
    return redirect(document.url)


def home_section_context(request):
    latest = (
        ModelDocumentPage.objects.live().public().order_by("-last_published_at")[:4]
    )
    if not latest:
        return None
    return {"latest": latest, "index": latest[0].get_parent()}


def gemeente_section_context(request, gemeente):
    documents = (
        ModelDocumentPage.objects.live().public().adopted_in(gemeente).order_by("title")
    )
    return {"gemeente": gemeente, "documents": documents}
