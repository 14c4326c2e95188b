"""The partial-title search (`q`: "verhard" finds "Verharding") is served by the
trigram indexes on the unaccented titles, not by reading every row."""

import pytest
from django.db import connection

from kempenkaart.filters import InstrumentFilterSet, ProjectFilterSet
from kempenkaart.models import Instrument, Project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("filterset", "model", "index"),
    [
        (InstrumentFilterSet, Instrument, "instrument_name_trgm"),
        (ProjectFilterSet, Project, "project_title_trgm"),
    ],
)
def test_the_title_search_can_use_its_trigram_index(filterset, model, index):
    queryset = filterset({"q": "plein"}, queryset=model.objects.all()).qs
    with connection.cursor() as cursor:
        # Only bitmap scans left: an index that cannot serve the condition leaves
        # the planner nothing but the (disabled) sequential scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
