"""Uploaded images under /media/ (originals and renditions), served by Django to whom
may see them (atelier/visibility.py): their names are predictable, so the files of a
project that waits for publication must not be there for the taking. Documents go
through Wagtail's serve view instead (see atelier/wagtail_hooks.py)."""

from django.conf import settings
from django.http import Http404
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
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    if not public:
        patch_cache_control(response, private=True)
    return response
