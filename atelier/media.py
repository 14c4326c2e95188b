"""Uploaded images under /media/ (originals and renditions), served by Django to whom
may see them (atelier/visibility.py): their names are predictable, so the files of a
project that waits for publication must not be there for the taking. Documents go
through Wagtail's serve view instead (see atelier/wagtail_hooks.py).

The files are read from the default storage: the local disk, or object storage (S3)
shared by every app machine, streamed from there (the bucket itself stays private)."""

import mimetypes

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views import static
from wagtail.images import get_image_model

from . import visibility


def image_of_file(path):
    """The image whose original or rendition is stored at `path` (or None)."""
    Image = get_image_model()
    image = Image.objects.filter(file=path).first()
    if image is None:
        rendition = (
            Image.get_rendition_model()
            .objects.filter(file=path)
            .select_related("image__collection")
            .first()
        )
        image = rendition.image if rendition else None
    return image


def stored_file_response(request, path):
    """The file at `path` of the default storage: from the disk with Django's static
    view (conditional requests, ranges), else streamed from the storage."""
    try:
        default_storage.path(path)
    except NotImplementedError:  # object storage: no local path
        try:
            stored = default_storage.open(path, "rb")
        except (FileNotFoundError, OSError) as missing:
            raise Http404 from missing
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        response = FileResponse(stored, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)


def serve_image(request, path):
    """The file at `path` when it belongs to an image the user may see; not found
    otherwise (nor for any other path: only what the database knows is served).
    Collection view restrictions (private collections) apply to everyone."""
    image = image_of_file(path)
    if image is None:
        raise Http404
    public = visibility.is_public(image)
    if not public and not visibility.is_visible_beyond_the_public(image, request.user):
        raise Http404
    for restriction in image.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    response = stored_file_response(request, path)
    if not public:
        patch_cache_control(response, private=True)
    return response


def private_file_response(field, filename=None):
    """An uploaded file that only some may see (a dossier's plans, a request's
    attachments), after the app's rules said yes: always a download, never sniffed,
    never kept by a cache on the way."""
    name = filename or field.name.rsplit("/", 1)[-1]
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
