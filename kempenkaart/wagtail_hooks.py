"""IOK's back office for the Kempenkaart: instruments, and projects to moderate."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets import ListingButton
from wagtail.models import WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from atelier.visibility import VISIBLE_OBJECTS_HOOK

from . import rules, services
from .models import Instrument, Project


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "doc-full"
    menu_label = gettext_lazy("Instrumenten")
    list_display = ["name", "soort", "status", "updated_at"]
    list_filter = ["soort", "status", "gemeenten", "is_demo"]
    search_fields = ["name"]


class ModeratorsOnly(ModelPermissionPolicy):
    """Partners submit projects on the public site, where the rules for them hold;
    in the admin, projects are for the IOK staff who moderate them."""

    def user_has_permission(self, user, action):
        return rules.may_moderate(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return rules.may_moderate(user) and super().user_has_any_permission(
            user, actions
        )

    def users_with_any_permission(self, actions):
        return (
            super()
            .users_with_any_permission(actions)
            .filter(pk__in=super().users_with_permission("publish"))
        )


register_permission_policy(Project, ModeratorsOnly(Project))


@hooks.register(VISIBLE_OBJECTS_HOOK)
def visible_kempenkaart_objects():
    """Published projects (and a user's own, staff: all); every instrument."""
    return {
        Project: Project.objects.visible_to,
        Instrument: lambda user: Instrument.objects.all(),
    }


class ProjectAdminFilterSet(WagtailFilterSet):
    """The back office's project filters, with where a project stands in its
    moderation (`Project.objects.with_moderation()`)."""

    moderatie = django_filters.ChoiceFilter(
        label=gettext_lazy("Moderatie"),
        empty_label=gettext_lazy("Alle"),
        choices=[
            ("wacht", gettext_lazy("wacht op moderatie")),
            ("afgewezen", gettext_lazy("afgewezen, wacht op aanpassing")),
            ("gepubliceerd", gettext_lazy("gepubliceerd, niets te modereren")),
        ],
        method="filter_moderatie",
    )

    class Meta:
        model = Project
        fields = ["moderatie", "live", "fase", "gemeente", "is_demo"]

    def filter_moderatie(self, queryset, name, value):
        return queryset.filter(
            **{
                "wacht": {"_workflow_status": WorkflowState.STATUS_IN_PROGRESS},
                "afgewezen": {"_workflow_status": WorkflowState.STATUS_NEEDS_CHANGES},
                "gepubliceerd": {"live": True, "_workflow_status__isnull": True},
            }[value]
        )


class ProjectViewSet(SnippetViewSet):
    model = Project
    icon = "site"
    menu_label = gettext_lazy("Projecten")
    list_display = [
        "title",
        "gemeente",
        "fase",
        Column("moderation_status", label=gettext_lazy("Moderatie")),
        BooleanColumn("has_unpublished_changes", label=gettext_lazy("Wijzigingen")),
        "ingediend_door",
        "updated_at",
    ]
    filterset_class = ProjectAdminFilterSet
    search_fields = ["title"]
    ordering = ["live", "-updated_at"]  # what waits for moderation first

    def get_queryset(self, request):
        return Project.objects.with_moderation().select_related(
            "gemeente", "ingediend_door"
        )


class KempenkaartGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Kempenkaart")
    menu_icon = "site"
    items = (ProjectViewSet, InstrumentViewSet)


register_snippet(KempenkaartGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def instrument_after_save(request, instance):
    if isinstance(instance, Instrument):
        # The municipalities follow the area, after every edit (as in the importer).
        services.instrument_set_gemeenten(instance)
        services.instrument_refresh_status(instance)


class RejectForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Reden (de indiener krijgt ze te zien)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def project_reject_view(request, pk):
    if not rules.may_moderate(request.user):
        raise PermissionDenied
    project = get_object_or_404(Project, pk=pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_reject(
                project=project, user=request.user, reason=form.cleaned_data["reden"]
            )
        except ValidationError as error:
            form.add_error("reden", error)
        else:
            messages.success(request, _("Project “%s” afgewezen.") % project.title)
            return redirect("wagtailsnippets_kempenkaart_project:list")
    return TemplateResponse(
        request, "kempenkaart/admin/reject.html", {"project": project, "form": form}
    )


def project_publish_view(request, pk):
    """Publish a waiting project from the listing, beside "Afwijzen": the same
    service as the workflow's approval and the editor's Publish."""
    if not rules.may_moderate(request.user):
        raise PermissionDenied
    project = get_object_or_404(Project, pk=pk)
    if request.method == "POST":
        services.project_publish(project=project, user=request.user)
        messages.success(request, _("Project “%s” gepubliceerd.") % project.title)
        return redirect("wagtailsnippets_kempenkaart_project:list")
    return TemplateResponse(
        request, "kempenkaart/admin/publish.html", {"project": project}
    )


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path(
            "kempenkaart/projecten/<int:pk>/publiceren/",
            project_publish_view,
            name="kempenkaart_project_publish",
        ),
        path(
            "kempenkaart/projecten/<int:pk>/afwijzen/",
            project_reject_view,
            name="kempenkaart_project_reject",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def project_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Project) and rules.may_moderate(user):
        if snippet.awaiting_moderation:  # a (re)submission waits
            yield ListingButton(
                _("Publiceren"),
                reverse("kempenkaart_project_publish", args=[snippet.pk]),
                icon_name="upload",
                priority=20,
            )
            yield ListingButton(
                _("Afwijzen"),
                reverse("kempenkaart_project_reject", args=[snippet.pk]),
                icon_name="cross",
                priority=30,
            )
