"""Gatherings in the portal search (`atelier.search`): only those the searcher may
see (netwerk.rules)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atelier.search import Result, provider, text_search

from .models import Bijeenkomst


def bijeenkomst_result(request, bijeenkomst):
    when = timezone.localtime(bijeenkomst.start)
    extra = f"{when:%d/%m/%Y} · {bijeenkomst.get_soort_display()}"
    if bijeenkomst.is_cancelled:
        extra += f" · {_('geannuleerd')}"
    return Result(
        title=bijeenkomst.title,
        url=bijeenkomst.get_absolute_url(),
        summary=bijeenkomst.samenvatting,
        extra=extra,
    )


@provider(_("Agenda"), order=35, result=bijeenkomst_result)
def bijeenkomsten(request, query):
    found = Bijeenkomst.objects.visible_to(request.user)
    return text_search(found, query, fields=["title", "samenvatting", "beschrijving"])
