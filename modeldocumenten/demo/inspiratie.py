"""Demo inspiration pages (inspiratie.yaml): good practice from the Kempen, told with
text, quotes, projects from the Kempenkaart (and their images) and a model document
to download. Loaded by modeldocumenten.demo after the model documents (and after the
Kempenkaart's demo, whose projects they show); idempotent (skips what exists by slug).

Blocks refer by slug: an `image` (or an image of a `gallery`) is the first image of
that Kempenkaart project, `projects` lists Kempenkaart projects (published ones only),
a `download` is the editable file of the current version of that model document.
"""

from atelier.demo.records import publish_page
from atelier.models import Thema

from ..models import InspirationIndexPage, InspirationPage, ModelDocumentPage


def load_inspiration(home):
    from kempenkaart.models import Project

    from . import DEMO, index_page, stream

    data = DEMO.read("inspiratie.yaml")
    data.check_keys(required={"index", "paginas"})
    index = index_page(home, data, InspirationIndexPage)
    lookups = {
        "themas": {t.slug: t for t in Thema.objects.all()},
        "projects": {p.slug: p for p in Project.objects.published()},
        "documents": {d.slug: d for d in ModelDocumentPage.objects.live()},
    }
    created = 0
    for record in data.parts("paginas"):
        record.check_keys(
            required={"slug", "title", "intro", "body"},
            optional={"themas", "modeldocumenten"},
        )
        if InspirationPage.objects.filter(slug=record["slug"]).exists():
            continue
        page = InspirationPage(
            title=record["title"],
            slug=record["slug"],
            intro=record.text("intro"),
            body=stream(
                record,
                InspirationPage._meta.get_field("body"),
                lambda block: _resolve(block, lookups),
            ),
        )
        page.themas = record.lookups(lookups["themas"], "themas", "thema")
        page.modeldocumenten = record.lookups(
            lookups["documents"], "modeldocumenten", "modeldocument"
        )
        publish_page(page, parent=index, record=record)
        created += 1
    return InspirationPage.objects.child_of(index).count(), created


def _resolve(block, lookups):
    """The block's value with its references (slugs) replaced by ids."""
    kind = block["type"]
    if kind == "paragraph":
        return block["value"]
    if kind == "gallery":
        return [_image(image, lookups) for image in block.parts("value")]
    value = block.part("value")
    if kind == "image":
        return _image(value, lookups)
    if kind == "quote":
        value.check_keys(required={"quote"}, optional={"attribution"})
        return value.data
    if kind == "projects":
        value.check_keys(required={"projects"}, optional={"heading"})
        projects = value.lookups(lookups["projects"], "projects", "project")
        return {**value.data, "projects": [project.pk for project in projects]}
    value.check_keys(required={"document"}, optional={"label"})
    page = value.lookup(lookups["documents"], value["document"], "modeldocument")
    current = page.current_version()
    if current is None:
        raise value.error(f"het modeldocument '{page.slug}' heeft geen versie")
    return {**value.data, "document": current.bestand_id}


def _image(value, lookups):
    """An image block's value: `image` names the project whose first image it is."""
    value.check_keys(required={"image", "credit"}, optional={"caption"})
    project = value.lookup(lookups["projects"], value["image"], "project")
    afbeelding = project.afbeeldingen.order_by("sort_order", "pk").first()
    if afbeelding is None:
        raise value.error(f"het project '{project.slug}' heeft geen afbeelding")
    return {**value.data, "image": afbeelding.image_id}
