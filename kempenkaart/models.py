"""The Kempenkaart: planning instruments and quality projects per municipality."""

import math

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.measure import D
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    RevisionMixin,
    Task,
    TaskState,
    WorkflowMixin,
    WorkflowState,
)
from wagtail.search import index

from atelier.constraints import ValidGeometry
from atelier.geometry import OVERLAPS, GeometryValidator
from atelier.models import Gemeente, TimeStampedModel
from atelier.search import search_vector
from atelier.widgets import MapWidget

from . import rules

# What the portal search matches (`atelier.search`, config dutch_unaccent, the first
# field weighing most), stored and indexed: `/zoeken/` and the `q` filter of the map
# and the API read this one column.
PROJECT_SEARCH_FIELDS = ["title", "description"]
INSTRUMENT_SEARCH_FIELDS = ["name", "description"]


class InstrumentQuerySet(models.QuerySet):
    def in_gemeente(self, gemeente):
        return self.filter(gemeenten=gemeente)

    def at(self, point):
        """The instruments that apply at `point`."""
        return self.filter(geom__intersects=point)

    def refresh_status(self, today=None):
        """Store each instrument's status as its procedure steps give it on `today`
        (default: today): the latest step dated on or before it counts, a step
        dated later does not yet. One UPDATE; `manage.py refresh_instrument_status`
        runs it daily, so a status changes on the day its step takes effect."""
        today = today or timezone.localdate()
        latest = ProcedureStap.objects.filter(
            instrument=OuterRef("pk"), datum__lte=today
        ).order_by("-datum", "-pk")
        status = Case(
            *(
                When(stap=stap, then=Value(value))
                for stap, value in ProcedureStap.STATUS.items()
            ),
            output_field=CharField(),
        )
        new_status = Coalesce(
            Subquery(latest.annotate(s=status).values("s")[:1]),
            Value(Instrument.Status.IN_OPMAAK),
        )
        return (
            self.annotate(new_status=new_status)
            .exclude(status=F("new_status"))
            .update(status=new_status)
        )


class Instrument(TimeStampedModel, ClusterableModel, index.Indexed):
    """A planning instrument (RUP, BPA, beleidsplan ruimte, verordening, …) with its
    procedure as a timeline of steps; its status follows from those steps."""

    class Soort(models.TextChoices):
        GEMEENTELIJK_RUP = "gemeentelijk-rup", _("gemeentelijk RUP")
        PROVINCIAAL_RUP = "provinciaal-rup", _("provinciaal RUP")
        GEWESTELIJK_RUP = "gewestelijk-rup", _("gewestelijk RUP")
        BPA = "bpa", _("BPA")
        BELEIDSPLAN_RUIMTE = "beleidsplan-ruimte", _("beleidsplan ruimte")
        STRUCTUURPLAN = "ruimtelijk-structuurplan", _("ruimtelijk structuurplan")
        VERORDENING = "verordening", _("verordening")
        ROOILIJNPLAN = "rooilijnplan", _("rooilijnplan")
        ONTEIGENINGSPLAN = "onteigeningsplan", _("onteigeningsplan")
        ANDERE = "andere", _("ander instrument")

    class Status(models.TextChoices):
        IN_OPMAAK = "in-opmaak", _("in opmaak")
        VOORLOPIG_VASTGESTELD = "voorlopig-vastgesteld", _("voorlopig vastgesteld")
        OPENBAAR_ONDERZOEK = "openbaar-onderzoek", _("in openbaar onderzoek")
        VAN_KRACHT = "van-kracht", _("van kracht")
        IN_HERZIENING = "in-herziening", _("in herziening")
        OPGEHEVEN = "opgeheven", _("opgeheven")

    name = models.CharField(_("naam"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=Status.choices,
        default=Status.IN_OPMAAK,
        editable=False,
        help_text=_("Volgt uit de stappen van de procedure."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    gemeenten = ParentalManyToManyField(
        Gemeente, related_name="instrumenten", verbose_name=_("gemeenten"), blank=True
    )
    geom = models.MultiPolygonField(
        _("gebied"),
        srid=4326,
        spatial_index=False,
        validators=[GeometryValidator(_("Het gebied"), region=OVERLAPS)],
    )
    register_url = models.URLField(
        _("link naar register of besluit"), max_length=500, blank=True
    )
    themas = ParentalManyToManyField(
        "atelier.Thema",
        related_name="instrumenten",
        verbose_name=_("thema's"),
        blank=True,
    )
    external_id = models.CharField(
        _("externe id"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Sleutel in het bronregister; een nieuwe import werkt hierop bij."),
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    search = models.GeneratedField(
        expression=search_vector(*INSTRUMENT_SEARCH_FIELDS),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = InstrumentQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("soort"),
        FieldPanel("description"),
        FieldPanel("gemeenten"),
        FieldPanel("themas"),
        FieldPanel("geom", widget=MapWidget()),
        FieldPanel("register_url"),
        FieldPanel("external_id"),
        InlinePanel("stappen", label=_("Procedure")),
        InlinePanel("documenten", label=_("Documenten")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("planologisch instrument")
        verbose_name_plural = _("planologische instrumenten")
        indexes = [
            GistIndex(name="instrument_geom_gist", fields=["geom"]),
            GinIndex(name="instrument_search_gin", fields=["search"]),
            # (+ instrument_name_trgm on UPPER(atelier_unaccent(name)): migration 0009)
            models.Index(fields=["name", "id"], name="instrument_name_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(geom__isvalid=True),
                name="%(app_label)s_%(class)s_geom_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("kempenkaart:instrument-detail", kwargs={"slug": self.slug})

    def status_from_steps(self, today=None):
        """The status its latest procedure step up to `today` gives it (in opmaak
        without one): a step dated in the future does not count yet."""
        today = today or timezone.localdate()
        latest = self.stappen.filter(datum__lte=today).order_by("-datum", "-pk").first()
        return ProcedureStap.STATUS[latest.stap] if latest else self.Status.IN_OPMAAK


class ProcedureStap(Orderable):
    """One step of an instrument's procedure, with its date."""

    class Stap(models.TextChoices):
        START = "start", _("start")
        VOORONTWERP = "voorontwerp", _("voorontwerp")
        VOORLOPIGE_VASTSTELLING = (
            "voorlopige-vaststelling",
            _("voorlopige vaststelling"),
        )
        OPENBAAR_ONDERZOEK = "openbaar-onderzoek", _("openbaar onderzoek")
        DEFINITIEVE_VASTSTELLING = (
            "definitieve-vaststelling",
            _("definitieve vaststelling"),
        )
        HERZIENING = "herziening", _("herziening")
        OPHEFFING = "opheffing", _("opheffing")

    STATUS = {
        Stap.START: Instrument.Status.IN_OPMAAK,
        Stap.VOORONTWERP: Instrument.Status.IN_OPMAAK,
        Stap.VOORLOPIGE_VASTSTELLING: Instrument.Status.VOORLOPIG_VASTGESTELD,
        Stap.OPENBAAR_ONDERZOEK: Instrument.Status.OPENBAAR_ONDERZOEK,
        Stap.DEFINITIEVE_VASTSTELLING: Instrument.Status.VAN_KRACHT,
        Stap.HERZIENING: Instrument.Status.IN_HERZIENING,
        Stap.OPHEFFING: Instrument.Status.OPGEHEVEN,
    }

    instrument = ParentalKey(
        Instrument, on_delete=models.CASCADE, related_name="stappen"
    )
    stap = models.CharField(_("stap"), max_length=30, choices=Stap.choices)
    datum = models.DateField(_("datum"))
    opmerking = models.CharField(_("opmerking"), max_length=255, blank=True)
    besluit_url = models.URLField(_("link naar besluit"), max_length=500, blank=True)

    panels = [
        FieldPanel("stap"),
        FieldPanel("datum"),
        FieldPanel("opmerking"),
        FieldPanel("besluit_url"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["datum", "sort_order"]
        verbose_name = _("procedurestap")
        verbose_name_plural = _("procedurestappen")

    def __str__(self):
        return f"{self.get_stap_display()} ({self.datum:%d/%m/%Y})"


class InstrumentDocument(Orderable):
    instrument = ParentalKey(
        Instrument, on_delete=models.CASCADE, related_name="documenten"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def visible_to(self, user):
        """The projects `user` may know exist (`rules.project_visible`)."""
        return self.filter(rules.project_visible(user))

    def in_gemeente(self, gemeente):
        return self.filter(gemeente=gemeente)

    def with_moderation(self):
        """Annotate where each project stands in its moderation workflow, for lists
        (no query per row): `_workflow_status` (in progress, needs changes, or None)
        and `_afwijzingsreden` (the comment of the request for changes)."""
        active = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(self.model),
            object_id=Cast(OuterRef("pk"), CharField()),
            status__in=[
                WorkflowState.STATUS_IN_PROGRESS,
                WorkflowState.STATUS_NEEDS_CHANGES,
            ],
        )
        return self.annotate(
            _workflow_status=Subquery(active.values("status")[:1]),
            _afwijzingsreden=Subquery(
                active.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).values(
                    "current_task_state__comment"
                )[:1]
            ),
        )

    def near(self, point, metres):
        """Within `metres` of `point`, nearest first (annotates `afstand`). A box in
        degrees uses the spatial index; the exact distance is measured on the sphere."""
        margin = metres / 111_320 / math.cos(math.radians(point.y))  # >= metres
        return (
            self.filter(locatie__dwithin=(point, margin))
            .annotate(afstand=Distance("locatie", point))
            .filter(afstand__lte=D(m=metres))
            .order_by("afstand")
        )


class Project(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TimeStampedModel,
    ClusterableModel,
    index.Indexed,
):
    """A quality project on the map, added by a partner or a municipality and
    published by IOK staff. `live` means published; changes are kept as revisions.
    Moderation is the Wagtail workflow assigned to this model (`ProjectModeratie`):
    a submission starts it, IOK publishes or asks for changes with a comment."""

    class Fase(models.TextChoices):
        IDEE = "idee", _("idee")
        ONTWERP = "ontwerp", _("ontwerp")
        UITVOERING = "uitvoering", _("uitvoering")
        GEREALISEERD = "gerealiseerd", _("gerealiseerd")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = RichTextField(_("beschrijving"), blank=True)
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices)
    start_jaar = models.PositiveSmallIntegerField(_("startjaar"), null=True, blank=True)
    eind_jaar = models.PositiveSmallIntegerField(
        _("eindjaar"), null=True, blank=True, help_text=_("Leeg als het nog loopt.")
    )
    themas = ParentalManyToManyField(
        "atelier.Thema", related_name="projecten", verbose_name=_("thema's"), blank=True
    )
    partners = ParentalManyToManyField(
        "atelier.Organisatie",
        related_name="projecten",
        verbose_name=_("betrokken partners"),
        blank=True,
    )
    contact_naam = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    locatie = models.PointField(
        _("locatie"),
        srid=4326,
        spatial_index=False,
        validators=[GeometryValidator(_("De locatie"))],
    )
    omtrek = models.MultiPolygonField(
        _("omtrek"),
        srid=4326,
        null=True,
        blank=True,
        spatial_index=False,
        validators=[GeometryValidator(_("De omtrek"))],
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="projecten",
        verbose_name=_("gemeente"),
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projecten",
        verbose_name=_("ingediend door"),
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    search = models.GeneratedField(
        expression=search_vector(*PROJECT_SEARCH_FIELDS),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="project")

    objects = ProjectQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("fase"), FieldPanel("start_jaar"), FieldPanel("eind_jaar")],
            heading=_("Fase en jaren"),
        ),
        FieldPanel("themas"),
        FieldPanel("partners"),
        MultiFieldPanel(
            [
                FieldPanel("locatie", widget=MapWidget()),
                FieldPanel("omtrek", widget=MapWidget()),
                FieldPanel("gemeente"),
            ],
            heading=_("Ligging"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_naam"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        InlinePanel("afbeeldingen", label=_("Afbeeldingen")),
        FieldPanel("ingediend_door", read_only=True),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        permissions = [
            ("publish_project", _("Kan projecten publiceren of afwijzen")),
            ("add_project_any_gemeente", _("Kan projecten toevoegen in elke gemeente")),
        ]
        indexes = [
            GistIndex(name="project_locatie_gist", fields=["locatie"]),
            GinIndex(name="project_search_gin", fields=["search"]),
            # (+ project_title_trgm on UPPER(atelier_unaccent(title)): migration 0009)
            models.Index(fields=["title", "id"], name="project_title_order"),
        ]
        constraints = [
            ValidGeometry(
                field="omtrek",
                nullable=True,
                name="%(app_label)s_%(class)s_omtrek_valid",
            ),
            models.CheckConstraint(
                condition=Q(eind_jaar__isnull=True)
                | Q(start_jaar__isnull=True)
                | Q(eind_jaar__gte=models.F("start_jaar")),
                name="%(app_label)s_%(class)s_years_in_order",
                violation_error_message=_("Het eindjaar ligt voor het startjaar."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def get_absolute_url(self):
        return reverse("kempenkaart:project-detail", kwargs={"slug": self.slug})

    @property
    def needs_changes(self):
        """IOK asked for changes (rejected) and the submitter has not resubmitted."""
        if "_workflow_status" in self.__dict__:
            return self._workflow_status == WorkflowState.STATUS_NEEDS_CHANGES
        state = self.current_workflow_state
        return state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES

    @property
    def awaiting_moderation(self):
        """A (re)submitted revision waits for IOK."""
        if "_workflow_status" in self.__dict__:
            return self._workflow_status == WorkflowState.STATUS_IN_PROGRESS
        return self.workflow_in_progress

    @property
    def afwijzingsreden(self):
        """The comment with which IOK asked for changes, while it holds ("" when the
        project was published or resubmitted since)."""
        if "_afwijzingsreden" in self.__dict__:
            return self._afwijzingsreden or ""
        if not self.needs_changes:
            return ""
        return self.current_workflow_state.current_task_state.comment

    @property
    def moderation_status(self):
        if self.live:
            return _("gepubliceerd")
        if self.needs_changes:
            return _("afgewezen")
        return _("ingediend, wacht op publicatie")

    def can_edit(self, user):
        """Submitters edit their own projects, never another's; IOK staff edit all
        (`rules.may_edit_project`)."""
        return rules.may_edit_project(user, self)


class ProjectAfbeelding(Orderable):
    project = ParentalKey(
        Project, on_delete=models.CASCADE, related_name="afbeeldingen"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("afbeelding"),
    )
    credit = models.CharField(
        _("fotograaf of bron"),
        max_length=200,
        help_text=_("Verplicht: wie maakte dit?"),
    )
    caption = models.CharField(_("bijschrift"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("credit"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")


class ProjectModeratie(Task):
    """The moderation step of a project's workflow: the IOK staff who moderate
    (`rules.may_moderate`, not a group chosen in the admin) publish the project or
    ask for changes with a comment that the submitter sees."""

    def user_can_access_editor(self, obj, user):
        return rules.may_moderate(user)

    def locked_for_user(self, obj, user):
        return not rules.may_moderate(user)

    def get_actions(self, obj, user):
        if not rules.may_moderate(user):
            return []
        return [
            ("reject", _("Afwijzen (wijzigingen vragen)"), True),
            ("approve", _("Goedkeuren en publiceren"), False),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not rules.may_moderate(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)

    @classmethod
    def get_description(cls):
        return _("De IOK-medewerkers die projecten modereren keuren goed of wijzen af.")

    class Meta:
        verbose_name = _("moderatie van projecten")
        verbose_name_plural = _("moderaties van projecten")
