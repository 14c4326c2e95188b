"""The network in the portal search (`atelier.search`): the partners and the public
activities. Consultations are never searched: the search page is public."""

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from atelier.models import Organisatie
from atelier.search import Result, provider, text_search

from .models import Activiteit


def partner_result(request, partner):
    return Result(
        title=partner.name,
        url=reverse("netwerk:partner-detail", kwargs={"slug": partner.slug}),
        summary=Truncator(partner.expertise or strip_tags(partner.description)).words(
            40
        ),
        extra=partner.get_kind_display(),
    )


def activiteit_result(request, activiteit):
    return Result(
        title=activiteit.title,
        url=activiteit.get_absolute_url(),
        summary=Truncator(activiteit.omschrijving).words(40),
        extra=f"{activiteit.organisatie.name} · {activiteit.gemeente.name}",
    )


def activiteiten_url(request, query):
    return reverse("netwerk:activiteit-list")


@provider(_("Partners van het netwerk"), order=60, result=partner_result)
def partners(request, query):
    return text_search(
        Organisatie.objects.in_partnerschap(),
        query,
        fields=["name", "expertise", "description"],
    )


@provider(
    _("Lopende activiteiten"),
    order=65,
    result=activiteit_result,
    more_url=activiteiten_url,
)
def activiteiten(request, query):
    """Public activities only, whoever asks."""
    found = Activiteit.objects.public().select_related("organisatie", "gemeente")
    return text_search(found, query, fields=["title", "omschrijving"])
