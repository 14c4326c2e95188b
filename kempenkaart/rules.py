"""Who may see and do what on the Kempenkaart: the one place for these rules.

Views, the API, the Wagtail admin (permission policy, moderation task), search, mail
recipients and the services all ask here; `ProjectQuerySet.visible_to` delegates to
`project_visible`. Instruments are public records: everyone sees every instrument.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.gis.db.models import Union
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from atelier.models import Gemeente

# IOK staff moderate projects: they see, edit, publish and send back every project.
MODERATE = "kempenkaart.publish_project"
# Partners and municipal officials submit projects ...
SUBMIT = "kempenkaart.add_project"
# ... partners (and IOK) anywhere in the Kempen, officials in their own municipality.
SUBMIT_ANYWHERE = "kempenkaart.add_project_any_gemeente"

# How far an official's outline may cross their municipality's border. The stored
# boundaries are generalised (atelier/data/README.md: a few tens of metres off the
# legal line, locally more), and an outline drawn along a street or parcel edge on
# the border lands on either side of it; 25 m (a street and its verges) absorbs that
# without letting an outline take in the neighbour's houses.
BORDER_TOLERANCE = 25  # metres, measured in settings.METRIC_SRID


def may_moderate(user):
    """IOK staff (and superusers): publish projects or ask for changes."""
    return user.is_active and user.has_perm(MODERATE)


def moderators():
    """The users who moderate projects and have an e-mail address: members of a group
    with the permission, users granted it themselves, and superusers."""
    return (
        get_user_model()
        .objects.with_perm(
            MODERATE,
            is_active=True,
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
    )


def project_visible(user):
    """A filter (Q) of the projects `user` may know exist: published ones for
    everyone, plus their own submissions; every project for moderators."""
    if may_moderate(user):
        return Q()
    if user.is_authenticated:
        return Q(live=True) | Q(ingediend_door=user)
    return Q(live=True)


def may_view_project(user, project):
    return may_moderate(user) or project.live or is_submitter(user, project)


def is_submitter(user, project):
    return user.is_authenticated and project.ingediend_door_id == user.pk


def may_edit_project(user, project):
    """Submitters edit their own projects, never another's; moderators edit all."""
    return is_submitter(user, project) or may_moderate(user)


def may_submit(user):
    """May add projects somewhere (partners, municipal officials, IOK staff)."""
    return user.has_perm(SUBMIT)


def gemeenten_for_submission(user):
    """Where `user` may add projects: anywhere for partners and IOK staff, their own
    municipality for a municipal official, nowhere for others."""
    if user.has_perm(SUBMIT_ANYWHERE):
        return Gemeente.objects.all()
    if user.has_perm(SUBMIT):
        return Gemeente.objects.for_user(user)
    return Gemeente.objects.none()


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
    if user.has_perm(SUBMIT_ANYWHERE):
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
