"""Sections that apps add to shared pages (the home page, a municipality's page), so
that the core imports no app and each part appears as soon as it is built.

An app registers, in its AppConfig.ready(), a function that returns the context of its
template, or None to show nothing:

    section("gemeente", "kempenkaart/includes/gemeente_section.html", order=10)(func)

Home-page functions take (request); municipality-page functions (request, gemeente).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable
    order: int


SECTIONS: dict[str, list[Section]] = defaultdict(list)


def section(page, template, *, order=50):
    def register(func):
        SECTIONS[page].append(Section(template, func, order))
        SECTIONS[page].sort(key=lambda s: s.order)
        return func

    return register


def render_sections(page, *args):
    """[(template, context)] of every section of `page` that has something to show."""
    rendered = []
    for entry in SECTIONS[page]:
        context = entry.context(*args)
        if context is not None:
            rendered.append((entry.template, context))
    return rendered
