"""PDFs from HTML templates (WeasyPrint), for every app: presence lists, advice
letters, agenda packs, toolboxes.

WeasyPrint would fetch whatever a document links to (http, file, …). Here it fetches
nothing but the portal's own static files and the files the caller hands over: a
template links `{% static 'css/pdf.css' %}` (a path under STATIC_URL) or
`{{ files_url }}<name>` for `files={"<name>": bytes}`; anything else is left out of the
PDF, never fetched. Fonts come from the system (DejaVu, installed by make).

    pdf = render_pdf("netwerk/pdf/aanwezigheidslijst.html", {"bijeenkomst": b})
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
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


def render_pdf(template, context, *, files=None):
    """The PDF (bytes) of `template` rendered with `context`."""
    html = render_to_string(template, {**context, "files_url": FILES_PATH})
    fetcher = PortalFetcher(files)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def pdf_response(pdf, filename, *, inline=True):
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
