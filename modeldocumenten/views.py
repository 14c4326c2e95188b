from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from atelier.models import Thema

from . import rules
from .downloads import download_record
from .models import DocumentVersie, InspirationPage, ThemaVolger
from .notifications import newer_versions_for


@require_safe
@transaction.atomic
def download(request, versie, kind):
    """Serve a file of a version; count it as a download of that version (and who,
    when signed in) when a person takes it (modeldocumenten/downloads.py)."""
    versie = get_object_or_404(
        DocumentVersie.objects.select_related("page", "bestand", "pdf"), pk=versie
    )
    if not rules.may_download(request.user, versie, kind):
        raise Http404
    download_record(request=request, versie=versie)
    return redirect(dict(versie.files())[kind].url)


def home_section_context(request):
    latest = rules.documents_visible_to(request.user).order_by("-last_published_at")[:4]
    if not latest:
        return None
    return {"latest": latest, "index": latest[0].get_parent()}


def gemeente_section_context(request, gemeente):
    documents = (
        rules.documents_visible_to(request.user).adopted_in(gemeente).order_by("title")
    )
    return {"gemeente": gemeente, "documents": documents}


@login_required
@require_POST
def follow_theme(request):
    """Follow (or stop following) a theme: hear of new model documents on it."""
    if not rules.may_follow(request.user):
        raise PermissionDenied
    thema = get_object_or_404(Thema, slug=request.POST.get("thema", ""))
    volger = ThemaVolger.objects.filter(user=request.user, thema=thema)
    if volger.exists():
        volger.delete()
        messages.success(request, _("U volgt het thema %s niet meer.") % thema.name)
    else:
        ThemaVolger.objects.create(user=request.user, thema=thema)
        messages.success(
            request,
            _("U volgt het thema %s: u krijgt een e-mail bij een nieuw modeldocument.")
            % thema.name,
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = "/"
    return redirect(next_url)


def account_section_context(request):
    """On the user's own page: newer versions of what they downloaded, and the
    themes they follow."""
    if not rules.may_follow(request.user):
        return None
    return {
        "nieuwer": newer_versions_for(request.user),
        "gevolgd": ThemaVolger.objects.filter(user=request.user).select_related(
            "thema"
        ),
    }


def inspiration_home_context(request):
    latest = InspirationPage.objects.live().public().order_by("-first_published_at")[:3]
    if not latest:
        return None
    return {"latest": latest, "index": latest[0].get_parent()}
