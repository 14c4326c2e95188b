"""Uploaded files on S3-compatible object storage (django-storages), when S3_BUCKET is
set. The bucket stays private: every file's URL is the portal's own (`/media/…` for
images, Wagtail's serve view for documents), whose views check who may see it
(atelier/media.py, atelier/visibility.py) and stream it from the bucket."""

from urllib.parse import quote

from django.conf import settings
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PortalS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        """The portal's URL of `name`, never the bucket's (which would skip the
        access check and the Content-Security-Policy)."""
        return settings.MEDIA_URL + quote(clean_name(name).lstrip("/"))
