import datetime

import pytest
from django.contrib.gis.geos import Point
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from atelier import roles
from atelier.models import Gemeente, Organisatie
from leergemeenschap import services
from leergemeenschap.models import (
    Case,
    CaseBijlage,
    Inschrijving,
    PeilingThema,
    Werksessie,
)
from modeldocumenten.models import DocumentSoort, ModelDocumentPage
from netwerk.models import Bijeenkomst
from tests.atelier.factories import OrganisatieFactory, UserFactory
from tests.modeldocumenten.factories import library

from .factories import hefboom, traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def kern(turnhout):
    return traject(eerste_orde=[turnhout])


def org_of(user):
    return Organisatie.objects.get(lidmaatschappen__user=user)


def register(user, hefbomen, **kwargs):
    kwargs.setdefault("contactpersonen", "An Peeters, ruimtelijk planner")
    return services.inschrijving_submit(
        user=user, organisatie=org_of(user), hefbomen=hefbomen, **kwargs
    )


def test_a_hefboom_has_three_to_five_sessions(kern):
    two = hefboom(kern, 1, sessies=2, publish=False)
    with pytest.raises(ValidationError, match="2 werksessies gepland: plan er 3 tot 5"):
        services.hefboom_publish(two)
    five = hefboom(kern, 2, sessies=5)
    start = timezone.now() + datetime.timedelta(days=400)
    with pytest.raises(ValidationError, match="al 5 werksessies"):
        services.werksessie_add(
            five, start=start, einde=start + datetime.timedelta(hours=4)
        )
    assert five.werksessies.count() == 5
    assert Bijeenkomst.objects.filter(soort="werksessie").count() == 7


def test_first_order_confirmed_second_order_waits(
    kern, gemeente_medewerker, django_capture_on_commit_callbacks
):
    h1, h2 = hefboom(kern, 1), hefboom(kern, 2)
    with django_capture_on_commit_callbacks(execute=True):
        (one, two) = register(
            gemeente_medewerker,
            [h1, h2],
            case={
                "title": "Stationsomgeving",
                "beschrijving": "Verdichten rond het station.",
                "punt": Point(4.94, 51.32),
            },
            bijlagen=[("nota.pdf", b"%PDF-1.4 test")],
        )
    assert {one.status, two.status} == {Inschrijving.Status.BEVESTIGD}
    assert one.case == two.case and one.case.bijlagen.count() == 1
    assert "Levendige kernen" in mail.outbox[-1].body
    # The official's municipality is invited to every session of both hefbomen.
    session = h1.werksessies.first().bijeenkomst
    assert (
        Bijeenkomst.objects.visible_to(gemeente_medewerker)
        .filter(pk=session.pk)
        .exists()
    )
    outsider = UserFactory(
        roles=[roles.PARTNER], organisaties=[OrganisatieFactory(name="Stad Leuven")]
    )
    assert not Bijeenkomst.objects.visible_to(outsider).filter(pk=session.pk).exists()
    staff = UserFactory(roles=[roles.IOK_MEDEWERKER])
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        (pending,) = register(outsider, [h1])
    assert pending.status == Inschrijving.Status.TE_BEOORDELEN
    to_staff = [m for m in mail.outbox if m.to == [staff.email]]
    assert "Inschrijving in tweede orde: Stad Leuven" in to_staff[0].subject
    assert not Bijeenkomst.objects.visible_to(outsider).filter(pk=session.pk).exists()
    services.inschrijving_decide(pending, by=staff, approve=True)
    assert Bijeenkomst.objects.visible_to(outsider).filter(pk=session.pk).exists()
    with pytest.raises(ValidationError, match="Alleen IOK"):
        services.inschrijving_decide(pending, by=outsider, approve=True)


def test_deadline_duplicate_and_bad_files_refuse_everything(kern, gemeente_medewerker):
    open_ = hefboom(kern, 1)
    closed = hefboom(kern, 3, deadline=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="hefboom 3 .* zijn afgesloten sinds"):
        register(gemeente_medewerker, [open_, closed])
    with pytest.raises(ValidationError, match="programma of script"):
        register(
            gemeente_medewerker,
            [open_],
            case={"title": "X", "beschrijving": "Y"},
            bijlagen=[("virus.exe", b"MZ\x90\x00")],
        )
    with pytest.raises(ValidationError, match="ongeldige tekens"):
        register(gemeente_medewerker, [open_], contactpersonen="An\x00")
    assert not Inschrijving.objects.exists()
    assert not Case.objects.exists() and not CaseBijlage.objects.exists()
    register(gemeente_medewerker, [open_])
    with pytest.raises(ValidationError, match="al ingeschreven voor hefboom 1"):
        register(gemeente_medewerker, [open_])
    assert Inschrijving.objects.count() == 1


def test_only_own_organisation_and_role_may_register(kern, gemeente_medewerker, expert):
    h = hefboom(kern, 1)
    mol = Organisatie.objects.create(
        name="Gemeente Mol",
        slug="gemeente-mol",
        kind="gemeente",
        gemeente=Gemeente.objects.get(slug="mol"),
    )
    with pytest.raises(ValidationError, match="waarvoor u optreedt"):
        services.inschrijving_submit(
            user=gemeente_medewerker,
            organisatie=mol,
            hefbomen=[h],
            contactpersonen="x",
        )
    with pytest.raises(ValidationError, match="waarvoor u optreedt"):
        services.inschrijving_submit(
            user=expert, organisatie=mol, hefbomen=[h], contactpersonen="x"
        )


def test_evaluations_aggregate_per_tool(kern, gemeente_medewerker, partner):
    h = hefboom(kern, 1)
    grond = services.tool_create(h, title="Grondbank", beschrijving="Een bank.")
    kaart = services.tool_create(h, title="Kansenkaart", beschrijving="Een kaart.")
    (a,) = register(gemeente_medewerker, [h])
    other = UserFactory(
        roles=[roles.GEMEENTE_MEDEWERKER], gemeente=Gemeente.objects.get(slug="geel")
    )
    kern.eerste_orde_gemeenten.add(Gemeente.objects.get(slug="geel"))
    (b,) = register(other, [h])
    services.evaluatie_submit(
        user=gemeente_medewerker,
        inschrijving=a,
        scores={grond: (4, "Goed"), kaart: (2, "")},
    )
    services.evaluatie_submit(
        user=other, inschrijving=b, scores={grond: (5, ""), kaart: (3, "Vaag")}
    )
    with pytest.raises(ValidationError, match="elke voorgestelde tool"):
        services.evaluatie_submit(user=other, inschrijving=b, scores={grond: (5, "")})
    with pytest.raises(ValidationError, match="Alleen deelnemers"):
        services.evaluatie_submit(
            user=partner, inschrijving=b, scores={grond: (5, ""), kaart: (1, "")}
        )
    results = {t.title: t for t in services.evaluation_results(h)}
    assert results["Grondbank"].aantal == 2
    assert results["Grondbank"].gemiddelde == 4.5
    assert (results["Kansenkaart"].laagste, results["Kansenkaart"].hoogste) == (2, 3)


def test_survey_results_per_theme(kern, gemeente_medewerker):
    wonen = PeilingThema.objects.create(traject=kern, naam="Wonen")
    energie = PeilingThema.objects.create(traject=kern, naam="Energie")
    services.peiling_submit(
        user=gemeente_medewerker,
        organisatie=org_of(gemeente_medewerker),
        antwoorden={wonen: (5, "Project X"), energie: (None, "")},
    )
    with pytest.raises(ValidationError, match="belang van 1 tot 5"):
        services.peiling_submit(
            user=gemeente_medewerker,
            organisatie=org_of(gemeente_medewerker),
            antwoorden={wonen: (9, "")},
        )
    results = {t.naam: t for t in services.peiling_results(kern)}
    assert (results["Wonen"].aantal, results["Wonen"].voorbeelden) == (1, 1)
    assert results["Energie"].aantal == 0


def test_a_tool_becomes_a_draft_model_document(kern, iok_medewerker, partner):
    library()
    h = hefboom(kern, 1)
    tool = services.tool_create(
        h,
        title="Kernversterkend grondbeleid",
        beschrijving="Grond <slim> inzetten.",
        dos="Start vroeg",
        donts="Wacht niet",
    )
    with pytest.raises(ValidationError, match="Alleen IOK"):
        services.tool_promote_to_modeldocument(
            tool, by=partner, soort=DocumentSoort.objects.first()
        )
    page = services.tool_promote_to_modeldocument(
        tool, by=iok_medewerker, soort=DocumentSoort.objects.first()
    )
    page = ModelDocumentPage.objects.get(pk=page.pk)
    assert not page.live and page.title == "Kernversterkend grondbeleid"
    assert "Start vroeg" in page.gebruik and "&lt;slim&gt;" in page.gebruik
    with pytest.raises(ValidationError, match="al omgezet"):
        services.tool_promote_to_modeldocument(
            tool, by=iok_medewerker, soort=DocumentSoort.objects.first()
        )


def test_sessions_are_werksessie_gatherings(kern):
    h = hefboom(kern, 1, sessies=3)
    sessions = Werksessie.objects.filter(hefboom=h).select_related("bijeenkomst")
    assert [s.volgnummer for s in sessions] == [1, 2, 3]
    assert {s.bijeenkomst.zichtbaarheid for s in sessions} == {"genodigden"}
    assert sessions[2].is_laatste and not sessions[0].is_laatste


def test_a_hefboom_slug_may_not_hide_a_trajectory_page(kern):
    with pytest.raises(ValidationError, match="voorbehouden"):
        hefboom(kern, 1, titel="Toolbox", sessies=0, publish=False)


def test_the_evaluation_opens_at_the_last_session(kern, gemeente_medewerker):
    h = hefboom(kern, 1, start=timezone.now() + datetime.timedelta(days=1))
    tool = services.tool_create(h, title="Tool", beschrijving="b")
    (inschrijving,) = register(gemeente_medewerker, [h])
    with pytest.raises(ValidationError, match="opent op de laatste werksessie"):
        services.evaluatie_submit(
            user=gemeente_medewerker, inschrijving=inschrijving, scores={tool: (3, "")}
        )
    services.evaluatie_submit(
        user=gemeente_medewerker,
        inschrijving=inschrijving,
        scores={tool: (3, "")},
        now=timezone.now() + datetime.timedelta(days=100),
    )
    assert tool.evaluaties.count() == 1
