"""Writes of the Kempenkaart that span models, send mail or check geometry."""

from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from atelier import geometry
from atelier.models import Gemeente

from . import notifications, rules
from .models import Instrument, Project

MAX_VERTICES = geometry.MAX_VERTICES


# --- geometry -------------------------------------------------------------------


def gemeenten_intersecting(geom):
    return Gemeente.objects.filter(geom__intersects=geom)


# The submission rules live in `rules`; these names stay for callers.
gemeenten_for_submission = rules.gemeenten_for_submission


def plain_text_to_html(text):
    """Paragraphs of escaped text: what submitters type never becomes markup."""
    text = (text or "").strip()
    return linebreaks(text, autoescape=True) if text else ""


def gemeente_at(point):
    """The municipality that contains `point` (None outside the Kempen)."""
    return Gemeente.objects.filter(geom__intersects=point).order_by("nis_code").first()


def validate_geometry(geom, *, label, partly_outside=False):
    """The checks the model fields run (`atelier.geometry.validate_geometry`): a
    project lies in the Kempen (up to the tolerance); `partly_outside`: enough that
    an instrument overlaps them (a provincial plan may reach beyond the region)."""
    geometry.validate_geometry(
        geom,
        label=label,
        region=geometry.OVERLAPS if partly_outside else geometry.WITHIN,
    )


def as_multipolygon(geom):
    if geom is None or isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon(geom, srid=geom.srid)
    raise ValidationError(_("Verwacht een (multi)polygoon, kreeg %s.") % geom.geom_type)


def project_place(*, locatie, omtrek=None, gemeente=None):
    """Check a project's geometry and return its municipality: the chosen one, which
    must touch the project, or else the one that contains its location."""
    validate_geometry(locatie, label=_("De locatie"))
    validate_geometry(omtrek, label=_("De omtrek"))
    if gemeente is None:
        gemeente = gemeente_at(locatie)
        if gemeente is None:  # only on a shared border of the Kempen's edge
            raise ValidationError(
                _("De locatie ligt in geen enkele Kempense gemeente."), code="locatie"
            )
        return gemeente
    shape = omtrek.union(locatie) if omtrek else locatie
    if not gemeente.geom.intersects(shape):
        raise ValidationError(
            _("Het project ligt niet in de gekozen gemeente %(gemeente)s.")
            % {"gemeente": gemeente.name},
            code="locatie",
        )
    return gemeente


def project_check_submission(user, *, locatie, omtrek=None, gemeente=None):
    """The submission rules, written once: the geometry is sound and in the Kempen,
    the municipality (chosen, or else the one at the location) touches the project,
    and `user` may add a project there (`rules.submission_refusal`). Returns the
    municipality; a `ValidationError` whose code names the field otherwise.
    `project_submit` and `project_update` enforce it; the form and the API
    serializer call it to show the message beside the right field."""
    gemeente = project_place(locatie=locatie, omtrek=omtrek, gemeente=gemeente)
    refusal = rules.submission_refusal(
        user, gemeente=gemeente, locatie=locatie, omtrek=omtrek
    )
    if refusal is not None:
        raise refusal
    return gemeente


def parse_geojson_geometry(data):
    """A 2-D GEOS geometry in EPSG:4326 from a GeoJSON geometry (text or a parsed
    object), read by `atelier.geometry` (not by GDAL); heights are dropped, a `crs`
    other than WGS84 is refused. A clear error for anything else."""
    try:
        return geometry.geometry_from_geojson(data)
    except geometry.GeometryInputError as error:
        raise ValidationError(
            _("Geen geldige GeoJSON-geometrie: %(reason)s")
            % {"reason": " ".join(error.messages)}
        ) from error


# --- instruments ----------------------------------------------------------------


def unique_slug(model, text, *, exclude_pk=None):
    base = slugify(text)[:200] or "item"
    slug, n = base, 1
    others = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def instrument_refresh_status(instrument):
    """Store the status that the instrument's procedure steps give it."""
    status = instrument.status_from_steps()
    if status != instrument.status:
        Instrument.objects.filter(pk=instrument.pk).update(status=status)
        instrument.status = status
    return status


def instrument_set_gemeenten(instrument):
    """Link the instrument to the municipalities its area overlaps (not just touches)."""
    overlapping = gemeenten_intersecting(instrument.geom).exclude(
        geom__touches=instrument.geom
    )
    instrument.gemeenten.set(overlapping)
    instrument.gemeenten.commit()  # a cluster relation: stored only on commit


# --- projects: submission and moderation ----------------------------------------
#
# Moderation is the Wagtail workflow assigned to the Project model (migration 0004:
# a WorkflowContentType, found by reference, never by name). The admin's Publish,
# Approve and Request changes and these services take the same steps; the mails
# follow from the workflow's events (`notifications`).


def project_moderation_start(*, project, user):
    """Put the project's latest revision before the moderators: resume the workflow
    that asked for changes, or start the assigned one. Without a workflow (or while
    one already waits) the moderators are told directly."""
    state = project.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return
    workflow = project.get_workflow()
    if state is None and workflow is not None:
        workflow.start(project, user)
        return
    new = project.revisions.count() == 1
    transaction.on_commit(
        lambda: notifications.moderators_notify(project=project, new=new)
    )


@transaction.atomic
def project_submit(*, project, user):
    """A new project from a partner or municipality: checked against the submission
    rules, saved unpublished with its first revision, and put before the moderators."""
    project.gemeente = project_check_submission(
        user,
        locatie=project.locatie,
        omtrek=project.omtrek,
        gemeente=project.gemeente if project.gemeente_id else None,
    )
    project.ingediend_door = user
    project.live = False
    project.slug = project.slug or unique_slug(Project, project.title)
    project.full_clean(exclude=["search"])
    project.save()
    project.save_revision(user=user, log_action=True)
    project_moderation_start(project=project, user=user)
    return project


@transaction.atomic
def project_update(*, project, user):
    """An edit by the submitter (or a moderator). Unpublished: saved as it is.
    Published: saved as a revision that waits; the public keeps the live version.
    A submitter's edit goes (back) to the moderators."""
    if not rules.may_edit_project(user, project):
        raise PermissionDenied
    project.gemeente = project_check_submission(
        user, locatie=project.locatie, omtrek=project.omtrek, gemeente=project.gemeente
    )
    project.full_clean(exclude=["search"])
    if not project.live:
        project.save()
    revision = project.save_revision(user=user, log_action=True)
    if rules.is_submitter(user, project):
        project_moderation_start(project=project, user=user)
    return revision


@transaction.atomic
def project_publish(*, project, user):
    """Publish the latest revision: what the Wagtail admin's "Publiceren" does (it
    ends the workflow, with any request for changes)."""
    if not rules.may_moderate(user):
        raise PermissionDenied
    revision = project.latest_revision or project.save_revision(user=user)
    revision.publish(user=user)
    project.refresh_from_db()
    return project


@transaction.atomic
def project_reject(*, project, user, reason):
    """Send the waiting revision back to its submitter with `reason`: the
    workflow's "request changes" (the admin's Afwijzen does the same). The
    published version, if any, stays online."""
    if not rules.may_moderate(user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Geef een reden op: de indiener krijgt ze te zien."))
    task_state = project.current_workflow_task_state
    if task_state is None or not project.workflow_in_progress:
        raise ValidationError(_("Dit project wacht niet op moderatie."))
    task_state.specific.task.specific.on_action(
        task_state.specific, user, "reject", comment=reason.strip()
    )
    project.refresh_from_db()
    return project
