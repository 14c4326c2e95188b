"""Writes of the Kempenkaart that span models, send mail or check geometry."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.gis.db.models import Union
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _

from atelier import geometry
from atelier.mail import mail_send
from atelier.models import Gemeente

from .models import Instrument, Project

MAX_VERTICES = 10_000  # more than any real project or instrument outline needs


# --- geometry -------------------------------------------------------------------


def kempen_area():
    """The union of the 29 municipalities (cached per process: it does not change)."""
    global _KEMPEN
    if _KEMPEN is None:
        _KEMPEN = Gemeente.objects.aggregate(area=Union("geom"))["area"]
    return _KEMPEN


_KEMPEN = None


def gemeenten_intersecting(geom):
    return Gemeente.objects.filter(geom__intersects=geom)


def gemeenten_for_submission(user):
    """Where `user` may add projects: anywhere for partners and IOK staff, their own
    municipality for a municipal official, nowhere for others."""
    if user.has_perm("kempenkaart.add_project_any_gemeente"):
        return Gemeente.objects.all()
    if user.has_perm("kempenkaart.add_project"):
        return Gemeente.objects.for_user(user)
    return Gemeente.objects.none()


# How far an official's outline may cross their municipality's border. The stored
# boundaries are generalised (atelier/data/README.md: a few tens of metres off the
# legal line, locally more), and an outline drawn along a street or parcel edge on
# the border lands on either side of it; 25 m (a street and its verges) absorbs that
# without letting an outline take in the neighbour's houses.
BORDER_TOLERANCE = 25  # metres, measured in settings.METRIC_SRID


def submission_refusal(user, *, gemeente, locatie, omtrek=None):
    """Why `user` may not add a project in `gemeente` at `locatie` with outline
    `omtrek` (a `ValidationError` whose code names the field), or None when they may.
    Partners and IOK staff: anywhere in the Kempen. Municipal officials: only in their
    own municipality, the location inside it and the outline within
    `BORDER_TOLERANCE` of it."""
    if not gemeenten_for_submission(user).filter(pk=gemeente.pk).exists():
        return ValidationError(
            _("U kunt geen projecten toevoegen in %(gemeente)s.")
            % {"gemeente": gemeente},
            code="gemeente",
        )
    if user.has_perm("kempenkaart.add_project_any_gemeente"):
        return None
    if not gemeente.geom.intersects(locatie):
        return ValidationError(
            _("De locatie ligt buiten uw gemeente %(gemeente)s.")
            % {"gemeente": gemeente},
            code="locatie",
        )
    if omtrek is not None:
        own = gemeenten_for_submission(user).aggregate(area=Union("geom"))["area"]
        reach = own.transform(settings.METRIC_SRID, clone=True).buffer(BORDER_TOLERANCE)
        if not reach.covers(omtrek.transform(settings.METRIC_SRID, clone=True)):
            return ValidationError(
                _(
                    "De omtrek reikt meer dan %(metres)s m buiten uw gemeente; "
                    "een project over de gemeentegrens heen dient een partner of IOK in."
                )
                % {"metres": BORDER_TOLERANCE},
                code="omtrek",
            )
    return None


def may_submit_at(user, *, gemeente, locatie, omtrek=None):
    """Whether `user` may add a project in `gemeente` at `locatie` with outline
    `omtrek` (the rule: `submission_refusal`)."""
    return (
        submission_refusal(user, gemeente=gemeente, locatie=locatie, omtrek=omtrek)
        is None
    )


def plain_text_to_html(text):
    """Paragraphs of escaped text: what submitters type never becomes markup."""
    text = (text or "").strip()
    return linebreaks(text, autoescape=True) if text else ""


def gemeente_at(point):
    """The municipality that contains `point` (None outside the Kempen)."""
    return Gemeente.objects.filter(geom__intersects=point).order_by("nis_code").first()


def validate_geometry(geom, *, label, partly_outside=False):
    """Refuse what no map should hold: a wrong SRID, an invalid (self-intersecting)
    or empty geometry, an absurd number of vertices, a place outside the Kempen.
    `partly_outside`: enough that it overlaps the Kempen (a provincial plan may
    reach beyond the region; a project may not)."""
    if geom is None:
        return
    if geom.srid not in (None, 4326):
        raise ValidationError(
            _(
                "%(label)s: verwacht coördinaten in EPSG:4326 (lengte/breedte), kreeg EPSG:%(srid)s."
            )
            % {"label": label, "srid": geom.srid}
        )
    if geom.empty:
        raise ValidationError(_("%(label)s is leeg.") % {"label": label})
    if geom.num_coords > MAX_VERTICES:
        raise ValidationError(
            _("%(label)s heeft %(n)s hoekpunten; meer dan %(max)s is niet toegelaten.")
            % {"label": label, "n": geom.num_coords, "max": MAX_VERTICES}
        )
    extent = geom.extent
    if not (-180 <= extent[0] <= 180 and -90 <= extent[1] <= 90) or not (
        -180 <= extent[2] <= 180 and -90 <= extent[3] <= 90
    ):
        raise ValidationError(
            _("%(label)s: de coördinaten zijn geen lengte/breedte (EPSG:4326).")
            % {"label": label}
        )
    if not geom.valid:
        raise ValidationError(
            _("%(label)s is geen geldige geometrie (%(reason)s).")
            % {"label": label, "reason": geom.valid_reason}
        )
    if partly_outside and not kempen_area().intersects(geom):
        raise ValidationError(_("%(label)s ligt buiten de Kempen.") % {"label": label})
    if not partly_outside and not kempen_area().contains(geom):
        raise ValidationError(
            _("%(label)s ligt (deels) buiten de Kempen.") % {"label": label}
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
                _("De locatie ligt in geen enkele Kempense gemeente.")
            )
        return gemeente
    shape = omtrek.union(locatie) if omtrek else locatie
    if not gemeente.geom.intersects(shape):
        raise ValidationError(
            _("Het project ligt niet in de gekozen gemeente %(gemeente)s.")
            % {"gemeente": gemeente.name}
        )
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


@transaction.atomic
def project_submit(*, project, user):
    """A new project from a partner or municipality: saved unpublished, with its first
    revision; IOK staff are told."""
    project.ingediend_door = user
    project.live = False
    project.slug = project.slug or unique_slug(Project, project.title)
    project.full_clean(exclude=["search"])
    project.save()
    project.save_revision(user=user, log_action=True)
    transaction.on_commit(lambda: project_notify_staff(project=project, new=True))
    return project


@transaction.atomic
def project_update(*, project, user):
    """An edit by the submitter (or staff). Unpublished: saved as it is. Published:
    saved as a revision that waits for publication; the public keeps the live version."""
    project.full_clean(exclude=["search"])
    project.afgewezen_op = None
    project.afwijzingsreden = ""
    if project.live:
        Project.objects.filter(pk=project.pk).update(
            afgewezen_op=None, afwijzingsreden=""
        )
        revision = project.save_revision(user=user, log_action=True)
    else:
        project.save()
        revision = project.save_revision(user=user, log_action=True)
    if user.pk == project.ingediend_door_id:
        transaction.on_commit(lambda: project_notify_staff(project=project, new=False))
    return revision


@transaction.atomic
def project_publish(*, project, user):
    """Publish the latest revision (what the Wagtail admin's "Publiceren" does too)."""
    revision = project.latest_revision or project.save_revision(user=user)
    revision.publish(user=user)
    project.refresh_from_db()
    Project.objects.filter(pk=project.pk).update(afgewezen_op=None, afwijzingsreden="")
    return project


@transaction.atomic
def project_reject(*, project, user, reason):
    if not reason.strip():
        raise ValidationError(_("Geef een reden op: de indiener krijgt ze te zien."))
    if project.live:
        project.unpublish(user=user)
    Project.objects.filter(pk=project.pk).update(
        afgewezen_op=timezone.now(), afwijzingsreden=reason.strip()
    )
    project.refresh_from_db()
    transaction.on_commit(lambda: project_notify_submitter(project=project))
    return project


def project_notify_staff(*, project, new):
    """Tell the IOK staff who moderate that a project waits for them."""
    User = get_user_model()
    recipients = list(
        User.objects.filter(
            is_active=True, groups__permissions__codename="publish_project"
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    mail_send(
        subject_template="kempenkaart/mail/staff_subject.txt",
        body_template="kempenkaart/mail/staff_body.txt",
        context={
            "project": project,
            "new": new,
            "base_url": settings.WAGTAILADMIN_BASE_URL,
        },
        to=recipients,
    )


def project_notify_submitter(*, project):
    """Tell the submitter that their project was published or rejected."""
    submitter = project.ingediend_door
    if submitter is None or not submitter.email:
        return
    mail_send(
        subject_template="kempenkaart/mail/decision_subject.txt",
        body_template="kempenkaart/mail/decision_body.txt",
        context={"project": project, "base_url": settings.WAGTAILADMIN_BASE_URL},
        to=[submitter.email],
    )
