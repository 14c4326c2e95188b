from django.db import migrations

# Where each feature stands on a zoomed-out map (kempenkaart.clusters): a point on the
# surface of an instrument (inside it, unlike its centroid), a project's location; as
# plain coordinates that PostgreSQL computes and keeps up to date itself (generated
# columns, no Python), indexed with the id so that clustering a view of all of Flanders
# reads a narrow index, not every polygon. The models do not name these columns.
COLUMNS = {
    "kempenkaart_instrument": "ST_PointOnSurface(geom)",
    "kempenkaart_project": "locatie",
}


def forwards(table, point, include):
    return (
        f"ALTER TABLE {table} "
        f"ADD COLUMN kaart_x double precision GENERATED ALWAYS AS (ST_X({point})) STORED, "
        f"ADD COLUMN kaart_y double precision GENERATED ALWAYS AS (ST_Y({point})) STORED; "
        f"CREATE INDEX {table}_kaart_xy ON {table} (kaart_x, kaart_y) "
        f"INCLUDE ({include})"
    )


def backwards(table):
    return (
        f"DROP INDEX {table}_kaart_xy; "
        f"ALTER TABLE {table} DROP COLUMN kaart_x, DROP COLUMN kaart_y"
    )


class Migration(migrations.Migration):
    dependencies = [("kempenkaart", "0009_unaccented_title_trigrams")]

    operations = [
        migrations.RunSQL(
            forwards(
                "kempenkaart_instrument",
                COLUMNS["kempenkaart_instrument"],
                "id, soort, status",
            ),
            backwards("kempenkaart_instrument"),
        ),
        migrations.RunSQL(
            forwards(
                "kempenkaart_project", COLUMNS["kempenkaart_project"], "id, live"
            ),
            backwards("kempenkaart_project"),
        ),
    ]
