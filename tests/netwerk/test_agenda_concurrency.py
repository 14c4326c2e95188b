"""Capacity holds under concurrent registrations: 50 people register at the same
moment for 20 seats, each in a thread with its own database connection."""

import threading

import pytest
from django.db import connection

from netwerk import services
from netwerk.models import Inschrijving

from .factories import open_bijeenkomst

PEOPLE = 50
SEATS = 20


@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_for_twenty_seats(migrated_rows):
    bijeenkomst = open_bijeenkomst(capaciteit=SEATS)
    start = threading.Barrier(PEOPLE)
    errors = []

    def register(number):
        try:
            start.wait()  # all threads hit the database at the same moment
            services.inschrijving_create(
                bijeenkomst,
                naam=f"Deelnemer {number}",
                email=f"deelnemer{number}@example.be",
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(
        Inschrijving.objects.filter(bijeenkomst=bijeenkomst).values_list(
            "status", flat=True
        )
    )
    assert statuses.count(Inschrijving.Status.BEVESTIGD) == SEATS
    assert statuses.count(Inschrijving.Status.WACHTLIJST) == PEOPLE - SEATS
    # The waiting list is in the order the registrations were saved.
    waiting = Inschrijving.objects.filter(status=Inschrijving.Status.WACHTLIJST)
    confirmed = Inschrijving.objects.filter(status=Inschrijving.Status.BEVESTIGD)
    assert max(c.created_at for c in confirmed) <= min(w.created_at for w in waiting)
