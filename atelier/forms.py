"""Wagtail admin forms for documents and images that check uploads by content.

Wagtail builds its document and image forms on these classes once the settings name
them (read each time a form class is built, so on every request):

    WAGTAILDOCS_DOCUMENT_FORM_BASE = "atelier.forms.DocumentForm"
    WAGTAILIMAGES_IMAGE_FORM_BASE = "atelier.forms.ImageForm"

A refused file stops the form before anything is saved: the error appears under the
file field, and no document or image row and no stored file are left behind.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from atelier.uploads import check_document, check_image, safe_filename


class CheckedUploadMixin:
    """Run `check_upload` on a newly uploaded `file`, then give it a safe name."""

    def check_upload(self, uploaded_file):
        raise NotImplementedError

    def clean_file(self):
        parent_clean = getattr(super(), "clean_file", None)
        uploaded_file = parent_clean() if parent_clean else self.cleaned_data["file"]
        # When editing without a new upload, the field holds the stored file: no check.
        if isinstance(uploaded_file, UploadedFile):
            self.check_upload(uploaded_file)
            uploaded_file.name = safe_filename(uploaded_file.name)
        return uploaded_file


class DocumentForm(CheckedUploadMixin, BaseDocumentForm):
    def check_upload(self, uploaded_file):
        check_document(uploaded_file)


class ImageForm(CheckedUploadMixin, BaseImageForm):
    def check_upload(self, uploaded_file):
        check_image(uploaded_file)
