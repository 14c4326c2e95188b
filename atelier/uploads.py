"""Checks for uploaded files: by content, not only by extension.

`check_document()` and `check_image()` raise a `ValidationError` with a Dutch message
when a file is refused, and return nothing when it is fine. `safe_filename()` gives the
name under which an accepted file is stored. The Wagtail admin forms in
`atelier/forms.py` run them on every upload.

What is refused:
- anything larger than the limit (`DOCUMENT_MAX_UPLOAD_SIZE`, default 20 MB, or
  `WAGTAILIMAGES_MAX_UPLOAD_SIZE` for images);
- executables (Windows MZ, ELF, Mach-O, `#!` scripts), whatever their extension;
- documents whose content does not match their extension (a PDF must start with
  `%PDF-`, an Office file must be the matching Office Open XML or OpenDocument ZIP,
  CSV and TXT must be plain text);
- ZIP-based documents with macros or executables inside, and ZIP bombs;
- text files that are really HTML, SVG or XML with scripts;
- images that are SVG, HTML or XML, or that Pillow cannot open.
"""

import os
import re
import unicodedata
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image

DEFAULT_DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DEFAULT_IMAGE_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # Wagtail's own default

# ZIP bomb guard: the members together may not unpack to more than this, and a ZIP
# that unpacks to more than ZIP_RATIO_FLOOR bytes may not shrink by more than
# ZIP_MAX_RATIO (small files compress well and are harmless).
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_MAX_MEMBERS = 10_000

FILENAME_MAX_LENGTH = 100

# The bitmap formats Pillow may open for an upload (Wagtail's default extensions).
IMAGE_FORMATS = ["AVIF", "GIF", "JPEG", "PNG", "WEBP"]

EXECUTABLE_SIGNATURES = (
    b"\x7fELF",  # Linux and other Unix executables
    b"\xfe\xed\xfa\xce",  # Mach-O 32-bit
    b"\xfe\xed\xfa\xcf",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit, little-endian
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit, little-endian
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary (and Java class files)
    b"#!",  # scripts with an interpreter line
)

EXECUTABLE_EXTENSIONS = {
    "app",
    "bat",
    "cmd",
    "com",
    "cpl",
    "dll",
    "dylib",
    "exe",
    "hta",
    "jar",
    "js",
    "jse",
    "lnk",
    "msi",
    "ps1",
    "scr",
    "sh",
    "so",
    "vbe",
    "vbs",
    "wsf",
}

OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"csv", "txt"}
DOCUMENT_EXTENSIONS = {"pdf", *OOXML_PARTS, *ODF_MIMETYPES, *TEXT_EXTENSIONS}

# Markup a browser would run or render, looked for in lower-cased text.
MARKUP_MARKERS = (
    "<html",
    "<!doctype html",
    "<script",
    "<svg",
    "<iframe",
    "<object",
    "<embed",
)
# In XML, scripts also hide in links and event handlers.
# (Named handlers only: Dutch attributes such as "onderwerp=" are harmless.)
XML_SCRIPT_PATTERN = re.compile(
    r"javascript:|\bon(?:load|unload|error|abort|click|dblclick|mouse[a-z]*|key[a-z]+"
    r"|focus[a-z]*|blur|change|input|submit|reset|select|scroll|resize|begin|end"
    r"|repeat|activate|animation[a-z]+|transition[a-z]+|toggle|pointer[a-z]+)\s*="
)


def safe_filename(name):
    """Return a readable ASCII file name: slugified stem plus lower-case extension.

    Folders are dropped, accents are removed, and the result is at most
    FILENAME_MAX_LENGTH characters: "C:\\Mijn map\\Één Plan (v2).PDF" -> "een-plan-v2.pdf".
    """
    base = re.split(r"[\\/]", name or "")[-1]
    stem, extension = os.path.splitext(base)
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    ascii_stem = (
        unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    )
    stem = slugify(ascii_stem) or "bestand"
    suffix = f".{extension}" if extension else ""
    stem = stem[: FILENAME_MAX_LENGTH - len(suffix)].strip("-_") or "bestand"
    return stem + suffix


def check_document(uploaded_file):
    """Refuse a document whose size, type or content is not acceptable."""
    limit = getattr(
        settings, "DOCUMENT_MAX_UPLOAD_SIZE", DEFAULT_DOCUMENT_MAX_UPLOAD_SIZE
    )
    _check_size(uploaded_file, limit)
    head = _read_head(uploaded_file)
    _check_not_executable(head)

    extension = _extension(uploaded_file.name)
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(
            _(
                "Bestanden van het type .%(extension)s worden niet aanvaard. "
                "Toegelaten zijn: %(allowed)s."
            ),
            code="invalid_extension",
            params={
                "extension": extension or "?",
                "allowed": ", ".join(sorted(DOCUMENT_EXTENSIONS)).upper(),
            },
        )

    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            raise _mismatch(extension)
    elif extension in OOXML_PARTS or extension in ODF_MIMETYPES:
        _check_zip_document(uploaded_file, extension)
    else:
        _check_text(uploaded_file, extension)


def check_image(uploaded_file):
    """Refuse an image that is too large, is markup (SVG, HTML, XML) or will not open."""
    limit = getattr(
        settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", DEFAULT_IMAGE_MAX_UPLOAD_SIZE
    )
    _check_size(uploaded_file, limit)
    head = _read_head(uploaded_file)
    _check_not_executable(head)

    # No bitmap format starts with "<"; SVG, HTML and XML do (after a BOM or blanks).
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise ValidationError(
            _(
                "SVG-, HTML- en XML-bestanden worden niet aanvaard als afbeelding. "
                "Gebruik een PNG-, JPEG-, GIF-, WebP- of AVIF-bestand."
            ),
            code="image_markup",
        )

    try:
        uploaded_file.seek(0)
        with Image.open(uploaded_file, formats=IMAGE_FORMATS) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds of errors
        raise ValidationError(
            _(
                "Dit bestand is geen geldige afbeelding of is beschadigd. "
                "Gebruik een PNG-, JPEG-, GIF-, WebP- of AVIF-bestand."
            ),
            code="invalid_image",
        ) from exc
    finally:
        uploaded_file.seek(0)


# Helpers


def _extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _read_head(uploaded_file, size=1024):
    uploaded_file.seek(0)
    head = uploaded_file.read(size)
    uploaded_file.seek(0)
    return head


def _check_size(uploaded_file, limit):
    if limit is not None and uploaded_file.size > limit:
        raise ValidationError(
            _("Dit bestand is te groot (%(size)s); het mag hoogstens %(max)s zijn."),
            code="file_too_large",
            params={
                "size": filesizeformat(uploaded_file.size),
                "max": filesizeformat(limit),
            },
        )


def _is_executable(head):
    if head.startswith(EXECUTABLE_SIGNATURES):
        return True
    # A Windows (DOS/PE) header starts with "MZ" and always holds zero bytes; plain
    # text that happens to start with "MZ" does not.
    return head.startswith(b"MZ") and b"\x00" in head[:64]


def _check_not_executable(head):
    if _is_executable(head):
        raise ValidationError(
            _(
                "Dit bestand is een programma of script. Zulke bestanden worden "
                "nooit aanvaard, ook niet onder een andere extensie."
            ),
            code="executable",
        )


def _mismatch(extension):
    return ValidationError(
        _(
            "De inhoud van dit bestand is geen %(type)s, hoewel de naam op "
            ".%(extension)s eindigt. Bewaar het opnieuw als %(type)s of pas de "
            "extensie aan."
        ),
        code="content_mismatch",
        params={"type": extension.upper(), "extension": extension},
    )


def _read_member(archive, info, limit):
    """Read at most `limit` bytes of a member, whatever size its header claims."""
    with archive.open(info) as member:
        return member.read(limit)


def _check_zip_document(uploaded_file, extension):
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            _check_zip_archive(archive, extension)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
    ) as exc:
        raise _mismatch(extension) from exc
    except (NotImplementedError, RuntimeError) as exc:
        # Unknown compression method or an encrypted member.
        raise ValidationError(
            _(
                "Dit bestand is versleuteld of gebruikt een onbekende compressie "
                "en kan niet gecontroleerd worden."
            ),
            code="unreadable_archive",
        ) from exc
    finally:
        uploaded_file.seek(0)


def _check_zip_archive(archive, extension):
    members = archive.infolist()
    if not members:
        raise _mismatch(extension)
    names = [info.filename for info in members]

    # ZIP bomb guard, before anything is unpacked.
    total = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members) or 1
    if (
        len(members) > ZIP_MAX_MEMBERS
        or total > ZIP_MAX_UNCOMPRESSED
        or (total > ZIP_RATIO_FLOOR and total / packed > ZIP_MAX_RATIO)
    ):
        raise ValidationError(
            _(
                "Dit bestand pakt uit tot een verdacht grote hoeveelheid gegevens "
                "(mogelijk een zip-bom) en wordt niet aanvaard."
            ),
            code="zip_bomb",
        )

    # The type must match the extension.
    if extension in OOXML_PARTS:
        if "[Content_Types].xml" not in names or not any(
            name.startswith(OOXML_PARTS[extension]) for name in names
        ):
            raise _mismatch(extension)
        content_types = _read_member(
            archive, archive.getinfo("[Content_Types].xml"), 1024 * 1024
        )
        if b"macroenabled" in content_types.lower():
            raise _macros()
    else:
        first = members[0]
        if first.filename != "mimetype":
            raise _mismatch(extension)
        mimetype = _read_member(archive, first, 200).strip()
        if mimetype != ODF_MIMETYPES[extension].encode():
            raise _mismatch(extension)

    # No macros and no programs inside.
    for info in members:
        lower = info.filename.lower()
        basename = lower.rsplit("/", 1)[-1]
        if basename == "vbaproject.bin" or lower.startswith(("basic/", "scripts/")):
            raise _macros()
        if info.is_dir():
            continue
        if _extension(basename) in EXECUTABLE_EXTENSIONS or _is_executable(
            _read_member(archive, info, 64)
        ):
            raise ValidationError(
                _(
                    "Dit bestand bevat een ingesloten programma of script "
                    "(%(name)s) en wordt niet aanvaard."
                ),
                code="embedded_executable",
                params={"name": info.filename},
            )


def _macros():
    return ValidationError(
        _(
            "Dit bestand bevat macro's. Bewaar het zonder macro's (bijvoorbeeld als "
            "gewoon .docx, .xlsx of .pptx) en laad het opnieuw op."
        ),
        code="macros",
    )


def _check_text(uploaded_file, extension):
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    if b"\x00" in data:
        raise _mismatch(extension)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ValidationError(
                _(
                    "Dit tekstbestand heeft een onbekende tekenset. Bewaar het als "
                    "UTF-8 en laad het opnieuw op."
                ),
                code="invalid_encoding",
            ) from None

    lower = text.lower()
    start = lower.lstrip()
    if (
        any(marker in lower for marker in MARKUP_MARKERS)
        or (start.startswith("<?xml") and XML_SCRIPT_PATTERN.search(lower))
        or start.startswith("#!")
    ):
        raise ValidationError(
            _(
                "Dit bestand bevat HTML, SVG of een script en wordt niet aanvaard "
                "als .%(extension)s-bestand."
            ),
            code="markup",
            params={"extension": extension},
        )
