"""Reading the demo's data files: YAML records, GeoJSON geometries and the committed
files (documents, images), each checked, with errors that name the file and the record.

Every app keeps its demo in `<app>/demo/`: the loader (`__init__.py`, `load(stdout)`)
beside its data. A loader reads that folder through a `DemoFolder`:

    DEMO = DemoFolder(__file__)
    for record in DEMO.read("projecten.yaml").parts("projecten"):
        record.check_keys(required={"slug", "title"}, optional={"fase"})
        with record.checking():  # a ValidationError names this file and record
            ...

Nothing here imports python-docx or fpdf2: those only regenerate the committed files
(`scripts/demo/`).
"""

import hashlib
import json
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path, PurePosixPath

import yaml
from django.conf import settings
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from atelier.uploads import check_document, check_image

ROOT = Path(settings.BASE_DIR)
# libyaml's loader when PyYAML was built with it (it is in the wheels): 7× faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DemoDataError(Exception):
    """A data file of the demo is wrong; the message names the file and the record."""


class DemoFolder:
    """The data folder of one app's demo (the folder of its loader)."""

    def __init__(self, loader_file):
        self.path = Path(loader_file).resolve().parent

    def name(self, relative):
        """The path of a data file as people see it: from the project's root."""
        path = self.path / relative
        try:
            return str(path.relative_to(ROOT))
        except ValueError:
            return str(path)

    def read(self, relative):
        """A YAML file of this folder, as a `Record` (a mapping at the top)."""
        source = self.name(relative)
        try:
            text = (self.path / relative).read_text(encoding="utf-8")
            data = yaml.load(text, Loader=YAML_LOADER)  # a safe loader
        except OSError as error:
            raise DemoDataError(f"{source}: niet te lezen ({error}).") from error
        except yaml.YAMLError as error:
            raise DemoDataError(f"{source}: geen geldige YAML ({error}).") from error
        if not isinstance(data, dict):
            raise DemoDataError(f"{source}: verwacht een mapping bovenaan.")
        return Record(data, source)

    def features(self, relative, geom_type):
        """{slug: GEOS geometry in EPSG:4326} of a GeoJSON FeatureCollection whose
        features each carry a `slug` property and a geometry of `geom_type`."""
        source = self.name(relative)
        try:
            collection = json.loads((self.path / relative).read_text(encoding="utf-8"))
        except OSError as error:
            raise DemoDataError(f"{source}: niet te lezen ({error}).") from error
        except ValueError as error:
            raise DemoDataError(f"{source}: geen geldige JSON ({error}).") from error
        if not isinstance(collection, dict) or collection.get("type") != (
            "FeatureCollection"
        ):
            raise DemoDataError(f"{source}: verwacht een GeoJSON FeatureCollection.")
        geometries = {}
        for number, feature in enumerate(collection.get("features") or [], 1):
            slug = ((feature or {}).get("properties") or {}).get("slug")
            where = f"{source}, feature {number}" + (f" ({slug})" if slug else "")
            if not slug:
                raise DemoDataError(f"{where}: de eigenschap 'slug' ontbreekt.")
            if slug in geometries:
                raise DemoDataError(f"{where}: slug '{slug}' komt twee keer voor.")
            try:
                geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
            except (KeyError, TypeError, ValueError, GEOSException) as error:
                raise DemoDataError(f"{where}: geen geldige geometrie.") from error
            if geom.geom_type != geom_type:
                raise DemoDataError(
                    f"{where}: verwacht een {geom_type}, kreeg een {geom.geom_type}."
                )
            geometries[slug] = geom
        return geometries

    def file(self, relative, *, record):
        """(name, bytes) of a committed file of this folder."""
        path = PurePosixPath(str(relative))
        if path.is_absolute() or ".." in path.parts:
            raise record.error(f"bestand '{relative}' ligt buiten {self.name('.')}")
        try:
            return path.name, (self.path / path).read_bytes()
        except OSError as error:
            raise record.error(f"bestand '{relative}' niet gevonden") from error


class Record:
    """A mapping read from a data file (the whole file, or a record in it), with
    where it comes from: "kempenkaart/demo/projecten.yaml, projecten[3] (slug)"."""

    def __init__(self, data, source, where=""):
        self.data = data
        self.source = source
        self.where = where

    def __str__(self):
        slug = self.data.get("slug") if isinstance(self.data, dict) else None
        where = f", {self.where}" if self.where else ""
        return f"{self.source}{where}" + (f" ({slug})" if slug else "")

    def error(self, message):
        return DemoDataError(f"{self}: {message}.")

    def check_keys(self, *, required, optional=()):
        """Refuse a record that is not a mapping, misses a key or has an unknown one."""
        if not isinstance(self.data, dict):
            raise self.error("verwacht een mapping (sleutel: waarde)")
        missing = sorted(set(required) - set(self.data))
        if missing:
            raise self.error(f"ontbrekende sleutel(s): {', '.join(missing)}")
        unknown = sorted(set(self.data) - set(required) - set(optional))
        if unknown:
            allowed = ", ".join(sorted({*required, *optional}))
            raise self.error(
                f"onbekende sleutel(s): {', '.join(unknown)} (toegelaten: {allowed})"
            )
        return self

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        value = self.data.get(key)
        return default if value is None else value

    def text(self, key, default=""):
        value = self.get(key, default)
        if not isinstance(value, str):
            raise self.error(f"'{key}' moet tekst zijn, niet {value!r}")
        return value

    def list(self, key):
        value = self.get(key, [])
        if not isinstance(value, list):
            raise self.error(f"'{key}' moet een lijst zijn")
        return value

    def part(self, key):
        """The mapping under `key` as a record of its own."""
        return Record(self.data.get(key), str(self), key)

    def parts(self, key):
        """The mappings listed under `key` (projects, versions, adoptions…), each a
        record of its own; a slug may occur only once among them."""
        parts = [
            Record(value, str(self), f"{key}[{number}]")
            for number, value in enumerate(self.list(key), 1)
        ]
        seen = {}
        for part in parts:
            if not isinstance(part.data, dict):
                raise part.error("verwacht een mapping (sleutel: waarde)")
            slug = part.data.get("slug")
            if slug is not None and slug in seen:
                raise part.error(f"de slug komt al voor in {seen[slug].where}")
            seen[slug] = part
        return parts

    def lookup(self, mapping, value, what):
        """`mapping[value]`, or an error that says which value is unknown."""
        try:
            return mapping[value]
        except (KeyError, TypeError):
            raise self.error(f"onbekende {what} '{value}'") from None

    def lookups(self, mapping, key, what):
        return [self.lookup(mapping, value, what) for value in self.list(key)]

    @contextmanager
    def checking(self):
        """Turn a validation error raised by a model or service into a
        `DemoDataError` that names this record."""
        try:
            yield self
        except ValidationError as error:
            raise self.error(_messages(error)) from error
        except ObjectDoesNotExist as error:
            raise self.error(str(error)) from error


def _messages(error):
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def image(file, *, title, record):
    """A Wagtail image from a committed file `(name, bytes)`, checked like an
    upload in the admin or on the public form."""
    name, data = file
    with record.checking():
        check_image(ContentFile(data, name=name))
    instance = get_image_model()(
        title=title,
        file=ImageFile(BytesIO(data), name=name),
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),  # as Wagtail's hash_filelike
    )
    with record.checking():
        instance.full_clean(exclude=["file"])
    instance.save()
    return instance


def document(file, *, title, record):
    """A Wagtail document from a committed file `(name, bytes)`, checked like an
    upload."""
    name, data = file
    with record.checking():
        check_document(ContentFile(data, name=name))
    instance = get_document_model()(title=title, file=ContentFile(data, name=name))
    instance.file_size = len(data)
    instance.file_hash = hashlib.sha1(data).hexdigest()
    with record.checking():
        instance.full_clean(exclude=["file"])
    instance.save()
    return instance


def publish_page(page, *, parent, record):
    """Add `page` under `parent` (Wagtail validates it on save) and publish it
    through a revision, as an editor's "Publiceren" does."""
    with record.checking():
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page
