"""The pages, files and PDFs of the kwaliteitskamer, per role: whoever may not see a
dossier gets 404 everywhere; after publication only the redacted advice is public."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from atelier import roles
from atelier.models import Gemeente
from netwerk.kwaliteitskamer import services
from netwerk.kwaliteitskamer.models import Advies, Dossier, PanelLid
from tests.atelier.factories import UserFactory

from .factories import ExpertFactory, dossier, zitting

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(gemeente_medewerker, turnhout, iok_medewerker):
    chair, member, conflicted = ExpertFactory(), ExpertFactory(), ExpertFactory()
    z = zitting(voorzitter=chair, panel=[member, conflicted])
    d = dossier(
        user=gemeente_medewerker,
        tijdslot=z.tijdsloten.first(),
        gemeente=turnhout,
        title="Geheim stadsproject",
        ontwerper="Jan Ontwerper",
        aanvrager="Piet Aanvrager",
    )
    services.dossier_set_panel(
        user=iok_medewerker, dossier=d, experts=[chair, member, conflicted]
    )
    services.conflict_declare(user=conflicted.user, dossier=d, conflict=True)
    advies = Advies.objects.create(
        dossier=d,
        context="De context van het plein.",
        appreciatie="Een sterke appreciatie.",
        aanbevelingen="Verlaag de kroonlijst.",
        conclusie=Advies.Conclusie.VOORWAARDEN,
        opgesteld_door=member.user,
    )
    return {
        "zitting": z,
        "dossier": d,
        "advies": advies,
        "chair": chair,
        "member": member,
        "conflicted": conflicted,
    }


def dossier_urls(d):
    bijlage = d.bijlagen.first()
    return [
        reverse("kwaliteitskamer:dossier", kwargs={"pk": d.pk}),
        reverse("kwaliteitskamer:bijlage", kwargs={"pk": d.pk, "bijlage": bijlage.pk}),
        reverse("kwaliteitskamer:adviesbrief", kwargs={"pk": d.pk}),
        reverse("kwaliteitskamer:advies-edit", kwargs={"pk": d.pk}),
        reverse("kwaliteitskamer:panel", kwargs={"pk": d.pk}),
        reverse("kwaliteitskamer:uitkomst", kwargs={"pk": d.pk}),
    ]


def outsiders(setting):
    other = Gemeente.objects.exclude(slug="turnhout").first()
    return {
        "other municipality": UserFactory(
            roles=[roles.GEMEENTE_MEDEWERKER], gemeente=other
        ),
        "partner": UserFactory(roles=[roles.PARTNER]),
        "expert not on the panel": ExpertFactory().user,
        "conflicted expert": setting["conflicted"].user,
    }


def test_outsiders_get_404_on_dossier_files_advice_and_agenda(client, setting):
    d = setting["dossier"]
    for name, user in outsiders(setting).items():
        client.force_login(user)
        for url in dossier_urls(d):
            assert client.get(url).status_code == 404, (name, url)
        assert (
            client.post(
                reverse("kwaliteitskamer:advies-approve", kwargs={"pk": d.pk})
            ).status_code
            == 404
        ), name
        agenda = reverse(
            "kwaliteitskamer:agenda", kwargs={"slug": d.zitting.bijeenkomst.slug}
        )
        if name != "conflicted expert":  # on the sitting's panel: pack without it
            assert client.get(agenda).status_code == 404, name
        index = client.get(reverse("kwaliteitskamer:index"))
        assert "Geheim stadsproject" not in index.content.decode(), name


def test_anonymous_gets_404(client, setting):
    d = setting["dossier"]
    slug = d.zitting.bijeenkomst.slug
    for url in [
        *dossier_urls(d),
        reverse("kwaliteitskamer:zitting", kwargs={"slug": slug}),
        reverse("kwaliteitskamer:agenda", kwargs={"slug": slug}),
        reverse("kwaliteitskamer:cijfers"),
    ]:
        assert client.get(url).status_code == 404, url


def test_conflicted_experts_agenda_pack_leaves_the_dossier_out(client, setting):
    client.force_login(setting["conflicted"].user)
    slug = setting["zitting"].bijeenkomst.slug
    response = client.get(reverse("kwaliteitskamer:agenda", kwargs={"slug": slug}))
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Geheim stadsproject" not in text


def test_who_may_see_the_dossier(client, setting, gemeente_medewerker, iok_medewerker):
    d = setting["dossier"]
    for user in (
        gemeente_medewerker,
        iok_medewerker,
        setting["member"].user,
        setting["chair"].user,
    ):
        client.force_login(user)
        response = client.get(reverse("kwaliteitskamer:dossier", kwargs={"pk": d.pk}))
        assert response.status_code == 200
        assert "Geheim stadsproject" in response.content.decode()
        bijlage = d.bijlagen.first()
        download = client.get(
            reverse(
                "kwaliteitskamer:bijlage", kwargs={"pk": d.pk, "bijlage": bijlage.pk}
            )
        )
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_agenda_pack_merges_the_attached_pdfs(client, setting, iok_medewerker):
    from tests.kempenkaart.factories import inside

    Dossier.objects.filter(pk=setting["dossier"].pk).update(locatie=inside("turnhout"))
    client.force_login(iok_medewerker)
    slug = setting["zitting"].bijeenkomst.slug
    response = client.get(reverse("kwaliteitskamer:agenda", kwargs={"slug": slug}))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Geheim stadsproject" in text
    assert "Past de schaal in de straat?" in text
    assert "plannen" in text and "situering" in text  # the merged attachments
    assert "Ligging in Turnhout" in text  # under the location map


def test_location_map_is_svg_with_the_point_inside(setting):
    import re

    from netwerk.kwaliteitskamer.mapsvg import HEIGHT, WIDTH, location_svg
    from tests.kempenkaart.factories import inside

    d = setting["dossier"]
    assert location_svg(d) == ""
    d.locatie = inside("turnhout")
    svg = str(location_svg(d))
    assert svg.startswith("<svg") and "<polygon" in svg
    cx, cy = map(float, re.search(r'cx="([\d.]+)" cy="([\d.]+)"', svg).groups())
    assert 0 < cx < WIDTH and 0 < cy < HEIGHT


def test_before_publication_nothing_is_public(client, setting):
    advies = setting["advies"]
    advies.goedgekeurd_op = timezone.now()
    advies.save()
    assert (
        client.get(
            reverse("kwaliteitskamer:advies", kwargs={"pk": advies.pk})
        ).status_code
        == 404
    )
    bank = client.get(reverse("kwaliteitskamer:adviesbank"))
    assert "Geheim stadsproject" not in bank.content.decode()
    search = client.get("/zoeken/", {"q": "stadsproject"})
    assert "Geheim stadsproject" not in search.content.decode()


def test_after_publication_only_the_redacted_advice_is_public(
    client, setting, gemeente_medewerker
):
    d, advies = setting["dossier"], setting["advies"]
    advies.goedgekeurd_op = timezone.now()
    advies.goedgekeurd_door = setting["chair"].user
    advies.save()
    services.dossier_record_outcome(user=gemeente_medewerker, dossier=d, publish=True)
    page = client.get(reverse("kwaliteitskamer:advies", kwargs={"pk": advies.pk}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Verlaag de kroonlijst." in text
    for personal in (
        "Jan Ontwerper",
        "Piet Aanvrager",
        str(setting["chair"].user),
        gemeente_medewerker.email,
        "plannen.pdf",
    ):
        assert personal not in text
    bank = client.get(reverse("kwaliteitskamer:adviesbank"))
    assert "Geheim stadsproject" in bank.content.decode()
    search = client.get("/zoeken/", {"q": "stadsproject"})
    assert "Geheim stadsproject" in search.content.decode()
    # The dossier itself, its files and the letter stay confidential.
    partner = UserFactory(roles=[roles.PARTNER])
    client.force_login(partner)
    for url in dossier_urls(d):
        assert client.get(url).status_code == 404


def test_advice_bank_filters(client, setting, gemeente_medewerker):
    from atelier.models import Thema

    d, advies = setting["dossier"], setting["advies"]
    thema = Thema.objects.first()
    d.themas.add(thema)
    advies.goedgekeurd_op = timezone.now()
    advies.save()
    Dossier.objects.filter(pk=d.pk).update(gepubliceerd_op=timezone.now())
    url = reverse("kwaliteitskamer:adviesbank")
    year = d.tijdslot.start.year
    form = client.get(url).content.decode()
    for empty in ("Alle thema&#x27;s", "Alle gemeenten", "Alle conclusies"):
        assert f'<option value="" selected>{empty}</option>' in form
    assert "---------" not in form and ">—<" not in form
    hits = [
        {"thema": thema.slug},
        {"gemeente": "turnhout"},
        {"jaar": year},
        {"conclusie": "voorwaarden"},
        {"q": "kroonlijst"},
    ]
    misses = [
        {"thema": Thema.objects.exclude(pk=thema.pk).first().slug},
        {"gemeente": Gemeente.objects.exclude(slug="turnhout").first().slug},
        {"jaar": year - 1},
        {"conclusie": "negatief"},
    ]
    for params in hits:
        assert "Geheim stadsproject" in client.get(url, params).content.decode(), params
    for params in misses:
        assert "Geheim stadsproject" not in client.get(url, params).content.decode()
    for bad in ({"jaar": "99999999999999999999"}, {"q": "%\x00"}, {"gemeente": "x%"}):
        assert client.get(url, bad).status_code == 200


def test_figures_for_staff_only(client, setting, iok_medewerker, gemeente_medewerker):
    url = reverse("kwaliteitskamer:cijfers")
    client.force_login(gemeente_medewerker)
    assert client.get(url).status_code == 404
    client.force_login(iok_medewerker)
    response = client.get(url)
    assert response.status_code == 200
    assert "<svg" in response.content.decode()


def test_booking_page_refuses_a_taken_slot(client, setting, turnhout):
    other = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    client.force_login(other)
    slot = setting["dossier"].tijdslot
    response = client.post(
        reverse("kwaliteitskamer:book", kwargs={"slot": slot.pk}),
        {"title": "Tweede", "ontwerpfase": "verkenning", "gemeente": turnhout.pk},
    )
    assert response.status_code == 200
    assert "intussen geboekt" in response.content.decode()
    assert Dossier.objects.count() == 1


def test_intake_bad_input(client, setting, gemeente_medewerker, turnhout):
    client.force_login(gemeente_medewerker)
    slot = setting["zitting"].tijdsloten.last()
    url = reverse("kwaliteitskamer:book", kwargs={"slot": slot.pk})
    for data in (
        {"title": "Nul\x00byte", "ontwerpfase": "verkenning"},
        {"title": "Ver weg", "ontwerpfase": "verkenning", "lat": "1e308", "lon": "5"},
        {"title": "", "ontwerpfase": "verkenning"},
    ):
        response = client.post(url, {**data, "gemeente": turnhout.pk})
        assert response.status_code == 200
        assert "form-errors" in response.content.decode()
    assert Dossier.objects.count() == 1
    response = client.post(
        url,
        {
            "title": "Nieuw\nplein",
            "ontwerpfase": "verkenning",
            "gemeente": turnhout.pk,
            "lat": "51.32",
            "lon": "4.94",
        },
    )
    assert response.status_code == 302
    assert Dossier.objects.get(tijdslot=slot).title == "Nieuw plein"


def test_upload_through_the_intake_page(client, setting, gemeente_medewerker, turnhout):
    client.force_login(gemeente_medewerker)
    slot = setting["zitting"].tijdsloten.last()
    d = services.dossier_book(
        user=gemeente_medewerker,
        tijdslot=slot,
        gemeente=turnhout,
        title="Nieuw",
        ontwerpfase="verkenning",
    )
    url = reverse("kwaliteitskamer:dossier-edit", kwargs={"pk": d.pk})
    fake = SimpleUploadedFile("plan.pdf", b"<html><script>alert(1)</script>")
    response = client.post(url, {"upload": "1", "soort": "plannen", "bestand": fake})
    assert response.status_code == 200
    assert not d.bijlagen.exists()


def test_conflicted_expert_not_in_panel_listing(setting):
    assert PanelLid.objects.filter(conflict=True).count() == 1


def test_published_advice_shown_on_the_kempenkaart_project(client, setting):
    from tests.kempenkaart.factories import ProjectFactory

    project = ProjectFactory(title="Grote Markt Turnhout")
    d, advies = setting["dossier"], setting["advies"]
    Dossier.objects.filter(pk=d.pk).update(project=project)
    advies_url = reverse("kwaliteitskamer:advies", kwargs={"pk": advies.pk})
    assert advies_url not in client.get(project.get_absolute_url()).content.decode()
    advies.goedgekeurd_op = timezone.now()
    advies.save()
    Dossier.objects.filter(pk=d.pk).update(gepubliceerd_op=timezone.now())
    text = client.get(project.get_absolute_url()).content.decode()
    assert "Advies van de kwaliteitskamer" in text
    assert advies_url in text


def test_staff_plan_a_sitting(client, iok_medewerker, gemeente_medewerker):
    from netwerk.kwaliteitskamer.models import Zitting

    chair = ExpertFactory()
    url = reverse("kwaliteitskamer:zitting-create")
    data = {
        "title": "Zitting februari",
        "start": "2027-02-11T13:00",
        "einde": "2027-02-11T16:00",
        "vorm": "review",
        "slot_minuten": 60,
        "intake_dagen": 10,
        "voorzitter": chair.pk,
    }
    client.force_login(gemeente_medewerker)
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    client.force_login(iok_medewerker)
    assert client.post(url, {**data, "einde": "2027-02-11T12:00"}).status_code == 200
    assert not Zitting.objects.exists()
    response = client.post(url, data)
    zitting = Zitting.objects.get()
    assert response.url == zitting.get_absolute_url()
    assert zitting.tijdsloten.count() == 3 and zitting.intake_dagen == 10
    assert zitting.bijeenkomst.zichtbaarheid == "genodigden"


def test_second_round_beside_the_earlier_advice(
    client, setting, gemeente_medewerker, turnhout
):
    d, advies = setting["dossier"], setting["advies"]
    advies.goedgekeurd_op = timezone.now()
    advies.save()
    later = zitting(days_ahead=60)
    client.force_login(gemeente_medewerker)
    page = client.get(reverse("kwaliteitskamer:tweede-ronde", kwargs={"pk": d.pk}))
    slot = later.tijdsloten.first()
    book_url = reverse("kwaliteitskamer:book", kwargs={"slot": slot.pk})
    assert f"{book_url}?vorige={d.pk}" in page.content.decode()
    response = client.post(
        f"{book_url}?vorige={d.pk}",
        {"title": d.title, "ontwerpfase": "definitief", "gemeente": turnhout.pk},
    )
    assert response.status_code == 302
    second = Dossier.objects.get(tijdslot=slot)
    assert second.vorige == d and second.ronde == 2
    text = client.get(second.get_absolute_url()).content.decode()
    assert "Advies van de vorige ronde" in text
    assert "Verlaag de kroonlijst." in text
    other = UserFactory(
        roles=[roles.GEMEENTE_MEDEWERKER], gemeente=Gemeente.objects.get(slug="mol")
    )
    client.force_login(other)
    assert (
        client.get(
            reverse("kwaliteitskamer:tweede-ronde", kwargs={"pk": d.pk})
        ).status_code
        == 404
    )


def test_expert_pool_in_the_admin_for_staff_only(client, iok_medewerker, expert):
    ExpertFactory(user__last_name="Poollid")
    client.force_login(iok_medewerker)
    response = client.get("/admin/snippets/kwaliteitskamer/expert/")
    assert response.status_code == 200
    assert "Poollid" in response.content.decode()
    client.force_login(expert)
    assert client.get("/admin/snippets/kwaliteitskamer/expert/").status_code in (
        302,
        403,
    )


def test_published_advice_on_the_municipality_page(client, setting):
    d, advies = setting["dossier"], setting["advies"]
    url = reverse("gemeenten:detail", kwargs={"slug": "turnhout"})
    assert "Geheim stadsproject" not in client.get(url).content.decode()
    advies.goedgekeurd_op = timezone.now()
    advies.save()
    Dossier.objects.filter(pk=d.pk).update(gepubliceerd_op=timezone.now())
    assert "Geheim stadsproject" in client.get(url).content.decode()


def test_sketch_upload_letter_and_outcome_through_the_pages(
    client, setting, gemeente_medewerker, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.atelier.factories import jpeg

    d = setting["dossier"]
    Advies.objects.filter(dossier=d).delete()
    client.force_login(setting["member"].user)
    url = reverse("kwaliteitskamer:advies-edit", kwargs={"pk": d.pk})
    fields = {
        "context": "Context.",
        "appreciatie": "Appreciatie.",
        "aanbevelingen": "Meer bomen.",
        "conclusie": "positief",
    }
    svg = SimpleUploadedFile("schets.jpg", b"<svg onload='alert(1)'></svg>")
    response = client.post(url, {**fields, "schets_bestand": svg})
    assert response.status_code == 200 and "form-errors" in response.content.decode()
    assert not Advies.objects.filter(dossier=d).exists()
    sketch = SimpleUploadedFile("Schets 1.JPG", jpeg())
    assert client.post(url, {**fields, "schets_bestand": sketch}).status_code == 302
    schets_url = reverse("kwaliteitskamer:schets", kwargs={"pk": d.pk})
    assert client.get(schets_url).status_code == 200
    client.force_login(setting["conflicted"].user)
    assert client.get(schets_url).status_code == 404

    client.force_login(setting["chair"].user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kwaliteitskamer:advies-approve", kwargs={"pk": d.pk}))
    assert len(mailoutbox) == 1
    letter = client.get(reverse("kwaliteitskamer:adviesbrief", kwargs={"pk": d.pk}))
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(letter.content)).pages
    )
    assert "Meer bomen." in text

    client.force_login(gemeente_medewerker)
    url = reverse("kwaliteitskamer:uitkomst", kwargs={"pk": d.pk})
    response = client.post(
        url,
        {
            "omgevingsloket_nummer": "OMV_2026\x00",
            "beslissing": "vergund",
            "advies_gevolgd": "ja",
        },
    )
    assert response.status_code == 200
    assert not Dossier.objects.published().exists()
    response = client.post(
        url,
        {
            "omgevingsloket_nummer": "OMV_2026123456",
            "beslissing": "vergund",
            "beslissing_datum": "2026-12-01",
            "advies_gevolgd": "deels",
            "gevolgd_toelichting": "De bomen kwamen er.",
            "publiceren": "on",
        },
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.is_published and d.advies_gevolgd == "deels"


def test_export_for_staff_only_and_without_formulas(
    client, setting, iok_medewerker, gemeente_medewerker
):
    Dossier.objects.filter(pk=setting["dossier"].pk).update(title="=HYPERLINK(1)")
    url = reverse("kwaliteitskamer:export", kwargs={"fmt": "csv"})
    for user in (gemeente_medewerker, setting["member"].user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(iok_medewerker)
    text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "Turnhout" in text
    xlsx = client.get(reverse("kwaliteitskamer:export", kwargs={"fmt": "xlsx"}))
    assert xlsx.status_code == 200
    assert client.get("/kwaliteitskamer/cijfers/dossiers.exe").status_code == 404


def test_huge_numbers_and_odd_parameters_are_404_not_500(
    client, setting, gemeente_medewerker, iok_medewerker
):
    huge = "99999999999999999999"
    slot = setting["zitting"].tijdsloten.last()
    for user in (gemeente_medewerker, iok_medewerker):
        client.force_login(user)
        for url in (
            f"/kwaliteitskamer/boeken/{huge}/",
            f"/kwaliteitskamer/dossiers/{huge}/",
            f"/kwaliteitskamer/dossiers/{setting['dossier'].pk}/bijlagen/{huge}/",
            f"/kwaliteitskamer/boeken/{slot.pk}/?vorige={huge}",
            f"/kwaliteitskamer/adviezen/{huge}/",
        ):
            assert client.get(url).status_code == 404, url
    response = client.get(
        "/kwaliteitskamer/adviezen/", {"pagina": "x%00", "jaar": "-1"}
    )
    assert response.status_code == 200


def test_published_advice_on_the_municipality_map(client, setting):
    """The municipality's map (a MapLayer) shows a dossier's location only once its
    advice is published, linking to the redacted advice."""
    import json
    import re

    from tests.kempenkaart.factories import inside

    d, advies = setting["dossier"], setting["advies"]
    Dossier.objects.filter(pk=d.pk).update(locatie=inside("turnhout"))

    def on_map():
        html = client.get("/gemeenten/turnhout/").content.decode()
        found = re.search(
            r'<script id="gemeente-lagen" type="application/json">(.*?)</script>',
            html,
            re.S,
        )
        layer = next(
            x for x in json.loads(found.group(1)) if x["label"].startswith("Adviezen")
        )
        return {
            f["properties"]["naam"]: f["properties"]["url"]
            for f in layer["features"]["features"]
        }

    assert on_map() == {}
    advies.goedgekeurd_op = timezone.now()
    advies.save()
    Dossier.objects.filter(pk=d.pk).update(gepubliceerd_op=timezone.now())
    assert on_map() == {
        "Geheim stadsproject": reverse("kwaliteitskamer:advies", args=[advies.pk])
    }
