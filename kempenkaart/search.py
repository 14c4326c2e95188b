"""Projects and planning instruments of the Kempenkaart in the portal search
(`atelier.search`)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from atelier.search import Result, provider, text_search

from .models import (
    INSTRUMENT_SEARCH_FIELDS,
    PROJECT_SEARCH_FIELDS,
    Instrument,
    Project,
)


def map_url(request, query):
    return f"{reverse('kempenkaart:map')}?{urlencode({'q': query})}"


def project_result(request, project):
    return Result(
        title=project.title,
        url=project.get_absolute_url(),
        summary=Truncator(strip_tags(project.description)).words(40),
        extra=f"{project.gemeente.name} · {project.get_fase_display()}",
    )


def instrument_result(request, instrument):
    return Result(
        title=instrument.name,
        url=instrument.get_absolute_url(),
        summary=Truncator(instrument.description).words(40),
        extra=f"{instrument.get_soort_display()} · {instrument.get_status_display()}",
    )


@provider(
    _("Projecten op de Kempenkaart"),
    order=30,
    result=project_result,
    more_url=map_url,
)
def projecten(request, query):
    """The projects the user may know exist (`rules`), as on the map and the API."""
    projects = Project.objects.visible_to(request.user).select_related("gemeente")
    return text_search(projects, query, fields=PROJECT_SEARCH_FIELDS, vector="search")


@provider(
    _("Planologische instrumenten"),
    order=40,
    result=instrument_result,
    more_url=map_url,
)
def instrumenten(request, query):
    return text_search(
        Instrument.objects.all(),
        query,
        fields=INSTRUMENT_SEARCH_FIELDS,
        vector="search",
    )
