"""The back office speaks Dutch where the portal shapes it: no Python True/False/None
in its listings (Wagtail's boolean cells say ja/nee to screen readers)."""

import re

import pytest

from tests.atelier.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


def text_nodes(html):
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.findall(r">([^<]+)<", html)


@pytest.mark.parametrize(
    "url", ["/admin/snippets/atelier/organisatie/", "/admin/users/"]
)
def test_boolean_columns_say_ja_or_nee(client, superuser, url):
    UserFactory()
    OrganisatieFactory(partnerschap=True)
    client.force_login(superuser)
    texts = [t.strip() for t in text_nodes(client.get(url).content.decode())]
    assert not {"True", "False", "None"} & set(texts)
    assert "ja" in texts
