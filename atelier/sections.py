"""Sections that apps add to shared pages (the home page, a municipality's page, the
account page), declared in each app's `portal.py` as `atelier.plugins.Section`s, so
that the core names no app and each part appears as soon as it is built.

Home and account sections take (request); municipality sections (request, gemeente);
project sections, shown on a Kempenkaart project's page, (request, project).
"""

from . import plugins


def render_sections(page, *args):
    """[(template, context)] of every section of `page` that has something to show."""
    rendered = []
    for entry in plugins.sections(page):
        context = entry.context(*args)
        if context is not None:
            rendered.append((entry.template, context))
    return rendered
