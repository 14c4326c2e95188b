"""The trigram indexes of instruments' and projects' titles on the unaccented,
upper-cased title: the expression `atelier.search.text_filter` compares, so a partial
word ("verhard" finds "verharding") is found through the index at 100k rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("atelier", "0011_immutable_unaccent"),
        ("kempenkaart", "0008_search_in_the_portal_configuration"),
    ]

    operations = [
        migrations.RunSQL(
            [
                "DROP INDEX IF EXISTS instrument_name_trgm",
                "CREATE INDEX instrument_name_trgm ON kempenkaart_instrument "
                "USING gin (UPPER(atelier_unaccent(name)) gin_trgm_ops)",
                "DROP INDEX IF EXISTS project_title_trgm",
                "CREATE INDEX project_title_trgm ON kempenkaart_project "
                "USING gin (UPPER(atelier_unaccent(title)) gin_trgm_ops)",
            ],
            [
                "DROP INDEX IF EXISTS instrument_name_trgm",
                "CREATE INDEX instrument_name_trgm ON kempenkaart_instrument "
                "USING gin (UPPER(name) gin_trgm_ops)",
                "DROP INDEX IF EXISTS project_title_trgm",
                "CREATE INDEX project_title_trgm ON kempenkaart_project "
                "USING gin (UPPER(title) gin_trgm_ops)",
            ],
        ),
    ]
