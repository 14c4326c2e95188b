"""A wrong record in the agenda's demo file is named (not in the demo's database:
tests/netwerk/test_agenda_demo.py holds that one for its whole module)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_a_wrong_record_is_named(demo_files):
    folder = demo_files.copy("netwerk")

    def break_it(data):
        data["bijeenkomsten"][0]["gemeenten"] = ["Atlantis"]

    demo_files.edit(folder / "agenda.yaml", break_it)
    with pytest.raises(
        CommandError, match=r"agenda.yaml.*onbekende gemeente 'Atlantis'"
    ):
        call_command("load_demo", stdout=open("/dev/null", "w"))
