"""Tailored support (maatwerk): a municipal official asks the Atelier for help; IOK
staff assign partners, keep notes and a status until the request is closed. The
asking municipality follows its own requests on /account/; who sees what is
netwerk.rules (`maatwerk_visible`)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from atelier.models import TimeStampedModel

from .. import rules


class MaatwerkvraagQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(rules.maatwerk_visible(user))

    def open(self):
        return self.filter(
            status__in=[Maatwerkvraag.Status.NIEUW, Maatwerkvraag.Status.IN_BEHANDELING]
        )


class Maatwerkvraag(TimeStampedModel):
    class Status(models.TextChoices):
        NIEUW = "nieuw", _("nieuw")
        IN_BEHANDELING = "in-behandeling", _("in behandeling")
        AFGEROND = "afgerond", _("afgerond")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    class Urgentie(models.TextChoices):
        LAAG = "laag", _("geen haast")
        NORMAAL = "normaal", _("binnen enkele weken")
        HOOG = "hoog", _("dringend")

    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    vraag = models.TextField(_("vraag"))
    thema = models.ForeignKey(
        "atelier.Thema",
        on_delete=models.PROTECT,
        related_name="maatwerkvragen",
        verbose_name=_("thema"),
    )
    urgentie = models.CharField(
        _("urgentie"),
        max_length=10,
        choices=Urgentie.choices,
        default=Urgentie.NORMAAL,
    )
    gemeente = models.ForeignKey(
        "atelier.Gemeente",
        on_delete=models.PROTECT,
        related_name="maatwerkvragen",
        verbose_name=_("gemeente"),
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="maatwerkvragen",
        verbose_name=_("ingediend door"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW
    )
    reden = models.TextField(_("reden van afwijzing"), blank=True)
    partners = models.ManyToManyField(
        "atelier.Organisatie",
        related_name="maatwerkvragen",
        verbose_name=_("toegewezen partners"),
        blank=True,
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    objects = MaatwerkvraagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("maatwerkvraag")
        verbose_name_plural = _("maatwerkvragen")
        permissions = [
            ("vragen_maatwerk", _("Kan maatwerk vragen voor de eigen gemeente"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(reden=""),
                name="%(app_label)s_%(class)s_afgewezen_met_reden",
                violation_error_message=_("Geef een reden om een vraag af te wijzen."),
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["nieuw", "in-behandeling", "afgerond", "afgewezen"]
                ),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.onderwerp} ({self.gemeente})"

    def get_absolute_url(self):
        return reverse("netwerk:maatwerk-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self):
        return self.status in (self.Status.AFGEROND, self.Status.AFGEWEZEN)


def bijlage_path(instance, filename):
    # An unguessable folder: the file is served only through netwerk's view.
    return f"maatwerk/{uuid.uuid4().hex}/{filename}"


class MaatwerkBijlage(TimeStampedModel):
    """A file attached to a request, checked by content (atelier.uploads) and served
    only to whom may see the request."""

    vraag = models.ForeignKey(
        Maatwerkvraag,
        on_delete=models.CASCADE,
        related_name="bijlagen",
        verbose_name=_("vraag"),
    )
    bestand = models.FileField(_("bestand"), upload_to=bijlage_path, max_length=255)
    naam = models.CharField(_("naam"), max_length=120)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse(
            "netwerk:maatwerk-bijlage", kwargs={"pk": self.vraag_id, "bijlage": self.pk}
        )


class MaatwerkNotitie(TimeStampedModel):
    """A note of IOK staff on a request (staff only); a change of status leaves one
    too."""

    vraag = models.ForeignKey(
        Maatwerkvraag,
        on_delete=models.CASCADE,
        related_name="notities",
        verbose_name=_("vraag"),
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    tekst = models.TextField(_("notitie"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self):
        return self.tekst[:80]
