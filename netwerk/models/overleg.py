"""Consultations of the network (overleg): the kernpartneroverleg, a periodic series
of the core partners, and thematic consultations with invited experts. Each meeting
is a `Bijeenkomst` (soort KERNPARTNEROVERLEG or THEMATISCH_OVERLEG) with an `Overleg`
beside it: agenda items, minutes, decisions and action items. Action items belong to
their series: an open one carries over to every next meeting until it is done, and
the next meeting's agenda starts from them (netwerk.services.overleg_plan_next).

Who sees what: netwerk.rules (`overleg_visible`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from atelier.models import TimeStampedModel

from .. import rules
from .bijeenkomst import Bijeenkomst


class OverlegReeks(TimeStampedModel):
    """A series of consultations: the kernpartneroverleg, or one thematic
    consultation (about one theme, possibly meeting more than once)."""

    class Soort(models.TextChoices):
        KERNPARTNEROVERLEG = "kernpartneroverleg", _("kernpartneroverleg")
        THEMATISCH = "thematisch-overleg", _("thematisch overleg")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    thema = models.ForeignKey(
        "atelier.Thema",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overlegreeksen",
        verbose_name=_("thema"),
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("soort"), FieldPanel("thema")]),
        FieldPanel("omschrijving"),
    ]

    class Meta:
        ordering = ["soort", "title"]
        verbose_name = _("overlegreeks")
        verbose_name_plural = _("overlegreeksen")
        permissions = [
            ("deelnemen_overleg", _("Kan deelnemen aan overleg waarvoor uitgenodigd"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort="kernpartneroverleg") | Q(thema__isnull=False),
                name="%(app_label)s_%(class)s_thematisch_heeft_thema",
                violation_error_message=_("Een thematisch overleg heeft een thema."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def bijeenkomst_soort(self):
        if self.soort == self.Soort.KERNPARTNEROVERLEG:
            return Bijeenkomst.Soort.KERNPARTNEROVERLEG
        return Bijeenkomst.Soort.THEMATISCH_OVERLEG


class OverlegQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The meetings `user` may know exist (netwerk.rules decides)."""
        return self.filter(rules.overleg_visible(user))

    def upcoming(self, now=None):
        return self.filter(bijeenkomst__einde__gte=now or timezone.now()).order_by(
            "bijeenkomst__start", "pk"
        )

    def past(self, now=None):
        return self.filter(bijeenkomst__einde__lt=now or timezone.now()).order_by(
            "-bijeenkomst__start", "-pk"
        )

    def kernpartneroverleg(self):
        return self.filter(reeks__soort=OverlegReeks.Soort.KERNPARTNEROVERLEG)


class Overleg(TimeStampedModel, ClusterableModel):
    """One meeting of a series: its gathering, agenda, minutes, decisions and the
    action items raised in it."""

    bijeenkomst = models.OneToOneField(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="overleg",
        verbose_name=_("bijeenkomst"),
    )
    reeks = models.ForeignKey(
        OverlegReeks,
        on_delete=models.PROTECT,
        related_name="vergaderingen",
        verbose_name=_("reeks"),
    )
    notulen = models.TextField(_("verslag"), blank=True)

    objects = OverlegQuerySet.as_manager()

    panels = [
        FieldPanel("reeks"),
        FieldPanel("bijeenkomst"),
        InlinePanel("agendapunten", label=_("Agendapunten")),
        FieldPanel("notulen"),
        InlinePanel("besluiten", label=_("Besluiten")),
        InlinePanel("actiepunten", label=_("Actiepunten")),
    ]

    class Meta:
        ordering = ["bijeenkomst__start", "id"]
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")

    def __str__(self):
        return str(self.bijeenkomst)

    def get_absolute_url(self):
        return reverse("netwerk:overleg-detail", kwargs={"slug": self.bijeenkomst.slug})

    @property
    def is_kernpartneroverleg(self):
        return self.reeks.soort == OverlegReeks.Soort.KERNPARTNEROVERLEG

    def openstaande_actiepunten(self):
        """Action items of the series that were open when this meeting took place:
        raised at an earlier meeting, and not done before this one started."""
        return (
            Actiepunt.objects.filter(
                overleg__reeks=self.reeks,
                overleg__bijeenkomst__start__lt=self.bijeenkomst.start,
            )
            .filter(
                ~Q(status=Actiepunt.Status.AFGEROND)
                | Q(afgerond_op__gte=self.bijeenkomst.start)
            )
            .select_related("eigenaar_organisatie", "eigenaar", "overleg__bijeenkomst")
        )


class AgendaPunt(Orderable):
    """An item of a meeting's agenda; it may come from an open action item or from a
    collaboration opportunity (a municipality and a theme)."""

    overleg = ParentalKey(
        Overleg, on_delete=models.CASCADE, related_name="agendapunten"
    )
    titel = models.CharField(_("titel"), max_length=255)
    toelichting = models.TextField(_("toelichting"), blank=True)
    actiepunt = models.ForeignKey(
        "Actiepunt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opvolging van actiepunt"),
    )
    kans_gemeente = models.ForeignKey(
        "atelier.Gemeente",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samenwerkingskans in gemeente"),
    )
    kans_thema = models.ForeignKey(
        "atelier.Thema",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samenwerkingskans over thema"),
    )

    panels = [FieldPanel("titel"), FieldPanel("toelichting")]

    class Meta(Orderable.Meta):
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.UniqueConstraint(
                fields=["overleg", "kans_gemeente", "kans_thema"],
                name="agendapunt_kans_eenmaal",
                violation_error_message=_(
                    "Deze samenwerkingskans staat al op de agenda van dit overleg."
                ),
            ),
            models.UniqueConstraint(
                fields=["overleg", "actiepunt"],
                name="agendapunt_actiepunt_eenmaal",
            ),
        ]

    def __str__(self):
        return self.titel


class Besluit(Orderable):
    overleg = ParentalKey(Overleg, on_delete=models.CASCADE, related_name="besluiten")
    tekst = models.TextField(_("besluit"))

    panels = [FieldPanel("tekst")]

    class Meta(Orderable.Meta):
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self):
        return self.tekst[:80]


class Actiepunt(Orderable):
    """Something a partner organisation or a person will do, raised at a meeting;
    it stays on the series' agenda until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        BEZIG = "bezig", _("bezig")
        AFGEROND = "afgerond", _("afgerond")

    overleg = ParentalKey(
        Overleg,
        on_delete=models.CASCADE,
        related_name="actiepunten",
        verbose_name=_("opgenomen in"),
    )
    omschrijving = models.TextField(_("actie"))
    eigenaar_organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actiepunten",
        verbose_name=_("trekker (organisatie)"),
    )
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actiepunten",
        verbose_name=_("trekker (persoon)"),
    )
    deadline = models.DateField(_("tegen"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    panels = [
        FieldPanel("omschrijving"),
        FieldRowPanel([FieldPanel("eigenaar_organisatie"), FieldPanel("eigenaar")]),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("status")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "bezig", "afgerond"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def __str__(self):
        return self.omschrijving[:80]

    @property
    def trekker(self):
        return self.eigenaar or self.eigenaar_organisatie

    @property
    def is_done(self):
        return self.status == self.Status.AFGEROND
