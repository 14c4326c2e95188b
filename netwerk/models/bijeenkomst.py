"""The Netwerk Ruimte Kempen: every dated gathering of the network (study days,
workshops, excursions, consultations; and, through their own apps, the quality
chamber's sittings and a learning trajectory's work sessions) is one `Bijeenkomst`.

Other apps reuse it rather than copy it: a sitting or a work session is a model of its
own app with a one-to-one link to its Bijeenkomst, whose `soort` says what it is and
whose `zichtbaarheid` and `Genodigde` rows say who sees it. So `/agenda/`, the
calendar feeds and the municipality pages see every gathering, each only by those
who may see it (`netwerk.rules`).
"""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GistIndex
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from atelier.models import TimeStampedModel
from atelier.widgets import MapWidget

from .. import rules


class BijeenkomstQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The gatherings `user` may know exist (netwerk.rules decides)."""
        return self.filter(rules.bijeenkomst_visible(user))

    def public(self):
        return self.filter(zichtbaarheid=Bijeenkomst.Zichtbaarheid.PUBLIEK)

    def upcoming(self, now=None):
        return self.filter(einde__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(einde__lt=now or timezone.now()).order_by("-start", "-pk")

    def planned(self):
        return self.exclude(status=Bijeenkomst.Status.GEANNULEERD)

    def in_gemeente(self, gemeente):
        return self.filter(gemeenten=gemeente)


class Bijeenkomst(TimeStampedModel, ClusterableModel, index.Indexed):
    """A dated gathering of the network: when, where (an address, a point on the map,
    or online), about what, for whom, organised by whom, and who may see it."""

    class Soort(models.TextChoices):
        STUDIEDAG = "studiedag", _("studiedag")
        WORKSHOP = "workshop", _("workshop")
        EXCURSIE = "excursie", _("excursie")
        KERNPARTNEROVERLEG = "kernpartneroverleg", _("kernpartneroverleg")
        THEMATISCH_OVERLEG = "thematisch-overleg", _("thematisch overleg")
        ZITTING = "zitting", _("zitting van de kwaliteitskamer")
        STARTDAG = "startdag", _("startdag van een leertraject")
        WERKSESSIE = "werksessie", _("werksessie van een leertraject")
        ANDERE = "andere", _("andere bijeenkomst")

    class Zichtbaarheid(models.TextChoices):
        PUBLIEK = "publiek", _("publiek: iedereen")
        PARTNERS = "partners", _("partners en IOK")
        GENODIGDEN = "genodigden", _("alleen genodigden (en IOK)")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("gepland")
        GEANNULEERD = "geannuleerd", _("geannuleerd")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    samenvatting = models.TextField(
        _("samenvatting"), blank=True, help_text=_("Een à twee zinnen voor de agenda.")
    )
    beschrijving = RichTextField(_("beschrijving"), blank=True)
    start = models.DateTimeField(_("begint"))
    einde = models.DateTimeField(_("eindigt"))
    locatie_naam = models.CharField(
        _("plaats"), max_length=200, blank=True, help_text=_("bv. IOK, zaal Kempen")
    )
    adres = models.CharField(_("adres"), max_length=255, blank=True)
    punt = models.PointField(
        _("ligging op de kaart"), srid=4326, null=True, blank=True, spatial_index=False
    )
    online_url = models.URLField(
        _("link om online deel te nemen"), max_length=500, blank=True
    )
    themas = ParentalManyToManyField(
        "atelier.Thema",
        related_name="bijeenkomsten",
        verbose_name=_("thema's"),
        blank=True,
    )
    gemeenten = ParentalManyToManyField(
        "atelier.Gemeente",
        related_name="bijeenkomsten",
        verbose_name=_("gemeenten"),
        blank=True,
        help_text=_("Waar ze plaatsvindt of over welke gemeenten ze gaat."),
    )
    organisatoren = ParentalManyToManyField(
        "atelier.Organisatie",
        related_name="georganiseerde_bijeenkomsten",
        verbose_name=_("organisatoren"),
        blank=True,
    )
    zichtbaarheid = models.CharField(
        _("zichtbaar voor"),
        max_length=20,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.PUBLIEK,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    annulatie_reden = models.TextField(_("reden van annulering"), blank=True)

    # Registration (public gatherings).
    inschrijven = models.BooleanField(_("inschrijven via het portaal"), default=False)
    capaciteit = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: onbeperkt. Wie er niet meer bij kan, komt op de wachtlijst."
        ),
    )
    inschrijven_tot = models.DateTimeField(
        _("inschrijven kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot de bijeenkomst begint."),
    )

    # Calendar feeds: a stable UID, and a SEQUENCE raised on every change that
    # calendar programs must pick up (RFC 5545).
    uid = models.UUIDField(_("kalender-id"), default=uuid.uuid4, unique=True)
    sequence = models.PositiveIntegerField(_("versie in kalenders"), default=0)

    is_demo = models.BooleanField(_("demogegevens"), default=False)

    objects = BijeenkomstQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("soort"), FieldPanel("zichtbaarheid")]),
        FieldPanel("samenvatting"),
        FieldPanel("beschrijving"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("einde")])],
            heading=_("Wanneer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("locatie_naam"),
                FieldPanel("adres"),
                FieldPanel("punt", widget=MapWidget()),
                FieldPanel("online_url"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themas"),
                FieldPanel("gemeenten"),
                FieldPanel("organisatoren"),
            ],
            heading=_("Waarover en door wie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("inschrijven"),
                FieldRowPanel(
                    [FieldPanel("capaciteit"), FieldPanel("inschrijven_tot")]
                ),
            ],
            heading=_("Inschrijven"),
        ),
        InlinePanel("programma", label=_("Programma")),
        InlinePanel("sessies", label=_("Sessies (om apart voor in te schrijven)")),
        InlinePanel("documenten", label=_("Documenten")),
        InlinePanel("genodigden", label=_("Genodigden")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("annulatie_reden")],
            heading=_("Annuleren"),
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("soort"),
    ]

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        permissions = [
            (
                "view_partner_bijeenkomst",
                _("Kan bijeenkomsten voor de partners zien"),
            )
        ]
        indexes = [
            models.Index(fields=["start", "id"], name="bijeenkomst_start"),
            models.Index(fields=["einde"], name="bijeenkomst_einde"),
            GistIndex(name="bijeenkomst_punt_gist", fields=["punt"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=F("start")),
                name="%(app_label)s_%(class)s_einde_na_start",
                violation_error_message=_("Een bijeenkomst eindigt na ze begint."),
            ),
            models.CheckConstraint(
                condition=Q(inschrijven_tot__isnull=True)
                | Q(inschrijven_tot__lte=F("einde")),
                name="%(app_label)s_%(class)s_inschrijven_voor_einde",
                violation_error_message=_(
                    "Inschrijven kan niet meer na het einde van de bijeenkomst."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capaciteit__isnull=True) | Q(capaciteit__gt=0),
                name="%(app_label)s_%(class)s_capaciteit_positief",
                violation_error_message=_("Geef minstens één plaats, of laat leeg."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("netwerk:bijeenkomst-detail", kwargs={"slug": self.slug})

    @property
    def is_cancelled(self):
        return self.status == self.Status.GEANNULEERD

    @property
    def is_online(self):
        return bool(self.online_url) and not (self.adres or self.locatie_naam)

    def registration_deadline(self):
        return self.inschrijven_tot or self.start


class Genodigde(TimeStampedModel, Orderable):
    """Someone invited to a gathering: a person, or an organisation (then every
    member of it), and their answer (RSVP). Invitees see gatherings that only
    invitees may see."""

    class Antwoord(models.TextChoices):
        GEEN = "", _("nog geen antwoord")
        JA = "ja", _("ja")
        NEE = "nee", _("nee")
        MISSCHIEN = "misschien", _("misschien")

    bijeenkomst = ParentalKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="genodigden"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uitnodigingen",
        verbose_name=_("persoon"),
    )
    organisatie = models.ForeignKey(
        "atelier.Organisatie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uitnodigingen",
        verbose_name=_("organisatie"),
    )
    rol = models.CharField(
        _("rol"), max_length=100, blank=True, help_text=_("bv. expert, voorzitter")
    )
    antwoord = models.CharField(
        _("antwoord"), max_length=10, choices=Antwoord.choices, blank=True
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )

    panels = [FieldPanel("user"), FieldPanel("organisatie"), FieldPanel("rol")]

    class Meta(Orderable.Meta):
        verbose_name = _("genodigde")
        verbose_name_plural = _("genodigden")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) ^ Q(organisatie__isnull=False),
                name="%(app_label)s_%(class)s_persoon_of_organisatie",
                violation_error_message=_("Nodig een persoon of een organisatie uit."),
            ),
            models.UniqueConstraint(
                fields=["bijeenkomst", "user"],
                condition=Q(user__isnull=False),
                name="genodigde_persoon_eenmaal",
            ),
            models.UniqueConstraint(
                fields=["bijeenkomst", "organisatie"],
                condition=Q(organisatie__isnull=False),
                name="genodigde_organisatie_eenmaal",
            ),
        ]

    def __str__(self):
        return str(self.user or self.organisatie)


class Inschrijving(TimeStampedModel):
    """A registration for a public gathering: confirmed while there is room, else on
    the waiting list (oldest first), or cancelled. No account needed: the personal
    link in the confirmation mail cancels it. See netwerk.services."""

    class Status(models.TextChoices):
        BEVESTIGD = "bevestigd", _("bevestigd")
        WACHTLIJST = "wachtlijst", _("op de wachtlijst")
        GEANNULEERD = "geannuleerd", _("geannuleerd")

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.CASCADE,
        related_name="inschrijvingen",
        verbose_name=_("bijeenkomst"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisatie = models.CharField(_("organisatie"), max_length=200, blank=True)
    gemeente = models.ForeignKey(
        "atelier.Gemeente",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    opmerkingen = models.TextField(
        _("voeding of toegankelijkheid"),
        blank=True,
        help_text=_("Dieetwensen, rolstoel, tolk, …"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inschrijvingen",
        verbose_name=_("account"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Only a hash of the personal cancel token is kept (netwerk.services).
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    herinnerd_op = models.DateTimeField(
        _("herinnering verstuurd"), null=True, blank=True
    )
    aanwezig = models.BooleanField(_("aanwezig"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        indexes = [
            models.Index(
                fields=["bijeenkomst", "status", "created_at"],
                name="inschrijving_wachtrij",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                "bijeenkomst",
                Lower("email"),
                condition=~Q(status="geannuleerd"),
                name="inschrijving_eenmaal_per_email",
                violation_error_message=_(
                    "Met dit e-mailadres bent u al ingeschreven voor deze bijeenkomst."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.naam} – {self.bijeenkomst.title}"
