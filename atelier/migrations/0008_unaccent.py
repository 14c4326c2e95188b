"""Accent-insensitive Dutch full text for the portal search (`atelier.search`): the
`unaccent` extension and a text search configuration `dutch_unaccent`, Dutch stemming
after unaccenting, so that "cafe" finds "Café" and "eenrichtingsverkeer" finds
"éénrichtingsverkeer"."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("atelier", "0007_seed_themas"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(
            [
                "CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch)",
                "ALTER TEXT SEARCH CONFIGURATION dutch_unaccent "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem",
            ],
            "DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent",
        ),
    ]
