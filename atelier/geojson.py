"""GeoJSON FeatureCollections written by PostGIS.

Serialising object by object in Python is some 40× slower than letting PostGIS build the
JSON (see STYLE.md); so collections, whatever their size, come from one SQL statement
wrapped around the filtered QuerySet.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber


def feature_collection(
    queryset, *, geometry, properties, precision=6, limit=None, offset=0, members=None
):
    """Return the FeatureCollection of `queryset` as a JSON string.

    `geometry` names the geometry field or annotation (in EPSG:4326); `properties` maps
    each property name to a field name or expression. The features keep the QuerySet's
    ordering and take the primary key as their `id`. `limit`/`offset` select a page;
    `members` adds top-level members (such as `numberMatched`).
    """
    features = features_json(
        queryset,
        geometry=geometry,
        properties=properties,
        precision=precision,
        limit=limit,
        offset=offset,
    )
    head = {"type": "FeatureCollection", **(members or {})}
    return json.dumps(head)[:-1] + ', "features": ' + features + "}"


def features_json(queryset, *, geometry, properties, precision=6, limit=None, offset=0):
    """The JSON array of the features of `queryset` (see `feature_collection`)."""
    columns = {f"p{i}": value for i, value in enumerate(properties.values())}
    columns = {k: F(v) if isinstance(v, str) else v for k, v in columns.items()}
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    rows = queryset.values(
        f_id=F("pk"),
        f_geom=F(geometry),
        f_row=Window(RowNumber(), order_by=[_order_expression(o) for o in ordering]),
        **columns,
    )
    if limit is not None:
        rows = rows[offset : offset + limit]
    try:
        inner_sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # e.g. `.none()`: nothing to ask the database
        return "[]"
    props = ", ".join(
        f"%s::text, t.{connection.ops.quote_name(alias)}" for alias in columns
    )
    sql = f"""
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature',
            'id', t.f_id,
            'geometry', ST_AsGeoJSON(t.f_geom, {int(precision)})::json,
            'properties', json_build_object({props})
        ) ORDER BY t.f_row), '[]'::json)::text
        FROM ({inner_sql}) t
    """
    with connection.cursor() as cursor:
        # The property names come first: they stand in the outer SELECT.
        cursor.execute(sql, [*properties.keys(), *params])
        return cursor.fetchone()[0]


def _order_expression(name):
    if not isinstance(name, str):
        return name
    return F(name[1:]).desc() if name.startswith("-") else F(name).asc()
