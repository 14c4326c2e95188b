"""Published toolboxes' tools in the portal search (`atelier.search`)."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from atelier.search import Result, provider, text_search

from .models import Tool


def tool_result(request, tool):
    traject = tool.hefboom.traject
    return Result(
        title=tool.title,
        url=f"{traject.get_absolute_url()}toolbox/#tool-{tool.pk}",
        summary=Truncator(tool.beschrijving).words(40),
        extra=f"{traject.title} · {tool.hefboom.titel}",
    )


@provider(_("Toolbox leergemeenschap"), order=40, result=tool_result)
def tools(request, query):
    found = Tool.objects.public().filter(hefboom__gepubliceerd=True)
    found = found.filter(hefboom__traject__gepubliceerd=True).select_related(
        "hefboom__traject"
    )
    return text_search(found, query, fields=["title", "beschrijving", "dos", "donts"])
