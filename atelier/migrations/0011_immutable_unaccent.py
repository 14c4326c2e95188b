"""An IMMUTABLE `atelier_unaccent(text)`: PostgreSQL's `unaccent` is only STABLE (its
dictionary could change), so no index may use it. The portal's search compares
unaccented titles (`atelier.search.Unaccent`); with this wrapper, which names its
dictionary, trigram indexes on the unaccented titles serve that comparison."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("atelier", "0010_organisatie_contactpersoon"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE OR REPLACE FUNCTION atelier_unaccent(text) RETURNS text "
            "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
            "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
            "DROP FUNCTION IF EXISTS atelier_unaccent(text)",
        ),
    ]
