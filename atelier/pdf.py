"""PDFs from HTML templates (WeasyPrint), for every app: presence lists, advice
letters, agenda packs, toolboxes.

WeasyPrint would fetch whatever a document links to (http, file, …). Here it fetches
nothing but the portal's own static files and the files the caller hands over: a
template links `{% static 'css/pdf.css' %}` (a path under STATIC_URL) or
`{{ files_url }}<name>` for `files={"<name>": bytes}`; anything else is left out of the
PDF, never fetched. Fonts come from the system (DejaVu, installed by make).

    pdf = render_pdf("netwerk/pdf/aanwezigheidslijst.html", {"bijeenkomst": b})

A long PDF (an agenda pack) need not hold up a request: `pdf_enqueue` renders the HTML
at once and lets the background worker make the PDF and store it under a name in the
default storage (disk or object storage), for a view to serve when it is there.

    pdf_enqueue("netwerk/pdf/agenda.html", {"bijeenkomst": b}, "pdf/agenda-12.pdf")
"""

import base64
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django_tasks import task
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base URL no request can reach: relative links in a template resolve against it.
BASE_URL = "https://pdf.invalid/"
FILES_PATH = "/_bestanden/"


class PortalFetcher(URLFetcher):
    """Serves the portal's static files and the given files; refuses the rest."""

    def __init__(self, files=None):
        super().__init__(allowed_protocols=["https", "data"], allow_redirects=False)
        self.files = files or {}
        self.refused = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" == BASE_URL:
            path = unquote(parts.path)
            if path.startswith(FILES_PATH) and path[len(FILES_PATH) :] in self.files:
                return self._response(url, self.files[path[len(FILES_PATH) :]], path)
            if path.startswith(settings.STATIC_URL) and ".." not in path.split("/"):
                found = finders.find(path[len(settings.STATIC_URL) :])
                if found:
                    with open(found, "rb") as static_file:
                        return self._response(url, static_file.read(), path)
        self.refused.append(url)
        raise ValueError(f"Not fetched for a PDF: {url}")

    @staticmethod
    def _response(url, body, path):
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def render_html(template, context):
    return render_to_string(template, {**context, "files_url": FILES_PATH})


def html_to_pdf(html, *, files=None):
    fetcher = PortalFetcher(files)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def render_pdf(template, context, *, files=None):
    """The PDF (bytes) of `template` rendered with `context`."""
    return html_to_pdf(render_html(template, context), files=files)


@task()
def store_pdf(*, html: str, name: str, files: dict[str, str] | None = None) -> str:
    """Make the PDF of `html` and store it as `name` (replacing an older one); the
    given files come base64-encoded. Returns the name (a background task)."""
    decoded = {key: base64.b64decode(value) for key, value in (files or {}).items()}
    pdf = html_to_pdf(html, files=decoded)
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(pdf))


def pdf_enqueue(template, context, name, *, files=None):
    """Render `template` now and queue its PDF for `store_pdf`; the task's result."""
    encoded = {
        key: base64.b64encode(value).decode() for key, value in (files or {}).items()
    }
    return store_pdf.enqueue(
        html=render_html(template, context), name=name, files=encoded
    )


def pdf_response(pdf, filename, *, inline=True):
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
