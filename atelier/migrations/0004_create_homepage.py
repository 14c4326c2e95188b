"""Replace Wagtail's welcome page by the portal's home page and make it the site root."""

from django.db import migrations

INTRO = (
    "<p>Atelier Ruimte Kempen ondersteunt de 29 Kempense gemeenten in hun ruimtelijk "
    "beleid: met concrete en praktische modeldocumenten, informatie en inspiratie, en een "
    "dynamische kaart met de planologische instrumenten en kwalitatieve projecten per "
    "gemeente. Het Atelier is een project van IOK (Plangroep), gedragen door de partners "
    "van het Netwerk Ruimte Kempen.</p>"
)
BODY = (
    "<p>Samen met partners en experten versterken we de ruimtelijke kwaliteit en "
    "duurzaamheid van de Kempense dorpen en steden, met behoud van identiteit: "
    "samenwerken, agenderen, inspireren, experimenteren, implementeren in lokaal beleid, "
    "reflecteren en steeds weer terugkoppelen.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("atelier", "HomePage")

    if HomePage.objects.exists():
        return
    # Wagtail's own migration made a plain "Welcome" page at depth 2: replace it.
    Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore"
    ).delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(
        app_label="atelier", model="homepage"
    )
    last = Page.objects.filter(depth=2).order_by("-path").first()
    step = int(last.path[4:8], 36) + 1 if last else 1
    path = root.path + _encode(step)
    home = HomePage.objects.create(
        title="Atelier Ruimte Kempen",
        draft_title="Atelier Ruimte Kempen",
        slug="home",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        intro=INTRO,
        body=BODY,
        live=True,
        seo_title="Atelier Ruimte Kempen – ruimtelijke kwaliteit in de Kempen",
        search_description="Modeldocumenten, de Kempenkaart en het Netwerk Ruimte "
        "Kempen: ondersteuning van IOK voor ruimtelijke kwaliteit in 29 gemeenten.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page_id = home.pk
        site.site_name = "Atelier Ruimte Kempen"
        site.save(update_fields=["root_page", "site_name"])
    else:
        Site.objects.create(
            hostname="localhost",
            root_page_id=home.pk,
            is_default_site=True,
            site_name="Atelier Ruimte Kempen",
        )


def _encode(step):
    """A treebeard path step: 4 characters in base 36."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    for _ in range(4):
        step, rest = divmod(step, 36)
        digits = alphabet[rest] + digits
    return digits


def remove_homepage(apps, schema_editor):
    apps.get_model("atelier", "HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("atelier", "0003_load_gemeenten"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_homepage, remove_homepage)]
