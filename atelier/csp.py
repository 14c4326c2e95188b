"""The Content-Security-Policy of the portal (django-csp).

The public site gets a strict policy (settings.CONTENT_SECURITY_POLICY): scripts,
styles, fonts and data from this origin only; no inline script, no inline style
attribute, no eval; images from here, `data:` and the map's tile server; framed by
this origin only (Wagtail's preview). Maps start from data attributes and JSON blocks
(static/js/maps.js), never from an inline script.

The two back offices (Wagtail's /admin/ and Django's /django-admin/, the
BACKOFFICE_URL_PREFIXES) get their own, relaxed policy
(settings.CONTENT_SECURITY_POLICY_BACKOFFICE): Wagtail's admin and django-leaflet's
geometry widget write inline scripts and styles there; still no eval, no plugins, no
outside framing. Only signed-in staff work there; the public policy is not weakened
for them. tests/browser/test_csp*.py check both in Chromium.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings


def tile_source(url: str) -> str | None:
    """The CSP source of a Leaflet tile URL template: its scheme and host, with a
    `{s}` subdomain as a wildcard ("https://{s}.tile.example/{z}/…" →
    "https://*.tile.example"). None without a tile server."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "subdomain"))
    host = parts.netloc.replace("subdomain", "*")
    return f"{parts.scheme}://{host}" if parts.scheme and host else None


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the back-office policy for the back offices."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        backoffice = request.path_info.startswith(settings.BACKOFFICE_URL_PREFIXES)
        if backoffice and not report_only and parts.config is None:
            parts.config = settings.CONTENT_SECURITY_POLICY_BACKOFFICE
        return parts
