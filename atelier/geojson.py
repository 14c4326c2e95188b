"""GeoJSON FeatureCollections written by PostGIS.

Serialising object by object in Python is some 40× slower than letting PostGIS build the
JSON (see STYLE.md); so collections, whatever their size, come from one SQL statement
wrapped around the filtered QuerySet.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, OrderBy


def feature_collection(
    queryset, *, geometry, properties, precision=6, limit=None, offset=0, members=None
):
    """Return the FeatureCollection of `queryset` as a JSON string.

    `geometry` names the geometry field or annotation (in EPSG:4326); `properties` maps
    each property name to a field name or expression. The features keep the QuerySet's
    ordering and take the primary key as their `id`. `limit`/`offset` select a page;
    `members` adds top-level members (such as `numberMatched`).
    """
    features, _ = features_json(
        queryset,
        geometry=geometry,
        properties=properties,
        precision=precision,
        limit=limit,
        offset=offset,
    )
    return wrap_collection(features, members)


def wrap_collection(features, members=None):
    head = {"type": "FeatureCollection", **(members or {})}
    return json.dumps(head)[:-1] + ', "features": ' + features + "}"


def features_json(queryset, *, geometry, properties, precision=6, limit=None, offset=0):
    """The JSON array of the features of `queryset` (see `feature_collection`) and the
    number of features in it.

    The page is cut by the QuerySet's own ORDER BY … LIMIT (an index on the ordering
    lets PostgreSQL stop early); the aggregate orders by the same keys."""
    columns = {f"p{i}": value for i, value in enumerate(properties.values())}
    columns = {k: F(v) if isinstance(v, str) else v for k, v in columns.items()}
    ordering = [
        _order_expression(o)
        for o in (queryset.query.order_by or queryset.model._meta.ordering)
    ]
    keys = {f"f_o{i}": order.expression for i, order in enumerate(ordering)}
    rows = queryset.values(f_id=F("pk"), f_geom=F(geometry), **keys, **columns)
    if limit is not None:
        rows = rows[offset : offset + limit]
    try:
        inner_sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # e.g. `.none()`: nothing to ask the database
        return "[]", 0
    props = ", ".join(
        f"%s::text, t.{connection.ops.quote_name(alias)}" for alias in columns
    )
    order_sql = ", ".join(
        f"t.f_o{i} {_direction(order)}" for i, order in enumerate(ordering)
    )
    sql = f"""
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature',
            'id', t.f_id,
            'geometry', ST_AsGeoJSON(t.f_geom, {int(precision)})::json,
            'properties', json_build_object({props})
        ) ORDER BY {order_sql or "t.f_id"}), '[]'::json)::text, count(*)
        FROM ({inner_sql}) t
    """
    with connection.cursor() as cursor:
        # The property names come first: they stand in the outer SELECT.
        cursor.execute(sql, [*properties.keys(), *params])
        return cursor.fetchone()


def _order_expression(name):
    if not isinstance(name, str):
        return name if isinstance(name, OrderBy) else name.asc()
    return F(name[1:]).desc() if name.startswith("-") else F(name).asc()


def _direction(order):
    sql = "DESC" if order.descending else "ASC"
    if order.nulls_first:
        sql += " NULLS FIRST"
    elif order.nulls_last:
        sql += " NULLS LAST"
    return sql


def wrap_layers(layers):
    """A JSON list of map layers ({label, color, features}) from (MapLayer,
    FeatureCollection JSON text) pairs, the collections kept as PostGIS wrote them."""
    return (
        "["
        + ", ".join(
            json.dumps({"label": str(layer.label), "color": layer.color})[:-1]
            + ', "features": '
            + features
            + "}"
            for layer, features in layers
        )
        + "]"
    )


_PLACEHOLDER = "987654321"  # fits both <slug:…> and <int:…>


def row_url(url_name, field, kwarg="slug"):
    """An SQL expression for each row's page, for a collection's `properties`: the URL
    of `url_name` with the row's `field` (a slug, or a related object's pk, say) as its
    `kwarg`."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat
    from django.urls import reverse

    prefix, _, suffix = reverse(url_name, kwargs={kwarg: _PLACEHOLDER}).partition(
        _PLACEHOLDER
    )
    return Concat(
        Value(prefix),
        Cast(field, CharField()),
        Value(suffix),
        output_field=CharField(),
    )
