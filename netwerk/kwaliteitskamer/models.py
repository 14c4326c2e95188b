"""The kwaliteitskamer's models: the expert pool, sittings and their time slots, the
dossiers municipalities submit (with attachments, a panel per dossier and declared
conflicts), the advice and the outcome. Who sees what: `rules.py`; every write that
spans models: `services.py`."""

import datetime
import functools
import uuid

import holidays
from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atelier.models import TimeStampedModel

from . import rules

ADVICE_WORKING_DAYS = 10


@functools.lru_cache(maxsize=32)
def _feestdagen(year):
    """Belgian public holidays of `year` (built once per year and process)."""
    return holidays.country_holidays("BE", years=year)


def _is_working_day(day):
    return day.weekday() < 5 and day not in _feestdagen(day.year)


def add_working_days(day, count):
    """`count` Belgian working days after `day` (weekends and public holidays skipped)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        count -= _is_working_day(day)
    return day


def working_days_between(start, end):
    """The Belgian working days after `start` up to and including `end`."""
    count = 0
    while start < end:
        start += datetime.timedelta(days=1)
        count += _is_working_day(start)
    return count


class Expert(TimeStampedModel):
    """A member of the expert pool: a user in the role Kwaliteitskamer-lid, with their
    fields of expertise and the organisation they work for (for conflict warnings)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert",
        verbose_name=_("gebruiker"),
    )
    organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
        verbose_name=_("organisatie"),
    )
    expertises = ArrayField(
        models.CharField(max_length=60),
        default=list,
        blank=True,
        verbose_name=_("expertise"),
    )
    actief = models.BooleanField(_("actief in de pool"), default=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "id"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self):
        return str(self.user)


class Zitting(TimeStampedModel):
    """A sitting of the kwaliteitskamer: a gathering (netwerk.Bijeenkomst of soort
    ZITTING, seen only by its invitees and staff) split in time slots."""

    class Vorm(models.TextChoices):
        REVIEW = "review", _("review")
        PROJECTATELIER = "projectatelier", _("projectatelier met plaatsbezoek")
        VOORZITTER = "voorzitter", _("voorzittersreview")

    bijeenkomst = models.OneToOneField(
        "netwerk.Bijeenkomst",
        on_delete=models.CASCADE,
        related_name="zitting",
        verbose_name=_("bijeenkomst"),
    )
    vorm = models.CharField(
        _("vorm"), max_length=20, choices=Vorm.choices, default=Vorm.REVIEW
    )
    slot_minuten = models.PositiveSmallIntegerField(
        _("duur van een tijdslot (minuten)"), default=45
    )
    intake_dagen = models.PositiveSmallIntegerField(
        _("intake sluit zoveel dagen voor de zitting"), default=7
    )
    voorzitter = models.ForeignKey(
        Expert,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorgezeten_zittingen",
        verbose_name=_("voorzitter"),
    )
    panel = models.ManyToManyField(
        Expert, related_name="zittingen", blank=True, verbose_name=_("panel")
    )

    class Meta:
        ordering = ["bijeenkomst__start", "id"]
        verbose_name = _("zitting")
        verbose_name_plural = _("zittingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minuten__gte=10) & Q(slot_minuten__lte=240),
                name="zitting_slot_duur",
                violation_error_message=_(
                    "Een tijdslot duurt tussen 10 en 240 minuten."
                ),
            )
        ]

    def __str__(self):
        return str(self.bijeenkomst)

    def get_absolute_url(self):
        return reverse(
            "kwaliteitskamer:zitting", kwargs={"slug": self.bijeenkomst.slug}
        )

    @property
    def datum(self):
        return timezone.localtime(self.bijeenkomst.start).date()

    def intake_deadline(self):
        """The moment the intake closes: `intake_dagen` days before the sitting."""
        return self.bijeenkomst.start - datetime.timedelta(days=self.intake_dagen)

    def intake_open(self, now=None):
        return (now or timezone.now()) < self.intake_deadline()

    def advice_deadline(self):
        return add_working_days(self.datum, ADVICE_WORKING_DAYS)


class Tijdslot(TimeStampedModel):
    """One slot of a sitting; at most one dossier books it (a database constraint on
    Dossier.tijdslot)."""

    zitting = models.ForeignKey(
        Zitting, on_delete=models.CASCADE, related_name="tijdsloten"
    )
    start = models.DateTimeField(_("begint"))
    einde = models.DateTimeField(_("eindigt"))

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("tijdslot")
        verbose_name_plural = _("tijdsloten")
        constraints = [
            models.UniqueConstraint(
                fields=["zitting", "start"], name="tijdslot_eenmaal"
            ),
            models.CheckConstraint(
                condition=Q(einde__gt=F("start")), name="tijdslot_einde_na_start"
            ),
        ]

    def __str__(self):
        start = timezone.localtime(self.start)
        return f"{start:%d/%m/%Y %H:%M}–{timezone.localtime(self.einde):%H:%M}"

    @property
    def is_free(self):
        return not hasattr(self, "dossier")


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(rules.dossier_visible(user))

    def published(self):
        return self.filter(rules.dossier_published())


class Dossier(TimeStampedModel):
    """A project a municipality presents to the kwaliteitskamer: its intake, its
    panel, and what happened next."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        INGEDIEND = "ingediend", _("ingediend")

    class Ontwerpfase(models.TextChoices):
        VERKENNING = "verkenning", _("verkenning")
        SCHETSONTWERP = "schetsontwerp", _("schetsontwerp")
        VOORONTWERP = "voorontwerp", _("voorontwerp")
        DEFINITIEF = "definitief", _("definitief ontwerp")
        AANVRAAG = "aanvraag", _("vergunningsaanvraag")

    class Beslissing(models.TextChoices):
        GEEN = "", _("nog geen beslissing")
        VERGUND = "vergund", _("vergund")
        VOORWAARDEN = "voorwaarden", _("vergund met voorwaarden")
        GEWEIGERD = "geweigerd", _("geweigerd")
        INGETROKKEN = "ingetrokken", _("aanvraag ingetrokken")

    class Gevolgd(models.TextChoices):
        ONBEKEND = "", _("nog niet bekend")
        JA = "ja", _("ja")
        DEELS = "deels", _("gedeeltelijk")
        NEE = "nee", _("nee")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tijdslot = models.OneToOneField(
        Tijdslot,
        on_delete=models.PROTECT,
        related_name="dossier",
        verbose_name=_("tijdslot"),
    )
    gemeente = models.ForeignKey(
        "atelier.Gemeente",
        on_delete=models.PROTECT,
        related_name="kwaliteitskamer_dossiers",
        verbose_name=_("gemeente"),
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="kwaliteitskamer_dossiers",
        verbose_name=_("ingediend door"),
    )
    vorige = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volgende",
        verbose_name=_("vorige ronde"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    title = models.CharField(_("project"), max_length=200)
    project = models.ForeignKey(
        "kempenkaart.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kwaliteitskamer_dossiers",
        verbose_name=_("project op de Kempenkaart"),
    )
    locatie = models.PointField(
        _("ligging"), srid=4326, null=True, blank=True, spatial_index=False
    )
    ontwerpfase = models.CharField(
        _("ontwerpfase"), max_length=20, choices=Ontwerpfase.choices
    )
    beschrijving = models.TextField(_("korte beschrijving"), blank=True)
    vragen = models.TextField(_("vragen aan de kwaliteitskamer"), blank=True)
    ontwerper = models.CharField(_("ontwerper"), max_length=200, blank=True)
    ontwerper_organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontwerpbureau (organisatie)"),
    )
    aanvrager = models.CharField(_("aanvrager"), max_length=200, blank=True)
    aanvrager_organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanvrager (organisatie)"),
    )
    themas = models.ManyToManyField(
        "atelier.Thema",
        related_name="kwaliteitskamer_dossiers",
        blank=True,
        verbose_name=_("thema's"),
    )

    # Publication (the municipality agrees, or the permit decision is public).
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    # Outcome.
    omgevingsloket_nummer = models.CharField(
        _("projectnummer Omgevingsloket"), max_length=30, blank=True
    )
    beslissing = models.CharField(
        _("vergunningsbeslissing"),
        max_length=20,
        choices=Beslissing.choices,
        blank=True,
        default="",
    )
    beslissing_datum = models.DateField(_("datum beslissing"), null=True, blank=True)
    advies_gevolgd = models.CharField(
        _("advies gevolgd"),
        max_length=10,
        choices=Gevolgd.choices,
        blank=True,
        default="",
    )
    gevolgd_toelichting = models.TextField(_("hoe het advies gevolgd werd"), blank=True)

    is_demo = models.BooleanField(_("demogegevens"), default=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["tijdslot__start", "id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        permissions = [
            ("book_tijdslot", _("Kan een tijdslot boeken en een dossier indienen")),
            ("advise_dossier", _("Kan als expert adviseren")),
            ("manage_kwaliteitskamer", _("Kan de kwaliteitskamer beheren")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="concept") | Q(ingediend_op__isnull=False),
                name="dossier_ingediend_heeft_datum",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("kwaliteitskamer:dossier", kwargs={"pk": self.pk})

    @property
    def zitting(self):
        return self.tijdslot.zitting

    @property
    def ronde(self):
        count, earlier = 1, self.vorige
        while earlier is not None and count < 20:
            count, earlier = count + 1, earlier.vorige
        return count

    @property
    def is_published(self):
        return self.gepubliceerd_op is not None

    def missing_documents(self):
        """The required kinds of attachment not yet uploaded (the checklist)."""
        present = set(self.bijlagen.values_list("soort", flat=True))
        return [soort for soort in Bijlage.REQUIRED if soort not in present]


def bijlage_path(instance, filename):
    # Unguessable, and outside what /media/ serves: only the download view serves it.
    return f"kwaliteitskamer/{instance.dossier.uid}/{uuid.uuid4().hex}/{filename}"


class Bijlage(TimeStampedModel):
    class Soort(models.TextChoices):
        PLANNEN = "plannen", _("plannen (PDF)")
        SITUERING = "situering", _("situeringsplan")
        BEELDEN = "beelden", _("beelden")
        ANDERE = "andere", _("ander document")

    REQUIRED = [Soort.PLANNEN, Soort.SITUERING]

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="bijlagen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    naam = models.CharField(_("naam"), max_length=120)
    bestand = models.FileField(_("bestand"), upload_to=bijlage_path, max_length=300)

    class Meta:
        ordering = ["soort", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.naam

    @property
    def is_pdf(self):
        return self.bestand.name.lower().endswith(".pdf")


class PanelLid(TimeStampedModel):
    """An expert on the panel of one dossier, with their declaration of conflicts of
    interest. A conflicted expert does not see the dossier at all."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="panelleden"
    )
    expert = models.ForeignKey(
        Expert, on_delete=models.CASCADE, related_name="panelplaatsen"
    )
    conflict = models.BooleanField(_("belangenconflict"), default=False)
    conflict_toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["expert__user__last_name", "id"]
        verbose_name = _("panellid")
        verbose_name_plural = _("panelleden")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "expert"], name="panellid_eenmaal"
            )
        ]

    def __str__(self):
        return f"{self.expert} – {self.dossier}"


class Advies(TimeStampedModel):
    class Conclusie(models.TextChoices):
        POSITIEF = "positief", _("positief")
        VOORWAARDEN = "voorwaarden", _("positief met voorwaarden")
        HEROVERWEGEN = "heroverwegen", _("heroverwegen")
        NEGATIEF = "negatief", _("negatief")

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="advies"
    )
    context = models.TextField(_("context"))
    appreciatie = models.TextField(_("appreciatie"))
    aanbevelingen = models.TextField(_("aanbevelingen"))
    conclusie = models.CharField(
        _("conclusie"), max_length=20, choices=Conclusie.choices
    )
    schets = models.FileField(
        _("vlugschets"), upload_to=bijlage_path, max_length=300, blank=True
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")

    def __str__(self):
        return f"{_('Advies')}: {self.dossier}"

    @property
    def is_approved(self):
        return self.goedgekeurd_op is not None

    def turnaround_days(self):
        """Working days between the sitting and the approval (None before)."""
        if not self.goedgekeurd_op:
            return None
        return working_days_between(
            self.dossier.zitting.datum, timezone.localtime(self.goedgekeurd_op).date()
        )

    def is_overdue(self, today=None):
        deadline = self.dossier.zitting.advice_deadline()
        if self.goedgekeurd_op:
            return timezone.localtime(self.goedgekeurd_op).date() > deadline
        return (today or timezone.localdate()) > deadline
