"""Filters of the model-document library (its index page)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from atelier.models import Thema

from .models import (
    Beleidsniveau,
    DocumentSoort,
    Doelgroep,
    InspirationPage,
    ModelDocumentPage,
)


def thema_filter():
    """A theme by its slug (a NUL byte or an unknown slug: a form error, no query)."""
    return django_filters.ModelChoiceFilter(
        field_name="themas",
        queryset=Thema.objects.all(),
        to_field_name="slug",
        label=_("Thema"),
        empty_label=_("Alle thema's"),
    )


class ModelDocumentFilterSet(django_filters.FilterSet):
    thema = thema_filter()
    soort = django_filters.ModelChoiceFilter(
        queryset=DocumentSoort.objects.all(),
        to_field_name="slug",
        label=_("Soort document"),
        empty_label=_("Alle soorten"),
    )
    niveau = django_filters.ChoiceFilter(
        field_name="beleidsniveau",
        choices=Beleidsniveau.choices,
        label=_("Vertaalt beleid van"),
        empty_label=_("Alle niveaus"),
    )
    doelgroep = django_filters.ModelChoiceFilter(
        field_name="doelgroepen",
        queryset=Doelgroep.objects.all(),
        to_field_name="slug",
        label=_("Doelgroep"),
        empty_label=_("Alle doelgroepen"),
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Zoeken"))

    class Meta:
        model = ModelDocumentPage
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search_text(value) if value else queryset


class InspirationFilterSet(django_filters.FilterSet):
    thema = thema_filter()

    class Meta:
        model = InspirationPage
        fields = []
