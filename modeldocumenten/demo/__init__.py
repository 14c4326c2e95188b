"""Demo data for the model documents, read from the files beside this module: the
library page and fifteen model documents for local spatial policy in the Kempen
(documenten.yaml), each with numbered versions whose DOCX and PDF are committed in
bestanden/, downloads, and the municipalities that adopted them; and the inspiration
pages (inspiratie.yaml, see inspiratie.py). Plausible but invented; see SOURCE.md.

Pages are created and published through Wagtail's revisions, files are checked like
uploads (atelier.uploads). The publication dates follow the versions, not the moment
the demo was loaded.

Idempotent: a document whose slug exists is left as it is, so a second load creates
and changes nothing.
"""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from atelier.demo.records import DemoFolder, document, publish_page
from atelier.models import Gemeente, HomePage, Thema

from ..models import (
    Adoptie,
    DocumentSoort,
    DocumentVersie,
    Doelgroep,
    Download,
    ModelDocumentIndexPage,
    ModelDocumentPage,
)
from .inspiratie import load_inspiration

DEMO = DemoFolder(__file__)


@transaction.atomic
def load(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("Modeldocumenten: geen startpagina, niets geladen")
        return
    data = DEMO.read("documenten.yaml")
    data.check_keys(required={"index", "documenten"})
    index = _load_index(home, data)
    created = _load_documents(index, data)
    documents = ModelDocumentPage.objects.child_of(index)
    adopties = Adoptie.objects.filter(page__in=documents)
    stories, new_stories = load_inspiration(home)
    stdout.write(f"Inspiratie: {stories} pagina's; {new_stories} nieuw")
    stdout.write(
        f"Modeldocumenten: {documents.count()} documenten, "
        f"{DocumentVersie.objects.filter(page__in=documents).count()} versies, "
        f"{adopties.count()} adopties in "
        f"{adopties.values('gemeente').distinct().count()} gemeenten; {created} nieuw"
    )


def index_page(home, data, model):
    """The one index page of `model` under the home page, created from the `index`
    record of `data` when there is none. The library page that migration 0008 makes
    (no revision yet) gets the record's text and is published through a revision."""
    index = model.objects.first()
    if index is not None and index.live_revision is not None:
        return index
    record = data.part("index")
    record.check_keys(required={"slug", "title"}, optional={"intro", "show_in_menus"})
    if index is not None:
        index.title = record["title"]
        index.intro = record.text("intro")
        index.show_in_menus = bool(record.get("show_in_menus", False))
        index.save_revision().publish()
        return index
    index = model(
        title=record["title"],
        slug=record["slug"],
        intro=record.text("intro"),
        show_in_menus=bool(record.get("show_in_menus", False)),
    )
    return publish_page(index, parent=home, record=record)


def _load_index(home, data):
    return index_page(home, data, ModelDocumentIndexPage)


def _load_documents(index, data):
    existing = set(
        ModelDocumentPage.objects.child_of(index).values_list("slug", flat=True)
    )
    lookups = {
        "soorten": {s.slug: s for s in DocumentSoort.objects.all()},
        "themas": {t.slug: t for t in Thema.objects.all()},
        "doelgroepen": {d.slug: d for d in Doelgroep.objects.all()},
        "gemeenten": {g.name: g for g in Gemeente.objects.all()},
    }
    created = []
    # Saving a page re-indexes its references once per child; index each new page
    # and file once at the end instead.
    with disable_reference_index_auto_update():
        for record in data.parts("documenten"):
            record.check_keys(
                required={
                    "slug",
                    "title",
                    "soort",
                    "beleidsniveau",
                    "summary",
                    "versies",
                },
                optional={
                    "themas",
                    "doelgroepen",
                    "gebruik",
                    "body",
                    "adopties",
                    "inhoud",  # the text of the files, for the generator only
                },
            )
            if record["slug"] in existing:
                continue
            created.append(_create_document(index, lookups, record))
    for page in created:
        ReferenceIndex.create_or_update_for_object(page)
        for versie in page.versies.all():
            for file in (versie.bestand, versie.pdf):
                ReferenceIndex.create_or_update_for_object(file)
    return len(created)


def _create_document(index, lookups, record):
    page = ModelDocumentPage(
        title=record["title"],
        slug=record["slug"],
        summary=record.text("summary"),
        gebruik=record.text("gebruik"),
        body=stream(record, ModelDocumentPage._meta.get_field("body")),
        soort=record.lookup(lookups["soorten"], record["soort"], "documentsoort"),
        beleidsniveau=record["beleidsniveau"],
    )
    page.themas = record.lookups(lookups["themas"], "themas", "thema")
    page.doelgroepen = record.lookups(
        lookups["doelgroepen"], "doelgroepen", "doelgroep"
    )
    downloads = {}
    for part in record.parts("versies"):
        part.check_keys(
            required={"nummer", "datum", "bestand", "pdf"},
            optional={"wijzigingen", "downloads"},
        )
        nummer = str(part["nummer"])
        label = f"{record['title']}, versie {nummer} (demo, %s)"
        versie = DocumentVersie(
            nummer=nummer,
            datum=part["datum"],
            wijzigingen=part.text("wijzigingen"),
            bestand=document(
                DEMO.file(part["bestand"], record=part),
                title=label % "DOCX",
                record=part,
            ),
            pdf=document(
                DEMO.file(part["pdf"], record=part), title=label % "PDF", record=part
            ),
        )
        with part.checking():
            versie.full_clean(exclude=["page"])
        downloads[nummer] = _count(part, "downloads")
        page.versies.add(versie)
    if not downloads:
        raise record.error("een modeldocument heeft minstens één versie")
    for part in record.parts("adopties"):
        part.check_keys(required={"gemeente", "datum"}, optional={"besluit_url"})
        adoptie = Adoptie(
            gemeente=part.lookup(lookups["gemeenten"], part["gemeente"], "gemeente"),
            datum=part["datum"],
            besluit_url=part.text("besluit_url"),
        )
        with part.checking():
            adoptie.full_clean(exclude=["page"])
        page.adopties.add(adoptie)
    publish_page(page, parent=index, record=record)
    Download.objects.bulk_create(
        Download(versie=versie)
        for versie in page.versies.all()
        for _ in range(downloads[versie.nummer])
    )
    dates = sorted(versie.datum for versie in page.versies.all())
    # "Nieuwste eerst" follows the versions, not the moment the demo was loaded.
    ModelDocumentPage.objects.filter(pk=page.pk).update(
        first_published_at=_moment(dates[0]), last_published_at=_moment(dates[-1])
    )
    return page


def stream(record, field, resolve=None):
    """The blocks listed under `body` ([{type, value}]) for the StreamField `field`,
    each checked by its block (as the page editor checks it) and stored in the
    form the editor stores; `resolve(block)` first turns references (slugs) into
    ids."""
    definition = field.stream_block
    blocks = []
    for block in record.parts("body"):
        block.check_keys(required={"type", "value"})
        child = definition.child_blocks.get(block["type"])
        if child is None:
            raise block.error(
                f"onbekend bloktype '{block['type']}' "
                f"(toegelaten: {', '.join(definition.child_blocks)})"
            )
        raw = resolve(block) if resolve else block["value"]
        with block.checking():
            value = child.clean(child.to_python(raw))
        blocks.append((block["type"], value))
    return blocks


def _count(record, key):
    value = record.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise record.error(f"'{key}' moet een getal van 0 of meer zijn")
    return value


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
