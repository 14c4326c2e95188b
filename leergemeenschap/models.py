"""The learning community (leergemeenschap): a trajectory in phases, its themes
(hefbomen) with registrations and cases, 3 to 5 work sessions per theme, the
evaluation of the proposed tools, the needs survey, practice examples and the
toolbox that comes out of it.

The start day and every work session are `netwerk.Bijeenkomst` rows (soort STARTDAG
and WERKSESSIE) linked one-to-one from here, so the agenda and the calendar feeds see
them, each only by those who may (netwerk.rules). Who may see and do what here:
leergemeenschap.rules; writes: leergemeenschap.services.
"""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from atelier.models import TimeStampedModel

from . import rules

RESERVED_SLUGS = {"inschrijven", "peiling", "toolbox", "praktijkvoorbeeld", "beheer"}
MIN_WERKSESSIES = 3
MAX_WERKSESSIES = 5


PRIVATE_FOLDER = "prive/leergemeenschap"


def private_storage():
    """The storage of migrations 0001–0004 (kept so that they still import). The
    files now live in the portal's own storage (local disk or S3, atelier.storage),
    so that backups and every app process find them: `private_path`."""
    from django.core.files.storage import default_storage

    return default_storage


def private_path(instance, filename):
    """Attachments of cases and session documents, in the portal's storage under a
    folder that no URL serves (Django serves /media/ only for Wagtail images,
    atelier/media.py), in an unguessable folder per file; our views serve them to
    whom leergemeenschap.rules allows."""
    return f"{PRIVATE_FOLDER}/{type(instance).__name__.lower()}/{uuid.uuid4().hex}/{filename}"


class TrajectQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(rules.traject_visible(user))

    def published(self):
        return self.filter(gepubliceerd=True)

    def running(self, today=None):
        today = today or timezone.localdate()
        return self.filter(einde__gte=today)

    def past(self, today=None):
        today = today or timezone.localdate()
        return self.filter(einde__lt=today)

    def with_participant_gemeente(self, gemeente):
        return self.filter(
            hefbomen__inschrijvingen__organisatie__gemeente=gemeente,
            hefbomen__inschrijvingen__status="bevestigd",
        ).distinct()


class Traject(TimeStampedModel):
    """A learning trajectory: who organises it, for whom, and its phases."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    ondertitel = models.CharField(_("ondertitel"), max_length=300, blank=True)
    organisatoren = models.ManyToManyField(
        "atelier.Organisatie",
        related_name="leertrajecten",
        verbose_name=_("organisatoren"),
        blank=True,
    )
    organisatoren_tekst = models.CharField(
        _("organisatoren (tekst)"),
        max_length=300,
        blank=True,
        help_text=_("Voor organisatoren die geen organisatie in het portaal zijn."),
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    doelgroep_eerste_orde = models.TextField(
        _("doelgroep (eerste orde)"),
        help_text=_("Wie zonder meer deelneemt: bv. de 29 Kempense gemeenten en IOK."),
    )
    doelgroep_tweede_orde = models.TextField(
        _("doelgroep (tweede orde)"),
        blank=True,
        help_text=_("Wie kan aansluiten als er plaats is; IOK keurt goed."),
    )
    eerste_orde_gemeenten = models.ManyToManyField(
        "atelier.Gemeente",
        related_name="+",
        verbose_name=_("gemeenten in eerste orde"),
        blank=True,
    )
    eerste_orde_organisaties = models.ManyToManyField(
        "atelier.Organisatie",
        related_name="+",
        verbose_name=_("andere organisaties in eerste orde"),
        blank=True,
    )
    engagement = models.TextField(_("voorwaarden deelname"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    begin = models.DateField(_("begint"))
    einde = models.DateField(_("eindigt"))
    startdag = models.OneToOneField(
        "netwerk.Bijeenkomst",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="startdag_van",
        verbose_name=_("startdag"),
    )
    gepubliceerd = models.BooleanField(_("gepubliceerd"), default=False)
    toolbox_gepubliceerd_op = models.DateTimeField(
        _("toolbox gepubliceerd op"), null=True, blank=True
    )
    toolbox_inleiding = models.TextField(_("inleiding van de toolbox"), blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    objects = TrajectQuerySet.as_manager()

    class Meta:
        ordering = ["-begin", "title"]
        verbose_name = _("leertraject")
        verbose_name_plural = _("leertrajecten")
        permissions = [("manage_traject", _("Kan leertrajecten beheren"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gte=F("begin")),
                name="%(app_label)s_%(class)s_einde_na_begin",
                violation_error_message=_("Een traject eindigt na het begint."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("leergemeenschap:traject", kwargs={"slug": self.slug})

    @property
    def toolbox_published(self):
        return self.toolbox_gepubliceerd_op is not None

    def is_running(self, today=None):
        return self.einde >= (today or timezone.localdate())

    def current_fase(self, today=None):
        today = today or timezone.localdate()
        return (
            self.fasen.filter(begin__lte=today, einde__gte=today).order_by("-begin")
        ).first()

    def organiser_names(self):
        names = [o.name for o in self.organisatoren.all()]
        if self.organisatoren_tekst:
            names.append(self.organisatoren_tekst)
        return ", ".join(names)


class Fase(TimeStampedModel):
    """One phase of a trajectory's timeline."""

    class Soort(models.TextChoices):
        VOORBEREIDING = "voorbereiding", _("voorbereiding")
        START = "start", _("start")
        LOKALE_INPUT = "lokale-input", _("lokale input")
        PLANNING = "planning", _("planning werksessies")
        WERKSESSIES = "werksessies", _("werksessies")
        OUTPUT = "output", _("output")

    ORDER = list(Soort.values)

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="fasen")
    soort = models.CharField(_("fase"), max_length=20, choices=Soort.choices)
    begin = models.DateField(_("van"))
    einde = models.DateField(_("tot en met"))
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["traject", "begin", "id"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "soort"],
                name="fase_eenmaal_per_traject",
                violation_error_message=_("Deze fase komt al voor in dit traject."),
            ),
            models.CheckConstraint(
                condition=Q(einde__gte=F("begin")),
                name="%(app_label)s_%(class)s_einde_na_begin",
                violation_error_message=_("Een fase eindigt na ze begint."),
            ),
        ]

    def __str__(self):
        return f"{self.traject}: {self.get_soort_display()}"

    def state(self, today=None):
        today = today or timezone.localdate()
        if self.einde < today:
            return "voorbij"
        if self.begin > today:
            return "komend"
        return "nu"


class HefboomQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(rules.hefboom_visible(user))

    def open_for_registration(self, now=None):
        return self.filter(
            gepubliceerd=True,
            traject__gepubliceerd=True,
            inschrijven_tot__gt=now or timezone.now(),
        )


class Hefboom(TimeStampedModel):
    """A theme of a trajectory: the question the participants work on."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="hefbomen"
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    slug = models.SlugField(_("slug"), max_length=100)
    titel = models.CharField(_("korte titel"), max_length=200)
    vraag = models.TextField(_("vraag"))
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    experts = models.TextField(
        _("experts"),
        blank=True,
        help_text=_("Eén expert per regel: naam, organisatie."),
    )
    inschrijven_tot = models.DateTimeField(_("inschrijven kan tot"))
    gepubliceerd = models.BooleanField(
        _("gepubliceerd"),
        default=False,
        help_text=_("Kan pas met 3 tot 5 geplande werksessies."),
    )

    objects = HefboomQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "nummer"]
        verbose_name = _("hefboom")
        verbose_name_plural = _("hefbomen")
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "nummer"],
                name="hefboom_nummer_uniek",
                violation_error_message=_("Dit nummer bestaat al in dit traject."),
            ),
            models.UniqueConstraint(
                fields=["traject", "slug"],
                name="hefboom_slug_uniek",
                violation_error_message=_("Deze slug bestaat al in dit traject."),
            ),
        ]

    def __str__(self):
        return f"{self.traject} – hefboom {self.nummer}: {self.titel}"

    def clean(self):
        # A hefboom's page is /leergemeenschap/<traject>/<hefboom>/: these slugs are
        # the trajectory's own pages.
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("De slug '%(slug)s' is voorbehouden: kies een andere.")
                    % {"slug": self.slug}
                }
            )

    def get_absolute_url(self):
        return reverse(
            "leergemeenschap:hefboom",
            kwargs={"slug": self.traject.slug, "hefboom": self.slug},
        )

    def registration_open(self, now=None):
        return self.inschrijven_tot > (now or timezone.now())

    def expert_list(self):
        return [line.strip() for line in self.experts.splitlines() if line.strip()]

    @cached_property
    def laatste_werksessie(self):
        return self.werksessies.order_by("-volgnummer").first()


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(rules.case_visible(user)).distinct()


class Case(TimeStampedModel):
    """A local question a participant carries through the trajectory."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="cases")
    organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.CASCADE,
        related_name="leercases",
        verbose_name=_("organisatie"),
    )
    title = models.CharField(_("titel van de case"), max_length=200)
    beschrijving = models.TextField(_("beschrijving van de case"))
    punt = models.PointField(
        _("ligging op de kaart"), srid=4326, null=True, blank=True, spatial_index=False
    )
    openbaar = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_("Anders zien alleen de deelnemers van de hefboom en IOK ze."),
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [GistIndex(name="leercase_punt_gist", fields=["punt"])]

    def __str__(self):
        return self.title


class CaseBijlage(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="bijlagen")
    naam = models.CharField(_("naam"), max_length=120)
    bestand = models.FileField(_("bestand"), upload_to=private_path, max_length=255)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.naam


class InschrijvingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Inschrijving.Status.BEVESTIGD)


class Inschrijving(TimeStampedModel):
    """An organisation (a local government) registered for one hefboom."""

    class Orde(models.TextChoices):
        EERSTE = "eerste", _("eerste orde")
        TWEEDE = "tweede", _("tweede orde")

    class Status(models.TextChoices):
        BEVESTIGD = "bevestigd", _("bevestigd")
        TE_BEOORDELEN = "te-beoordelen", _("wacht op goedkeuring")
        GEWEIGERD = "geweigerd", _("niet aanvaard")

    hefboom = models.ForeignKey(
        Hefboom, on_delete=models.CASCADE, related_name="inschrijvingen"
    )
    organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.CASCADE,
        related_name="leerinschrijvingen",
        verbose_name=_("organisatie"),
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="leerinschrijvingen",
    )
    contactpersonen = models.TextField(
        _("contactpersonen"), help_text=_("Eén per regel: naam, functie, e-mail.")
    )
    relevant = models.TextField(
        _("wat is voor u zeer relevant?"),
        blank=True,
        help_text=_("Wat kan u sneller vooruit helpen?"),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inschrijvingen",
    )
    orde = models.CharField(_("orde"), max_length=10, choices=Orde.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InschrijvingQuerySet.as_manager()

    class Meta:
        ordering = ["hefboom", "organisatie__name"]
        verbose_name = _("inschrijving voor een hefboom")
        verbose_name_plural = _("inschrijvingen voor hefbomen")
        constraints = [
            models.UniqueConstraint(
                fields=["hefboom", "organisatie"],
                name="leerinschrijving_eenmaal",
                violation_error_message=_(
                    "Deze organisatie is al ingeschreven voor deze hefboom."
                ),
            )
        ]

    def __str__(self):
        return f"{self.organisatie} – {self.hefboom}"


class Werksessie(TimeStampedModel):
    """A half-day work session of a hefboom; its date and place are its Bijeenkomst."""

    hefboom = models.ForeignKey(
        Hefboom, on_delete=models.CASCADE, related_name="werksessies"
    )
    bijeenkomst = models.OneToOneField(
        "netwerk.Bijeenkomst",
        on_delete=models.PROTECT,
        related_name="werksessie",
        verbose_name=_("bijeenkomst"),
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    agenda = models.TextField(_("agenda"), blank=True)
    experts = models.TextField(_("experts"), blank=True)
    verslag = models.TextField(_("verwerkte input (verslag)"), blank=True)
    verslag_gepubliceerd_op = models.DateTimeField(
        _("verslag gepubliceerd op"), null=True, blank=True
    )

    class Meta:
        ordering = ["hefboom", "volgnummer"]
        verbose_name = _("werksessie")
        verbose_name_plural = _("werksessies")
        constraints = [
            models.UniqueConstraint(
                fields=["hefboom", "volgnummer"], name="werksessie_volgnummer_uniek"
            ),
            models.CheckConstraint(
                condition=Q(volgnummer__gte=1, volgnummer__lte=MAX_WERKSESSIES),
                name="%(app_label)s_%(class)s_hoogstens_vijf",
                violation_error_message=_("Een hefboom heeft hoogstens 5 werksessies."),
            ),
        ]

    def __str__(self):
        return f"{self.hefboom.titel}: werksessie {self.volgnummer}"

    def get_absolute_url(self):
        return reverse(
            "leergemeenschap:werksessie",
            kwargs={
                "slug": self.hefboom.traject.slug,
                "hefboom": self.hefboom.slug,
                "nummer": self.volgnummer,
            },
        )

    @property
    def is_laatste(self):
        return self.volgnummer == self.hefboom.werksessies.count()


class SessieDocument(TimeStampedModel):
    werksessie = models.ForeignKey(
        Werksessie, on_delete=models.CASCADE, related_name="documenten"
    )
    naam = models.CharField(_("naam"), max_length=120)
    bestand = models.FileField(_("bestand"), upload_to=private_path, max_length=255)

    class Meta:
        ordering = ["werksessie", "id"]
        verbose_name = _("document van een werksessie")
        verbose_name_plural = _("documenten van werksessies")

    def __str__(self):
        return self.naam


class Aanwezigheid(TimeStampedModel):
    werksessie = models.ForeignKey(
        Werksessie, on_delete=models.CASCADE, related_name="aanwezigheden"
    )
    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="aanwezigheden"
    )
    aantal = models.PositiveSmallIntegerField(_("aantal personen"), default=1)

    class Meta:
        ordering = ["werksessie", "inschrijving__organisatie__name"]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(
                fields=["werksessie", "inschrijving"], name="aanwezigheid_eenmaal"
            )
        ]

    def __str__(self):
        return f"{self.inschrijving.organisatie} @ {self.werksessie}"


class PraktijkvoorbeeldQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(rules.praktijkvoorbeeld_visible(user))

    def published(self):
        return self.filter(status=Praktijkvoorbeeld.Status.GEPUBLICEERD)


class Praktijkvoorbeeld(TimeStampedModel):
    """A practice example a participant shares; public once staff accepted it."""

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("wacht op moderatie")
        GEPUBLICEERD = "gepubliceerd", _("gepubliceerd")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="praktijkvoorbeelden"
    )
    hefboom = models.ForeignKey(
        Hefboom,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="praktijkvoorbeelden",
    )
    title = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"))
    punt = models.PointField(
        _("ligging op de kaart"), srid=4326, null=True, blank=True, spatial_index=False
    )
    organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INGEDIEND
    )

    objects = PraktijkvoorbeeldQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")
        indexes = [GistIndex(name="praktijkvoorbeeld_punt_gist", fields=["punt"])]

    def __str__(self):
        return self.title


class ToolQuerySet(models.QuerySet):
    def public(self):
        return self.filter(hefboom__traject__toolbox_gepubliceerd_op__isnull=False)


class Tool(TimeStampedModel):
    """A proposed tool of a hefboom, with its do's and don'ts; the toolbox."""

    hefboom = models.ForeignKey(Hefboom, on_delete=models.CASCADE, related_name="tools")
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"))
    dos = models.TextField(_("do's"), blank=True, help_text=_("Eén per regel."))
    donts = models.TextField(_("don'ts"), blank=True, help_text=_("Eén per regel."))
    cases = models.ManyToManyField(Case, related_name="tools", blank=True)
    praktijkvoorbeelden = models.ManyToManyField(
        Praktijkvoorbeeld, related_name="tools", blank=True
    )
    modeldocumenten = models.ManyToManyField(
        "modeldocumenten.ModelDocumentPage",
        related_name="leertools",
        blank=True,
        verbose_name=_("verwante modeldocumenten"),
    )
    modeldocument_concept = models.ForeignKey(
        "modeldocumenten.ModelDocumentPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("omgezet naar modeldocument"),
    )

    objects = ToolQuerySet.as_manager()

    class Meta:
        ordering = ["hefboom", "title"]
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        constraints = [
            models.UniqueConstraint(fields=["hefboom", "slug"], name="tool_slug_uniek")
        ]

    def __str__(self):
        return self.title

    def do_list(self):
        return [line.strip() for line in self.dos.splitlines() if line.strip()]

    def dont_list(self):
        return [line.strip() for line in self.donts.splitlines() if line.strip()]


class Evaluatie(TimeStampedModel):
    """One participant's score and comment on one proposed tool (last session)."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="evaluaties")
    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.CASCADE, related_name="evaluaties"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score (1 tot 5)"))
    commentaar = models.TextField(_("commentaar"), blank=True)

    class Meta:
        ordering = ["tool", "id"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "inschrijving"], name="evaluatie_eenmaal"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="%(app_label)s_%(class)s_score_1_5",
                violation_error_message=_("Geef een score van 1 tot 5."),
            ),
        ]

    def __str__(self):
        return f"{self.tool}: {self.score}"


class PeilingThema(TimeStampedModel):
    """A theme the needs survey asks about."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="peiling_themas"
    )
    naam = models.CharField(_("thema"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["traject", "volgorde", "id"]
        verbose_name = _("thema van de peiling")
        verbose_name_plural = _("thema's van de peiling")

    def __str__(self):
        return self.naam


class PeilingAntwoord(TimeStampedModel):
    """How much a theme matters to one local government, and its examples."""

    thema = models.ForeignKey(
        PeilingThema, on_delete=models.CASCADE, related_name="antwoorden"
    )
    organisatie = models.ForeignKey(
        "atelier.Organisatie", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    belang = models.PositiveSmallIntegerField(_("belang (1 tot 5)"))
    voorbeeld = models.TextField(_("voorbeeld"), blank=True)

    class Meta:
        ordering = ["thema", "organisatie__name"]
        verbose_name = _("antwoord op de peiling")
        verbose_name_plural = _("antwoorden op de peiling")
        constraints = [
            models.UniqueConstraint(
                fields=["thema", "organisatie"], name="peiling_eenmaal"
            ),
            models.CheckConstraint(
                condition=Q(belang__gte=1, belang__lte=5),
                name="%(app_label)s_%(class)s_belang_1_5",
                violation_error_message=_("Geef een belang van 1 tot 5."),
            ),
        ]

    def __str__(self):
        return f"{self.organisatie}: {self.thema} ({self.belang})"
