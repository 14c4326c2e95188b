"""Trajectories for tests, built through the services (as staff and the demo do)."""

import datetime

from django.utils import timezone

from leergemeenschap import services
from leergemeenschap.models import Fase


def aware(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def traject(*, slug="kernversterking-test", eerste_orde=(), begin=None, **fields):
    """A published trajectory around today with all six phases."""
    today = timezone.localdate()
    begin = begin or today - datetime.timedelta(days=60)
    fasen = [
        (
            soort,
            begin + datetime.timedelta(days=30 * i),
            begin + datetime.timedelta(days=30 * i + 29),
            "",
        )
        for i, soort in enumerate(Fase.ORDER)
    ]
    defaults = {
        "title": "Levendige kernen",
        "slug": slug,
        "doelgroep_eerste_orde": "De Kempense gemeenten",
        "doelgroep_tweede_orde": "Lokale besturen van buiten de Kempen",
        "begin": begin,
        "einde": fasen[-1][2],
        "gepubliceerd": True,
    }
    defaults.update(fields)
    return services.traject_create(
        fasen=fasen, eerste_orde_gemeenten=eerste_orde, **defaults
    )


def hefboom(
    traject, nummer=1, *, sessies=3, deadline=None, publish=True, start=None, **fields
):
    """A hefboom with `sessies` work sessions a month apart from `start` (by default
    they all lie in the past, so the evaluation is open), published when asked."""
    deadline = deadline or timezone.now() + datetime.timedelta(days=30)
    h = services.hefboom_create(
        traject,
        nummer=nummer,
        titel=fields.pop("titel", f"Hefboom {nummer}"),
        vraag=fields.pop("vraag", f"Hoe werkt hefboom {nummer}?"),
        inschrijven_tot=deadline,
        **fields,
    )
    start = start or timezone.now() - datetime.timedelta(days=30 * sessies + 5)
    for i in range(sessies):
        services.werksessie_add(
            h,
            start=start + datetime.timedelta(days=30 * i),
            einde=start + datetime.timedelta(days=30 * i, hours=4),
            agenda=f"Agenda van sessie {i + 1}",
        )
    if publish:
        h = services.hefboom_publish(h)
    return h
