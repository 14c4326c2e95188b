"""Published advice in the portal search (`atelier.search`): only the redacted
advice of published dossiers, whoever asks."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from atelier.search import Result, provider, text_search

from .models import Advies, Dossier


def advies_search(adviezen, text):
    return text_search(
        adviezen,
        text,
        fields=["dossier__title", "context", "appreciatie", "aanbevelingen"],
    )


def advies_result(request, advies):
    return Result(
        title=advies.dossier.title,
        url=reverse("kwaliteitskamer:advies", kwargs={"pk": advies.pk}),
        summary=Truncator(advies.appreciatie).words(40),
        extra=f"{advies.dossier.gemeente.name} · {advies.get_conclusie_display()}",
    )


def adviesbank_url(request, query):
    from urllib.parse import urlencode

    return f"{reverse('kwaliteitskamer:adviesbank')}?{urlencode({'q': query})}"


@provider(
    _("Adviezen van de kwaliteitskamer"),
    order=40,
    result=advies_result,
    more_url=adviesbank_url,
)
def adviezen(request, query):
    published = Advies.objects.filter(
        dossier__in=Dossier.objects.published()
    ).select_related("dossier__gemeente")
    return advies_search(published, query)
