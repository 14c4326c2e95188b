"""modeldocumenten/rules.py is the one answer to who may see a model document: a
document in a section for one group is unknown (404, absent) to everyone else on every
surface, and present for that group."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core import mail
from wagtail.models import PageViewRestriction

from atelier import roles
from modeldocumenten import rules
from modeldocumenten.models import ThemaVolger
from modeldocumenten.notifications import document_published_notify
from tests.modeldocumenten.factories import BROWSER, model_document, story
from tests.modeldocumenten.test_workflow import add_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def for_partners():
    """A published document that only partners may see."""
    page = model_document("Intern draaiboek partners", themas=["mobiliteit"])
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.PARTNER)])
    return page


def surfaces(client, page):
    """What `client` finds of `page` on every public surface."""
    versie = page.versies.get()
    return {
        "page": client.get(page.url).status_code,
        "download": client.get(versie.download_url("pdf"), headers=BROWSER).status_code,
        "library": page.title in client.get("/modeldocumenten/").content.decode(),
        "search": page.title in client.get("/zoeken/?q=draaiboek").content.decode(),
        "home": page.title in client.get("/").content.decode(),
    }


def test_a_document_for_partners_is_unknown_to_others(
    client, for_partners, gemeente_medewerker
):
    unknown = {
        "page": 302,  # Wagtail's restriction sends them to sign in
        "download": 404,
        "library": False,
        "search": False,
        "home": False,
    }
    assert surfaces(client, for_partners) == unknown
    client.force_login(gemeente_medewerker)
    assert surfaces(client, for_partners) == unknown
    assert not rules.may_view_page(gemeente_medewerker, for_partners)


def test_a_document_for_partners_is_theirs(client, for_partners, partner):
    client.force_login(partner)
    assert surfaces(client, for_partners) == {
        "page": 200,
        "download": 302,
        "library": True,
        "search": True,
        "home": True,
    }


def test_an_inspiration_page_lists_only_the_documents_its_reader_may_see(
    client, for_partners, partner
):
    public = model_document("Openbaar reglement")
    page = story("Spelen in de kern", documenten=[for_partners, public])
    assert "Openbaar reglement" in client.get(page.url).content.decode()
    assert for_partners.title not in client.get(page.url).content.decode()
    client.force_login(partner)
    assert for_partners.title in client.get(page.url).content.decode()


def test_the_feeds_list_only_what_everyone_may_see(client, for_partners, partner):
    model_document("Openbaar reglement", themas=["mobiliteit"])
    client.force_login(partner)  # a feed is public: the reader's account is not asked
    for url in ("/modeldocumenten/rss/", "/modeldocumenten/rss/mobiliteit/"):
        items = ET.fromstring(client.get(url).content).iter("item")
        assert [i.findtext("title") for i in items] == ["Openbaar reglement (1.0)"]


def test_only_who_may_see_a_document_is_mailed_about_it(
    for_partners, partner, gemeente_medewerker
):
    for user in (partner, gemeente_medewerker):
        ThemaVolger.objects.create(user=user, thema=for_partners.themas.get())
    mail.outbox.clear()
    assert document_published_notify(page=for_partners) == 1
    assert [m.to for m in mail.outbox] == [[partner.email]]


def test_reviewers_may_review_and_see_the_draft_only_while_their_task_runs(
    iok_medewerker, partner, gemeente_medewerker
):
    page = model_document("Verordening terrassen")
    assert not rules.may_review(partner, page)
    assert not rules.may_view_draft(partner, page)
    add_version(page, iok_medewerker)
    page.get_workflow().start(page, iok_medewerker)
    assert rules.may_review(partner, page) and rules.may_view_draft(partner, page)
    assert not rules.may_review(gemeente_medewerker, page)
    assert not rules.may_view_draft(gemeente_medewerker, page)
    assert not rules.may_view_draft(AnonymousUser(), page)
    assert rules.may_view_draft(iok_medewerker, page)  # an editor


def test_following_is_for_active_accounts(partner):
    assert rules.may_follow(partner)
    assert not rules.may_follow(AnonymousUser())
    partner.is_active = False
    assert not rules.may_follow(partner)
