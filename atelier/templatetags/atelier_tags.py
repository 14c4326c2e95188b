from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from atelier import pagecache, plugins

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The apps' menu entries (their portal.py), then the site's top-level pages that
    editors put in the menu (the same for every visitor of a host: kept shared,
    atelier.pagecache)."""
    request = context["request"]
    match = request.resolver_match
    return {
        "request": request,
        "menu_items": plugins.menu(),
        "current_namespace": match.namespace if match else "",
        "menu_pages": pagecache.shared(
            request, f"main_menu:{request.get_host()}", lambda: menu_pages(request)
        ),
        "user": context.get("user"),
    }


def menu_pages(request):
    site = Site.find_for_request(request)
    pages = site.root_page.get_children().live().public().in_menu() if site else []
    return [
        {"url": page.get_url(request), "path": page.url, "title": page.title}
        for page in pages
    ]


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_text_script(json_text, element_id):
    """Like Django's `json_script`, for a value that is already JSON text (such as a
    FeatureCollection written by PostGIS). <, > and & can only occur inside JSON
    strings, where their \\u escapes mean the same."""
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        mark_safe(json_text.translate(_JSON_SCRIPT_ESCAPES)),
    )


@register.filter
def label(labels, value):
    """`{{ labels.fase|label:p.fase }}`: like `get_fase_display` from a dict of a field's
    choices built once per page (Django's rebuilds it, translating every label, each time)."""
    return labels.get(value, value)


@register.filter
def download_url(versie, kind):
    """`{{ versie|download_url:"pdf" }}`: the counted download link of a file."""
    return versie.download_url(kind)


@register.simple_tag(takes_context=True)
def page_sections(context, page, *args):
    """The sections apps add to a shared page that has no view of the core's own (a
    Kempenkaart project's page: `{% page_sections "project" project as sections %}`),
    as [(template, section)] like `atelier.sections.render_sections`."""
    from atelier.sections import render_sections

    return render_sections(page, context["request"], *args)
