"""The agenda's filters, one FilterSet for the page and the calendar feed, so that
`/agenda/?thema=…&gemeente=…&soort=…` and `/agenda.ics?…` hold the same gatherings.
Values are checked in Python against the known slugs (no query sees a NUL byte)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from atelier.models import Gemeente, Thema

from .models import Bijeenkomst


def thema_choices():
    return list(Thema.objects.order_by("name").values_list("slug", "name"))


def gemeente_choices():
    return list(Gemeente.objects.order_by("name").values_list("slug", "name"))


class BijeenkomstFilter(django_filters.FilterSet):
    thema = django_filters.ChoiceFilter(
        label=_("Thema"),
        choices=thema_choices,
        field_name="themas__slug",
        empty_label=_("Alle thema's"),
    )
    gemeente = django_filters.ChoiceFilter(
        label=_("Gemeente"),
        choices=gemeente_choices,
        field_name="gemeenten__slug",
        empty_label=_("Alle gemeenten"),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"),
        choices=Bijeenkomst.Soort.choices,
        empty_label=_("Alle soorten"),
    )

    class Meta:
        model = Bijeenkomst
        fields = ["thema", "gemeente", "soort"]

    def filter_queryset(self, queryset):
        # A gathering with two matching themes appears once.
        return super().filter_queryset(queryset).distinct()
