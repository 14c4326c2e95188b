"""Figures for staff: dossiers per municipality and year, advice turnaround (median,
overdue), conclusions and outcomes. Charts are bars drawn as SVG on the server."""

import statistics
from collections import Counter

from django.utils import timezone

from .models import Advies, Dossier


def is_overdue(dossier, today=None):
    """A submitted dossier whose advice came (or is still) later than its deadline."""
    if dossier.status != Dossier.Status.INGEDIEND:
        return False
    advies = getattr(dossier, "advies", None)
    if advies is not None:
        return advies.is_overdue(today)
    return (today or timezone.localdate()) > dossier.zitting.advice_deadline()


def bars(counter, labels=None):
    """[(label, count, width %)] for a bar chart, largest first."""
    top = max(counter.values(), default=0) or 1
    return [
        ((labels or {}).get(key, key), count, round(100 * count / top))
        for key, count in counter.most_common()
    ]


def figures(today=None):
    today = today or timezone.localdate()
    dossiers = list(
        Dossier.objects.filter(status=Dossier.Status.INGEDIEND).select_related(
            "gemeente", "tijdslot__zitting__bijeenkomst", "advies"
        )
    )
    per_gemeente_jaar = Counter(
        (d.gemeente.name, d.zitting.datum.year) for d in dossiers
    )
    jaren = sorted({jaar for _g, jaar in per_gemeente_jaar})
    gemeenten = sorted({g for g, _j in per_gemeente_jaar})
    tabel = [(g, [per_gemeente_jaar.get((g, j), 0) for j in jaren]) for g in gemeenten]
    turnarounds = [
        d.advies.turnaround_days()
        for d in dossiers
        if hasattr(d, "advies") and d.advies.is_approved
    ]
    conclusies = Counter(
        d.advies.conclusie
        for d in dossiers
        if hasattr(d, "advies") and d.advies.is_approved
    )
    gevolgd = Counter(d.advies_gevolgd for d in dossiers if d.advies_gevolgd)
    return {
        "jaren": jaren,
        "tabel": tabel,
        "per_gemeente": bars(Counter(d.gemeente.name for d in dossiers)),
        "aantal": len(dossiers),
        "mediaan": statistics.median(turnarounds) if turnarounds else None,
        "turnarounds": turnarounds,
        "overdue": [d for d in dossiers if is_overdue(d, today)],
        "conclusies": bars(conclusies, dict(Advies.Conclusie.choices)),
        "gevolgd": bars(gevolgd, dict(Dossier.Gevolgd.choices)),
    }
