"""What the agenda adds to a Bijeenkomst: its programme (times, titles, speakers),
the sessions of a multi-session day that one registers for, and its documents
(slides and reports, as Wagtail documents, visible to whom may see the gathering:
netwerk.wagtail_hooks registers the rule with atelier.visibility)."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .bijeenkomst import Bijeenkomst, Inschrijving


class Programmapunt(Orderable):
    """One item of a gathering's programme: from when (until when), what, by whom."""

    bijeenkomst = ParentalKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="programma"
    )
    van = models.TimeField(_("van"))
    tot = models.TimeField(_("tot"), null=True, blank=True)
    title = models.CharField(_("onderdeel"), max_length=200)
    sprekers = models.CharField(
        _("sprekers"),
        max_length=300,
        blank=True,
        help_text=_("bv. Jan Peeters (IOK), An Janssens (AR-TUR)"),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("van"), FieldPanel("tot")]),
        FieldPanel("title"),
        FieldPanel("sprekers"),
        FieldPanel("toelichting"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programmapunt")
        verbose_name_plural = _("programma")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gt=F("van")),
                name="%(app_label)s_%(class)s_tot_na_van",
                violation_error_message=_("Een programmapunt eindigt na het begint."),
            )
        ]

    def __str__(self):
        return f"{self.van:%H:%M} {self.title}"


class Sessie(Orderable):
    """A session of a multi-session day: who registers chooses the ones they join."""

    bijeenkomst = ParentalKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="sessies"
    )
    title = models.CharField(_("sessie"), max_length=200)
    start = models.DateTimeField(_("begint"))
    einde = models.DateTimeField(_("eindigt"))
    inschrijvingen = models.ManyToManyField(
        Inschrijving,
        related_name="sessies",
        blank=True,
        verbose_name=_("inschrijvingen"),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("einde")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=F("start")),
                name="%(app_label)s_%(class)s_einde_na_start",
                violation_error_message=_("Een sessie eindigt na ze begint."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%H:%M})"


class BijeenkomstDocument(Orderable):
    """A document of a gathering (slides, a report afterwards): whoever may see the
    gathering may download it, nobody else (atelier.visibility)."""

    bijeenkomst = ParentalKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="documenten"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    omschrijving = models.CharField(
        _("omschrijving"), max_length=200, blank=True, help_text=_("bv. presentatie")
    )

    panels = [FieldPanel("document"), FieldPanel("omschrijving")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self):
        return self.omschrijving or self.document.title
