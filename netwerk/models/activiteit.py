"""What the partners are working on (lopende activiteiten), per municipality and
theme, with a period; and the collaboration opportunities they make ("1 + 1 = 3"):
two or more partners active in the same municipality on the same theme in periods
that overlap. The opportunities are computed in the database
(`ActiviteitQuerySet.samenwerkingskansen`)."""

import datetime

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from atelier.models import TimeStampedModel

from .. import rules

# An open-ended activity (no end date) runs until this day, for the comparisons.
OPEN_END = datetime.date(9999, 12, 31)


class ActiviteitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(rules.activiteit_visible(user))

    def public(self):
        return self.filter(publiek=True)

    def lopend(self, today=None):
        """Not ended yet (today or later, or open-ended)."""
        today = today or timezone.localdate()
        return self.filter(Q(einde__isnull=True) | Q(einde__gte=today))

    def in_gemeente(self, gemeente):
        return self.filter(gemeente=gemeente)

    def samenwerkingskansen(self, today=None):
        """The collaboration opportunities among these activities, best first: one
        row per municipality and theme where two or more partners have activities
        that overlap in time and have not ended. Each row holds gemeente_id,
        thema_id, `partners` (how many), `activiteiten` (their ids), `vanaf` and
        `tot` (the span of the overlapping activities), and `dagen_samen` (the
        longest overlap of two partners' activities, a timedelta).

        Ranked by the number of partners, then the longest overlap, then the
        soonest start. All in SQL: an EXISTS per activity finds its partner
        activities; GROUP BY makes the opportunities."""
        lopend = self.lopend(today)
        end = Coalesce(F("einde"), Value(OPEN_END))
        partner_activities = lopend.filter(
            gemeente=OuterRef("gemeente"),
            thema=OuterRef("thema"),
            start__lte=Coalesce(OuterRef("einde"), Value(OPEN_END)),
        ).exclude(organisatie=OuterRef("organisatie"))
        partner_activities = partner_activities.annotate(end=end).filter(
            end__gte=OuterRef("start")
        )
        longest = (
            partner_activities.annotate(
                samen=Least(F("end"), Coalesce(OuterRef("einde"), Value(OPEN_END)))
                - models.functions.Greatest(F("start"), OuterRef("start"))
            )
            .order_by("-samen")
            .values("samen")[:1]
        )
        return (
            lopend.filter(Exists(partner_activities))
            .annotate(samen=models.Subquery(longest))
            .values("gemeente_id", "thema_id")
            .annotate(
                partners=Count("organisatie", distinct=True),
                activiteiten=ArrayAgg("pk", order_by="pk"),
                vanaf=Min("start"),
                tot=Max(end),
                dagen_samen=Max("samen"),
            )
            .filter(partners__gte=2)
            .order_by("-partners", "-dagen_samen", "vanaf", "gemeente_id", "thema_id")
        )


class Activiteit(TimeStampedModel, ClusterableModel):
    """Something a partner is working on in a municipality, about a theme, for a
    period; public or for the partnership only."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.CASCADE,
        related_name="activiteiten",
        verbose_name=_("partner"),
    )
    gemeente = models.ForeignKey(
        "atelier.Gemeente",
        on_delete=models.PROTECT,
        related_name="activiteiten",
        verbose_name=_("gemeente"),
    )
    thema = models.ForeignKey(
        "atelier.Thema",
        on_delete=models.PROTECT,
        related_name="activiteiten",
        verbose_name=_("thema"),
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    start = models.DateField(_("van"))
    einde = models.DateField(
        _("tot"), null=True, blank=True, help_text=_("Leeg als het nog loopt.")
    )
    projecten = ParentalManyToManyField(
        "kempenkaart.Project",
        related_name="activiteiten",
        verbose_name=_("projecten op de Kempenkaart"),
        blank=True,
    )
    publiek = models.BooleanField(
        _("publiek"),
        default=True,
        help_text=_("Zichtbaar op de pagina van de gemeente en van de partner."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    objects = ActiviteitQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel(
            [FieldPanel("organisatie"), FieldPanel("gemeente"), FieldPanel("thema")]
        ),
        FieldPanel("omschrijving"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("einde")]),
        FieldPanel("projecten"),
        FieldPanel("publiek"),
    ]

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("lopende activiteit")
        verbose_name_plural = _("lopende activiteiten")
        indexes = [
            models.Index(fields=["gemeente", "thema", "start"], name="activiteit_kans")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=F("start")),
                name="%(app_label)s_%(class)s_einde_na_start",
                violation_error_message=_("Een activiteit eindigt na ze begint."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("netwerk:activiteit-detail", kwargs={"slug": self.slug})
