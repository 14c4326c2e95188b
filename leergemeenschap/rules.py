"""Who may see and do what in the learning community: the one place for these rules.
Views, exports, search, sections and mail recipients ask here; the QuerySets'
`visible_to(user)` delegate to these functions.

- Everyone sees published trajectories and hefbomen, published practice examples,
  public cases, and a toolbox once it is published.
- A participant (a member of an organisation with a confirmed registration for a
  hefboom) sees that hefboom's sessions, their material, and its cases; evaluates its
  tools in the last session.
- Staff (IOK, the Beheerder: `manage_traject`) see and do everything, and are the only
  ones who see evaluations and the needs survey's answers.
"""

from django.db.models import Q

MANAGE = "leergemeenschap.manage_traject"
REGISTER = "leergemeenschap.add_inschrijving"


def is_staff(user):
    return user.has_perm(MANAGE)


def user_organisaties(user):
    from atelier.models import Organisatie

    if not user.is_authenticated:
        return Organisatie.objects.none()
    return Organisatie.objects.filter(lidmaatschappen__user=user)


def registering_organisaties(user):
    """The organisations `user` may register: those they act for (a municipal
    official: their municipality), when their role may register at all; staff
    register any organisation (one that asked by mail or phone)."""
    from atelier.models import Organisatie

    if is_staff(user):
        return Organisatie.objects.order_by("name")
    if not user.is_authenticated or not user.has_perm(REGISTER):
        return Organisatie.objects.none()
    return user_organisaties(user).order_by("name")


def traject_visible(user):
    if is_staff(user):
        return Q()
    return Q(gepubliceerd=True)


def hefboom_visible(user):
    if is_staff(user):
        return Q()
    return Q(gepubliceerd=True, traject__gepubliceerd=True)


def participant_hefbomen(user):
    """Ids of the hefbomen `user` takes part in (confirmed, through an organisation)."""
    from .models import Inschrijving

    if not user.is_authenticated:
        return Inschrijving.objects.none().values("hefboom")
    return (
        Inschrijving.objects.confirmed()
        .filter(organisatie__lidmaatschappen__user=user)
        .values("hefboom")
    )


def is_participant(user, hefboom):
    return (
        user.is_authenticated
        and hefboom.inschrijvingen.confirmed()
        .filter(organisatie__lidmaatschappen__user=user)
        .exists()
    )


def may_view_session_material(user, hefboom):
    """Agenda, report, documents, attendance of a hefboom's sessions."""
    return is_staff(user) or is_participant(user, hefboom)


def may_evaluate(user, hefboom):
    return is_participant(user, hefboom)


def may_view_evaluations(user):
    return is_staff(user)


def may_view_survey_answers(user):
    return is_staff(user)


def may_answer_survey(user):
    return registering_organisaties(user).exists()


def case_visible(user):
    """Public cases of published trajectories for everyone; every case of a
    hefboom to its participants; its own cases to the organisation; all to staff."""
    if is_staff(user):
        return Q()
    visible = Q(openbaar=True, traject__gepubliceerd=True)
    if user.is_authenticated:
        visible |= Q(inschrijvingen__hefboom__in=participant_hefbomen(user))
        visible |= Q(organisatie__in=user_organisaties(user))
    return visible


def praktijkvoorbeeld_visible(user):
    if is_staff(user):
        return Q()
    visible = Q(status="gepubliceerd", traject__gepubliceerd=True)
    if user.is_authenticated:
        visible |= Q(ingediend_door=user)
    return visible


def may_submit_praktijkvoorbeeld(user):
    return registering_organisaties(user).exists() or is_staff(user)


def may_view_toolbox(user, traject):
    return traject.toolbox_published or is_staff(user)


def staff_recipients():
    """The addresses of the staff who approve registrations (IOK, the Beheerder)."""
    from django.contrib.auth import get_user_model

    app_label, codename = MANAGE.split(".")
    return sorted(
        set(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label=app_label,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
