"""The stored search vectors in the portal's one configuration (`atelier.search`:
dutch_unaccent, the title weighing most), read by `/zoeken/` and the map's and the
API's `q` filter alike. A generated column cannot be altered: dropped and re-added."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

from atelier.search import search_vector


def generated(*fields):
    return models.GeneratedField(
        db_persist=True,
        expression=search_vector(*fields),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("kempenkaart", "0007_geometry_validators"),
        ("atelier", "0008_unaccent"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="instrument", name="instrument_search_gin"),
        migrations.RemoveIndex(model_name="project", name="project_search_gin"),
        migrations.RemoveField(model_name="instrument", name="search"),
        migrations.RemoveField(model_name="project", name="search"),
        migrations.AddField(
            model_name="instrument", name="search", field=generated("name", "description")
        ),
        migrations.AddField(
            model_name="project", name="search", field=generated("title", "description")
        ),
        migrations.AddIndex(
            model_name="instrument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search"], name="instrument_search_gin"
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search"], name="project_search_gin"
            ),
        ),
    ]
