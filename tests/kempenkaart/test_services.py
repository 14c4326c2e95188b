from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core import mail
from django.core.exceptions import ValidationError

from atelier.models import Gemeente
from kempenkaart import services
from kempenkaart.models import Instrument, ProcedureStap, Project
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import (
    InstrumentFactory,
    ProjectFactory,
    inside,
    square,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ([], Instrument.Status.IN_OPMAAK),
        ([("start", date(2020, 1, 1))], Instrument.Status.IN_OPMAAK),
        (
            [
                ("start", date(2020, 1, 1)),
                ("voorlopige-vaststelling", date(2021, 3, 1)),
            ],
            Instrument.Status.VOORLOPIG_VASTGESTELD,
        ),
        (
            [
                ("openbaar-onderzoek", date(2021, 4, 1)),
                ("definitieve-vaststelling", date(2021, 9, 1)),
                ("start", date(2020, 1, 1)),  # entered out of order: dates decide
            ],
            Instrument.Status.VAN_KRACHT,
        ),
        (
            [
                ("definitieve-vaststelling", date(1998, 1, 1)),
                ("opheffing", date(2024, 5, 1)),
            ],
            Instrument.Status.OPGEHEVEN,
        ),
    ],
)
def test_the_status_follows_from_the_procedure_steps(steps, status):
    instrument = InstrumentFactory(stappen=steps)
    assert instrument.status == status
    assert Instrument.objects.get(pk=instrument.pk).status == status


def test_status_is_refreshed_when_a_step_is_added():
    instrument = InstrumentFactory(stappen=[("start", date(2020, 1, 1))])
    ProcedureStap.objects.create(
        instrument=instrument, stap="definitieve-vaststelling", datum=date(2022, 1, 1)
    )
    assert (
        services.instrument_refresh_status(instrument) == Instrument.Status.VAN_KRACHT
    )


def test_instrument_is_linked_to_the_municipalities_it_overlaps():
    inner = InstrumentFactory(in_gemeente="mol")
    stored = Instrument.objects.filter(gemeenten__slug="mol")
    assert list(stored) == [inner]  # committed, not only in the cluster's memory
    turnhout = Gemeente.objects.get(slug="turnhout")
    oud = Gemeente.objects.get(slug="oud-turnhout")
    border = turnhout.geom.intersection(oud.geom).point_on_surface
    across = InstrumentFactory(geom=square(border, 600))
    assert set(across.gemeenten.values_list("slug", flat=True)) >= {
        "turnhout",
        "oud-turnhout",
    }


def test_project_municipality_follows_from_its_location():
    assert services.project_place(locatie=inside("geel")).slug == "geel"


def test_a_chosen_municipality_must_hold_the_project():
    with pytest.raises(ValidationError, match="niet in de gekozen gemeente Mol"):
        services.project_place(
            locatie=inside("geel"), gemeente=Gemeente.objects.get(slug="mol")
        )


def test_an_outline_across_the_border_may_choose_either_municipality():
    turnhout = Gemeente.objects.get(slug="turnhout")
    oud = Gemeente.objects.get(slug="oud-turnhout")
    border = turnhout.geom.intersection(oud.geom).point_on_surface
    outline = square(border, 400)
    chosen = services.project_place(
        locatie=outline.point_on_surface, omtrek=outline, gemeente=oud
    )
    assert chosen == oud


@pytest.mark.parametrize(
    ("geom", "message"),
    [
        (Point(4.40, 51.22, srid=4326), "buiten de Kempen"),  # Antwerp
        (Point(150000, 210000, srid=31370), "EPSG:4326"),
        (Point(200.0, 51.0, srid=4326), "lengte/breedte"),
        (
            MultiPolygon(
                Polygon(
                    (
                        (4.9, 51.3),
                        (4.95, 51.32),
                        (4.95, 51.3),
                        (4.9, 51.32),
                        (4.9, 51.3),
                    )
                ),
                srid=4326,
            ),
            "geen geldige geometrie",
        ),
    ],
)
def test_bad_geometry_is_refused_with_a_clear_message(geom, message):
    with pytest.raises(ValidationError, match=message):
        services.validate_geometry(geom, label="De locatie")


def test_absurd_vertex_counts_are_refused():
    centre = inside("turnhout")
    circle = centre.transform(31370, clone=True).buffer(200, quadsegs=3000)
    circle.transform(4326)
    assert circle.num_coords > services.MAX_VERTICES
    with pytest.raises(ValidationError, match="hoekpunten"):
        services.validate_geometry(circle, label="De omtrek")


def new_project(**fields):
    return Project(
        title=fields.pop("title", "Nieuw speelplein"),
        fase=Project.Fase.IDEE,
        locatie=inside("turnhout"),
        gemeente=Gemeente.objects.get(slug="turnhout"),
        **fields,
    )


def test_submission_is_unpublished_with_a_revision_and_staff_are_told(
    partner, iok_medewerker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = services.project_submit(project=new_project(), user=partner)
    assert not project.live
    assert project.ingediend_door == partner
    assert project.revisions.count() == 1
    assert project.slug == "nieuw-speelplein"
    assert [m.to for m in mail.outbox] == [[iok_medewerker.email]]
    assert "Nieuw speelplein" in mail.outbox[0].subject


def test_publish_makes_it_live_and_tells_the_submitter(
    partner, iok_medewerker, django_capture_on_commit_callbacks
):
    project = services.project_submit(project=new_project(), user=partner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.project_publish(project=project, user=iok_medewerker)
    project.refresh_from_db()
    assert project.live
    assert mail.outbox[-1].to == [partner.email]
    assert "staat op de Kempenkaart" in mail.outbox[-1].subject


def test_reject_needs_a_reason_and_tells_the_submitter(
    partner, iok_medewerker, django_capture_on_commit_callbacks
):
    project = services.project_submit(project=new_project(), user=partner)
    with pytest.raises(ValidationError):
        services.project_reject(project=project, user=iok_medewerker, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.project_reject(
            project=project, user=iok_medewerker, reason="Geen kwaliteitsproject."
        )
    project.refresh_from_db()
    assert not project.live
    assert project.afwijzingsreden == "Geen kwaliteitsproject."
    assert "Geen kwaliteitsproject." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [partner.email]


def test_a_change_to_a_published_project_waits_for_publication(partner, iok_medewerker):
    project = services.project_submit(project=new_project(), user=partner)
    services.project_publish(project=project, user=iok_medewerker)
    project.refresh_from_db()
    project.title = "Speelplein met waterpartij"
    services.project_update(project=project, user=partner)
    stored = Project.objects.get(pk=project.pk)
    assert stored.title == "Nieuw speelplein"  # the public keeps the live version
    assert stored.has_unpublished_changes
    assert stored.get_latest_revision_as_object().title == "Speelplein met waterpartij"
    services.project_publish(project=stored, user=iok_medewerker)
    assert Project.objects.get(pk=project.pk).title == "Speelplein met waterpartij"


def test_visibility_per_role(partner, iok_medewerker):
    published = ProjectFactory()
    draft = services.project_submit(project=new_project(title="Concept"), user=partner)
    other = UserFactory()
    from django.contrib.auth.models import AnonymousUser

    assert set(Project.objects.visible_to(AnonymousUser())) == {published}
    assert set(Project.objects.visible_to(other)) == {published}
    assert set(Project.objects.visible_to(partner)) == {published, draft}
    assert set(Project.objects.visible_to(iok_medewerker)) == {published, draft}


def test_where_users_may_submit(partner, gemeente_medewerker, expert, iok_medewerker):
    assert services.gemeenten_for_submission(partner).count() == 29
    assert services.gemeenten_for_submission(iok_medewerker).count() == 29
    assert list(services.gemeenten_for_submission(gemeente_medewerker)) == [
        Gemeente.objects.get(slug="turnhout")
    ]
    assert not services.gemeenten_for_submission(expert).exists()


def test_an_instrument_may_reach_beyond_the_kempen_a_project_may_not():
    hoogstraten = Gemeente.objects.get(slug="hoogstraten")
    northernmost = max(hoogstraten.geom.coords[0][0], key=lambda c: c[1])
    on_the_border = square(Point(*northernmost, srid=4326), 400)  # half in NL
    services.validate_geometry(on_the_border, label="Het gebied", partly_outside=True)
    with pytest.raises(ValidationError, match="deels"):
        services.validate_geometry(on_the_border, label="De omtrek")
    far = square(Point(4.40, 51.22, srid=4326), 100)  # Antwerp
    with pytest.raises(ValidationError, match="buiten de Kempen"):
        services.validate_geometry(far, label="Het gebied", partly_outside=True)


TWO_LINES = "Speelplein\r\nBcc: iedereen@example.com"


def test_a_title_with_a_newline_gives_one_line_subjects(
    partner, iok_medewerker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = services.project_submit(
            project=new_project(title=TWO_LINES), user=partner
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.project_publish(project=project, user=iok_medewerker)
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Nieuw project op de Kempenkaart: Speelplein Bcc: iedereen@example.com",
        "Uw project staat op de Kempenkaart: Speelplein Bcc: iedereen@example.com",
    ]
    assert [m.to for m in mail.outbox] == [[iok_medewerker.email], [partner.email]]
    assert all(not m.bcc for m in mail.outbox)


def test_a_mail_server_that_fails_does_not_undo_or_break_the_action(
    settings, partner, iok_medewerker, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    settings.EMAIL_TIMEOUT = 5
    with django_capture_on_commit_callbacks(execute=True):
        project = services.project_submit(project=new_project(), user=partner)
    with django_capture_on_commit_callbacks(execute=True):
        services.project_publish(project=project, user=iok_medewerker)
    project.refresh_from_db()
    assert project.live
    failures = [r for r in caplog.records if r.name == "atelier.mail"]
    assert len(failures) == 2
    assert all(r.levelname == "ERROR" and r.exc_info for r in failures)
    assert "Nieuw project op de Kempenkaart" in failures[0].getMessage()


def test_a_step_dated_in_the_future_counts_from_its_day_on():
    from django.core.management import call_command
    from django.utils import timezone

    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    instrument = InstrumentFactory(
        stappen=[
            ("voorlopige-vaststelling", date(2024, 1, 1)),
            ("definitieve-vaststelling", tomorrow),
        ]
    )
    assert instrument.status == Instrument.Status.VOORLOPIG_VASTGESTELD
    assert instrument.status_from_steps(today=tomorrow) == Instrument.Status.VAN_KRACHT
    untouched = InstrumentFactory(stappen=[("start", date(2024, 1, 1))])
    # The day comes: the daily command stores the new status, and only that one.
    assert Instrument.objects.refresh_status(today=tomorrow) == 1
    instrument.refresh_from_db()
    untouched.refresh_from_db()
    assert instrument.status == Instrument.Status.VAN_KRACHT
    assert untouched.status == Instrument.Status.IN_OPMAAK
    # Run today, the command puts it back: tomorrow's step does not count yet.
    out = StringIO()
    call_command("refresh_instrument_status", stdout=out)
    assert "1 instrument(en)" in out.getvalue()
    instrument.refresh_from_db()
    assert instrument.status == Instrument.Status.VOORLOPIG_VASTGESTELD
