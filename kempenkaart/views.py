import django_filters
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.gis.db.models import GeometryField
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Func
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from atelier import pagecache
from atelier.geojson import feature_collection, row_url
from atelier.models import Gemeente, Thema

from . import rules, services
from .filters import InstrumentFilterSet, ProjectFilterSet
from .forms import ProjectForm
from .models import Instrument, Project, ProjectAfbeelding

LIST_LIMIT = 50
LAYERS = ["projecten", "instrumenten", "gemeenten"]


def inline_boundaries(request):
    """The 29 boundaries the map page and the project form carry, at full precision:
    the same for everyone, so built once per page-cache generation."""
    return pagecache.shared(request, "gemeenten_geojson", Gemeente.objects.as_geojson)


class MapView(TemplateView):
    """The Kempenkaart. Without JavaScript it is a filtered list; with it, a map in
    sync with that list. Every filter lives in the URL."""

    template_name = "kempenkaart/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        projecten = ProjectFilterSet(
            params, queryset=Project.objects.visible_to(self.request.user)
        )
        instrumenten = InstrumentFilterSet(params, queryset=Instrument.objects.all())
        errors = {**projecten.errors, **instrumenten.errors}
        lagen = params.getlist("laag") or LAYERS
        context.update(
            params=params,
            lagen=lagen,
            kleur=params.get("kleur", ""),
            errors=errors,
            gemeenten=Gemeente.objects.all(),
            gemeenten_geojson=inline_boundaries(self.request),
            themas=Thema.objects.all(),
            fases=Project.Fase.choices,
            soorten=Instrument.Soort.choices,
            statussen=Instrument.Status.choices,
            labels={
                "fase": dict(Project.Fase.choices),
                "soort": dict(Instrument.Soort.choices),
                "status": dict(Instrument.Status.choices),
            },
        )
        if not errors:
            project_qs = projecten.qs.select_related("gemeente")
            instrument_qs = instrumenten.qs
            context.update(
                # The lists show no geometry: leave it in the database.
                projecten=project_qs.defer("locatie", "omtrek")[:LIST_LIMIT]
                if "projecten" in lagen
                else [],
                projecten_count=project_qs.count() if "projecten" in lagen else 0,
                instrumenten=instrument_qs.defer("geom")[:LIST_LIMIT]
                if "instrumenten" in lagen
                else [],
                instrumenten_count=instrument_qs.count()
                if "instrumenten" in lagen
                else 0,
            )
        return context


class ProjectDetailView(DetailView):
    template_name = "kempenkaart/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            Project.objects.visible_to(self.request.user)
            .select_related("gemeente", "ingediend_door")
            .prefetch_related("themas", "partners", "afbeeldingen__image")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context.update(
            can_edit=rules.may_edit_project(self.request.user, project),
            instrumenten=Instrument.objects.at(project.locatie)
            .exclude(status=Instrument.Status.OPGEHEVEN)
            .order_by("soort", "name"),
            nearby=Project.objects.published()
            .exclude(pk=project.pk)
            .near(project.locatie, 2000)[:6],
            geojson=project_geojson(project),
        )
        return context


def collect(*fields):
    """ST_Collect of two geometry columns: a GeometryCollection."""
    return Func(*fields, function="ST_Collect", output_field=GeometryField(srid=4326))


def project_geojson(project):
    """The project's location and, when it has one, its outline: one collection."""
    one = Project.objects.filter(pk=project.pk)
    geometry = "locatie"
    if project.omtrek:
        one = one.annotate(shape=collect("locatie", "omtrek"))
        geometry = "shape"
    return feature_collection(one, geometry=geometry, properties={"titel": "title"})


class InstrumentDetailView(DetailView):
    template_name = "kempenkaart/instrument_detail.html"
    context_object_name = "instrument"
    queryset = Instrument.objects.prefetch_related(
        "gemeenten", "themas", "stappen", "documenten__document"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instrument = self.object
        context.update(
            geojson=feature_collection(
                Instrument.objects.filter(pk=instrument.pk),
                geometry="geom",
                properties={"naam": "name"},
            ),
            projecten=Project.objects.published()
            .filter(locatie__intersects=instrument.geom)
            .select_related("gemeente")[:20],
        )
        return context


class ProjectFormMixin(LoginRequiredMixin):
    form_class = ProjectForm
    template_name = "kempenkaart/project_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "gemeenten_geojson": inline_boundaries(self.request),
        }

    def add_image(self, project, form):
        image = form.cleaned_data.get("afbeelding")
        if image:
            from wagtail.images import get_image_model

            stored = get_image_model().objects.create(
                title=form.cleaned_data["afbeelding_bijschrift"] or project.title,
                file=image,
                uploaded_by_user=self.request.user,
            )
            project.afbeeldingen.add(
                ProjectAfbeelding(
                    image=stored,
                    credit=form.cleaned_data["afbeelding_credit"].strip(),
                    caption=form.cleaned_data["afbeelding_bijschrift"],
                )
            )


class ProjectCreateView(ProjectFormMixin, PermissionRequiredMixin, FormView):
    raise_exception = False

    def has_permission(self):
        return rules.may_submit(self.request.user)

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied(
                _("Alleen partners en gemeenten voegen projecten toe.")
            )
        return super().handle_no_permission()

    @transaction.atomic
    def form_valid(self, form):
        project = form.apply(Project())
        self.add_image(project, form)
        services.project_submit(project=project, user=self.request.user)
        messages.success(
            self.request,
            _(
                "Bedankt! Uw project is ingediend; het verschijnt op de kaart zodra IOK "
                "het publiceert."
            ),
        )
        return redirect(project.get_absolute_url())


class ProjectUpdateView(ProjectFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        # Not found for what the user may not see (as the API answers): a refusal
        # would tell that someone else's unpublished project exists.
        self.project = get_object_or_404(
            Project.objects.visible_to(request.user), slug=kwargs["slug"]
        )
        if request.user.is_authenticated and not rules.may_edit_project(
            request.user, self.project
        ):
            raise PermissionDenied(_("U kunt alleen uw eigen projecten wijzigen."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        latest = self.project.get_latest_revision_as_object()
        return {**super().get_form_kwargs(), "instance": latest}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "project": self.project}

    @transaction.atomic
    def form_valid(self, form):
        project = form.apply(form.instance)
        self.add_image(project, form)
        services.project_update(project=project, user=self.request.user)
        messages.success(
            self.request,
            _("Uw wijzigingen zijn bewaard en wachten op publicatie door IOK.")
            if self.project.live
            else _("Uw wijzigingen zijn bewaard."),
        )
        return redirect(project.get_absolute_url())


class MyProjectsFilterSet(django_filters.FilterSet):
    """Mijn projecten: by where a project stands, sorted as the user asks."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        empty_label=_("Alle"),
        choices=[
            ("wacht", _("wacht op publicatie")),
            ("afgewezen", _("afgewezen: pas aan")),
            ("gepubliceerd", _("gepubliceerd")),
        ],
        method="filter_status",
    )
    sorteer = django_filters.OrderingFilter(
        label=_("Sorteer"),
        empty_label=None,
        null_label=None,
        fields=(
            ("updated_at", "gewijzigd"),
            ("title", "titel"),
            ("gemeente__name", "gemeente"),
        ),
        field_labels={
            "-gewijzigd": _("laatst gewijzigd eerst"),
            "titel": _("titel (A–Z)"),
            "gemeente": _("gemeente (A–Z)"),
        },
    )

    class Meta:
        model = Project
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.in_moderation_state(value)


class MyProjectsView(LoginRequiredMixin, ListView):
    template_name = "kempenkaart/my_projects.html"
    context_object_name = "projecten"

    def get_queryset(self):
        self.filterset = MyProjectsFilterSet(
            self.request.GET or {"sorteer": "-gewijzigd"},
            queryset=Project.objects.filter(ingediend_door=self.request.user)
            .with_moderation()
            .select_related("gemeente")
            .order_by("-updated_at"),
        )
        if not self.filterset.is_valid():
            return Project.objects.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "filter": self.filterset}


def gemeente_section_context(request, gemeente):
    """What the municipality page shows of the Kempenkaart."""
    return {
        "gemeente": gemeente,
        "instrumenten": Instrument.objects.in_gemeente(gemeente)
        .exclude(status=Instrument.Status.OPGEHEVEN)
        .order_by("soort", "name"),
        "projecten": Project.objects.visible_to(request.user)
        .in_gemeente(gemeente)
        .order_by("-start_jaar", "title"),
    }


def home_section_context(request):
    return {
        "projecten_count": Project.objects.published().count(),
        "instrumenten_count": Instrument.objects.count(),
        "recent": Project.objects.published()
        .select_related("gemeente")
        .order_by("-last_published_at")[:4],
    }


def account_section_context(request):
    """ "Mijn account": the way to add a project and to one's own projects, for whoever
    may submit projects (partners, municipal officials)."""
    if not request.user.has_perm("kempenkaart.add_project"):
        return None
    return {
        "eigen_projecten": Project.objects.filter(ingediend_door=request.user).count()
    }


def gemeente_projecten_features(request, gemeente):
    """The municipality's projects that `request.user` may see, for its map."""
    return feature_collection(
        Project.objects.visible_to(request.user)
        .in_gemeente(gemeente)
        .order_by("title", "pk"),
        geometry="locatie",
        properties={
            "naam": "title",
            "url": row_url("kempenkaart:project-detail", "slug"),
        },
    )


def gemeente_instrumenten_features(request, gemeente):
    """The municipality's instruments in force or in the making, simplified for a
    map of one municipality (about 2 m)."""
    simplified = Func(
        "geom",
        0.00002,
        True,
        function="ST_Simplify",
        output_field=Instrument._meta.get_field("geom"),
    )
    return feature_collection(
        Instrument.objects.in_gemeente(gemeente)
        .exclude(status=Instrument.Status.OPGEHEVEN)
        .annotate(geom_kaart=simplified)
        .order_by("name", "pk"),
        geometry="geom_kaart",
        properties={
            "naam": "name",
            "url": row_url("kempenkaart:instrument-detail", "slug"),
        },
    )
