"""The portal-wide search, `/zoeken/`: one box for model documents, map projects,
instruments and whatever the apps add, grouped by kind.

The core names no app. Each app declares its providers in its `portal.py`
(`atelier.plugins`), usually written in `<app>/search.py` with the decorator:

    @provider(_("Modeldocumenten"), order=10, result=document_result)
    def modeldocumenten(request, query):
        pages = ModelDocumentPage.objects.live().public()
        return text_search(pages, query, fields=["title", "summary"])

A provider returns Results, or a QuerySet (or list) of objects that `result(request,
obj)` turns into one. Full text is Dutch and ignores accents (config `dutch_unaccent`,
migration 0008): "verordeningen" finds "verordening", "cafe" finds "Café".
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    TextField,
    Value,
)
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from . import plugins

SEARCH_CONFIG = "dutch_unaccent"
MIN_LENGTH = 2
MAX_LENGTH = 200
PER_KIND = 20


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    summary: str = ""
    kind: str = ""
    extra: str = ""  # a short line of context: "verordening · lokaal", "Turnhout"


@dataclass(frozen=True)
class Provider:
    kind: str
    order: int
    search: Callable
    result: Callable | None = None
    more_url: Callable | None = None


@dataclass
class Group:
    """The results of one kind: the first PER_KIND of `total`."""

    kind: str
    slug: str
    total: int
    results: list[Result] = field(default_factory=list)
    more_url: str | None = None

    @property
    def truncated(self):
        return self.total > len(self.results)


def provider(kind, order=50, *, result=None, more_url=None):
    """Make `func(request, query)` the search of one kind of thing: a Provider for
    an app's `portal.search_providers`.

    kind: the heading of its results ("Modeldocumenten"); order: lower comes first;
    result(request, obj): a Result for each object, when func returns model objects;
    more_url(request, query): where to see all of them, when there are more than
    PER_KIND (or None)."""

    def make(func):
        return Provider(kind, order, func, result, more_url)

    return make


def providers():
    return plugins.search_providers()


class Unaccent(Func):
    """`unaccent` through its IMMUTABLE wrapper (migration atelier 0011), so that
    indexes on unaccented titles serve the search."""

    function = "atelier_unaccent"
    output_field = TextField()


def search_query(text):
    """The user's words as a Dutch, accent-free query. "websearch" syntax accepts any
    input ("quoted phrases", -not, or) without a syntax error."""
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def search_vector(*fields):
    """The first field weighs most (A), the others B."""
    vector = SearchVector(fields[0], config=SEARCH_CONFIG, weight="A")
    for name in fields[1:]:
        vector += SearchVector(name, config=SEARCH_CONFIG, weight="B")
    return vector


def text_filter(queryset, text, *, fields, vector=None):
    """The rows whose `fields` match `text` in Dutch full text (stemmed, accents
    ignored), or whose first field (the title) contains it as a substring
    ("verhard" finds "verharding"): what `/zoeken/` finds, for the API filters and
    list pages to select the same rows. `vector`: a stored column that holds
    `search_vector(*fields)` (a GeneratedField with a GIN index), read instead of
    computing the vector per row. Annotates `search_vector` and `search_title`."""
    return queryset.annotate(
        search_vector=F(vector) if vector else search_vector(*fields),
        search_title=Unaccent(fields[0]),
    ).filter(Q(search_vector=search_query(text)) | _in_title(text))


def _in_title(text):
    return Q(search_title__icontains=Unaccent(Value(text, output_field=TextField())))


def text_search(queryset, text, *, fields, vector=None):
    """`text_filter`, best first: titles that contain the text, then the best
    ranked. Without a stored `vector` it is computed per query: fine at the size
    of this portal (hundreds of rows per kind)."""
    return (
        text_filter(queryset, text, fields=fields, vector=vector)
        .annotate(
            search_in_title=ExpressionWrapper(
                _in_title(text), output_field=BooleanField()
            ),
            search_rank=SearchRank(F("search_vector"), search_query(text)),
        )
        .order_by("-search_in_title", "-search_rank", fields[0])
    )


def search(request, query):
    """[Group] of every provider that found something, in registry order."""
    groups = []
    for entry in providers():
        found = entry.search(request, query)
        total = len(found) if isinstance(found, list | tuple) else found.count()
        if not total:
            continue
        results = []
        for item in found[:PER_KIND]:
            result = entry.result(request, item) if entry.result else item
            results.append(result if result.kind else replace(result, kind=entry.kind))
        more_url = (
            entry.more_url(request, query)
            if entry.more_url and total > len(results)
            else None
        )
        groups.append(
            Group(entry.kind, slugify(str(entry.kind)), total, results, more_url)
        )
    return groups


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken naar"),
        required=False,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        error_messages={
            "min_length": _("Typ minstens %(limit_value)d tekens."),
            "max_length": _(
                "Je zoekopdracht is te lang: gebruik hoogstens %(limit_value)d tekens "
                "(nu %(show_value)d)."
            ),
            "null_characters_not_allowed": _("Je zoekopdracht bevat ongeldige tekens."),
        },
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class SearchView(TemplateView):
    """`/zoeken/?q=…`: everything on the portal that matches, grouped by kind."""

    template_name = "atelier/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        groups = search(self.request, query) if query else []
        context.update(
            form=form,
            query=query,
            groups=groups,
            kinds=[entry.kind for entry in providers()],
            total=sum(group.total for group in groups),
            per_kind=PER_KIND,
            min_length=MIN_LENGTH,
            max_length=MAX_LENGTH,
        )
        return context
