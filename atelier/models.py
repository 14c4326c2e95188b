"""What every part of the portal shares: municipalities, organisations, accounts."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Transform
from django.contrib.postgres.indexes import GistIndex
from django.core.validators import RegexValidator
from django.db.models import Func, Q
from django.db.models.functions import Cast, Round
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .geojson import feature_collection
from .sections import render_sections


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class GemeenteQuerySet(models.QuerySet):
    def with_area(self):
        """Annotate `area_km2`, measured in Lambert 72 and rounded to 0.01 km²."""
        area_m2 = Func(
            Transform("geom", settings.METRIC_SRID),
            function="ST_Area",
            output_field=models.FloatField(),
        )
        km2 = Cast(area_m2 / 1e6, models.DecimalField(max_digits=12, decimal_places=6))
        return self.annotate(area_km2=Round(km2, 2))

    def neighbours_of(self, gemeente):
        return self.filter(geom__touches=gemeente.geom).exclude(pk=gemeente.pk)

    def as_geojson(self):
        """The municipalities as a GeoJSON FeatureCollection (a string)."""
        return feature_collection(
            self,
            geometry="geom",
            properties={"naam": "name", "slug": "slug", "nis_code": "nis_code"},
        )

    def for_user(self, user):
        """The municipalities a user acts for, through their organisations."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisatie__lidmaatschappen__user=user).distinct()


class Gemeente(TimeStampedModel):
    """One of the 29 municipalities of the Kempen that IOK serves."""

    nis_code = models.CharField(
        _("NIS-code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{5}$", _("Een NIS-code heeft 5 cijfers."))],
    )
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    geom = models.MultiPolygonField(_("grens"), srid=4326, spatial_index=False)

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        indexes = [GistIndex(name="gemeente_geom_gist", fields=["geom"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(geom__isvalid=True),
                name="%(app_label)s_%(class)s_geom_valid",
            ),
            models.CheckConstraint(
                condition=Q(nis_code__regex=r"^\d{5}$"),
                name="%(app_label)s_%(class)s_nis_code_5_digits",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gemeenten:detail", kwargs={"slug": self.slug})


class Taxonomy(TimeStampedModel):
    """A term of a list editors keep: a name and the slug URLs use."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Thema(Taxonomy):
    """A theme of the portal's one shared taxonomy (projects, instruments, model
    documents, events all use it), starting from the KRAK seed document's list."""

    description = models.TextField(_("omschrijving"), blank=True)

    panels = [*Taxonomy.panels, FieldPanel("description")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class OrganisatieQuerySet(models.QuerySet):
    def in_partnerschap(self):
        """The partners of the Netwerk Ruimte Kempen, core partners first."""
        return self.filter(partnerschap=True).order_by(
            models.Case(
                models.When(kind=Organisatie.Kind.KERNPARTNER, then=0), default=1
            ),
            "name",
        )

    def eligible_as_project_partner(self):
        """Who may be named as a partner of a Kempenkaart project (form, API, admin):
        every organisation but the municipalities, which a project already has as
        its place."""
        return self.exclude(kind=Organisatie.Kind.GEMEENTE)


class Organisatie(TimeStampedModel, ClusterableModel, index.Indexed):
    """A partner, municipality, province or expert office the portal works with."""

    class Kind(models.TextChoices):
        KERNPARTNER = "kernpartner", _("kernpartner")
        PARTNER = "partner", _("partner")
        GEMEENTE = "gemeente", _("gemeente")
        PROVINCIE = "provincie", _("provincie")
        EXPERT = "expert", _("expert")
        OVERIG = "overig", _("overig")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    gemeente = models.OneToOneField(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisatie",
        help_text=_("Alleen voor een organisatie van het soort gemeente."),
    )
    partnerschap = models.BooleanField(
        _("partner in het Netwerk Ruimte Kempen"), default=False
    )
    description = RichTextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    expertise = models.TextField(
        _("expertise"), blank=True, help_text=_("Waarin de organisatie sterk is.")
    )
    contactpersoon = models.CharField(
        _("contactpersoon"),
        max_length=200,
        blank=True,
        help_text=_(
            "Naam en functie of dienst, bv. ‘An Peeters, omgevingsambtenaar’: "
            "getoond op de pagina van de gemeente of partner."
        ),
    )
    contact_email = models.EmailField(_("e-mail voor contact"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)

    objects = OrganisatieQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("gemeente"),
        FieldPanel("partnerschap"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("expertise"),
        FieldPanel("contactpersoon"),
        FieldPanel("contact_email"),
        FieldPanel("telefoon"),
        InlinePanel("lidmaatschappen", label=_("Leden")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="gemeente", gemeente__isnull=False)
                | (~Q(kind="gemeente") & Q(gemeente__isnull=True)),
                name="%(app_label)s_%(class)s_gemeente_iff_kind_gemeente",
                violation_error_message=_(
                    "Kies een gemeente voor een organisatie van het soort gemeente, "
                    "en alleen dan."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def has_contact(self):
        return bool(self.contactpersoon or self.contact_email or self.telefoon)


class User(AbstractUser):
    """An account. A person can act for several organisations (a municipality and a
    partner, say); their role comes from their groups (see `atelier.roles`)."""

    organisaties = models.ManyToManyField(
        Organisatie,
        through="Lidmaatschap",
        related_name="leden",
        blank=True,
        verbose_name=_("organisaties"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username


class Lidmaatschap(TimeStampedModel):
    """A person acting for an organisation."""

    organisatie = ParentalKey(
        Organisatie, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    functie = models.CharField(_("functie"), max_length=200, blank=True)

    panels = [FieldPanel("user"), FieldPanel("functie")]

    class Meta:
        ordering = ["organisatie__name", "user__username"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "user"], name="lidmaatschap_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisatie}"


class HomePage(Page):
    """The portal's front page: what the Atelier is and the ways into its parts."""

    intro = RichTextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    # + the apps' page types (their portal.py `home_page_types`, added in ready())
    subpage_types = ["atelier.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["gemeenten"] = Gemeente.objects.all()
        context["gemeenten_geojson"] = Gemeente.objects.as_geojson()
        context["sections"] = render_sections("home", request)
        context["pages"] = self.get_children().live().public().in_menu()
        return context


class ContentPage(Page):
    """A plain page of text, such as "Over het Atelier"."""

    intro = models.TextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["atelier.HomePage", "atelier.ContentPage"]
    subpage_types = ["atelier.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")
