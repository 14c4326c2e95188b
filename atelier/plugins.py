"""The plug-in contract: how an app adds itself to the portal.

Each app declares, in one module `<app>/portal.py`, everything it adds to the shared
parts of the portal, as one `Portal` object named `portal`:

    # kempenkaart/portal.py
    portal = Portal(
        urls=[path("kaart/", include("kempenkaart.urls"))],
        api_routes=[ApiRoute("projecten", ProjectViewSet, "project")],
        search_providers=[search.projecten],
        sections=[Section("gemeente", "kempenkaart/includes/gemeente_section.html",
                          views.gemeente_section_context, order=10)],
        menu=[MenuItem(_("Kempenkaart"), "kempenkaart:map", order=10)],
        demo=demo.load,
    )

The core finds these modules once, in the order of INSTALLED_APPS (the core's own
`atelier/portal.py` first), and nothing in `atelier/` names an app. Adding an app is:
add it to INSTALLED_APPS, write its `portal.py`.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

MODULE = "portal"


@dataclass(frozen=True)
class Section:
    """A block an app adds to a shared page.

    page: "home" (context(request)), "gemeente" (context(request, gemeente)),
    "project" (context(request, project)) or "account" (context(request)); context returns the template's `section` variable,
    or None to show nothing."""

    page: str
    template: str
    context: Callable
    order: int = 50


@dataclass(frozen=True)
class MenuItem:
    """An entry of the main menu. `namespace`: the URL namespace whose pages mark it
    as the current one (by default the one of `url_name`)."""

    label: str
    url_name: str
    order: int = 50
    namespace: str = ""

    @property
    def current_namespace(self):
        return self.namespace or self.url_name.partition(":")[0]


@dataclass(frozen=True)
class Feed:
    """A feed announced in every page's <head> (`<link rel="alternate">`)."""

    title: str
    url_name: str
    content_type: str = "application/rss+xml"


@dataclass(frozen=True)
class ApiRoute:
    """A DRF viewset registered on the portal's one router (namespace "api")."""

    prefix: str
    viewset: type
    basename: str


@dataclass(frozen=True)
class MapLayer:
    """Features an app adds to a shared page's map. page: "gemeente" (the
    municipality's map; features(request, gemeente) returns a GeoJSON
    FeatureCollection as a string, written by PostGIS, of what `request.user` may
    see; each feature's properties: `naam`, `url`). Drawn with `label` in the map's
    layer control, in `color`."""

    page: str
    label: str
    features: Callable
    color: str = "#c2410c"
    order: int = 50


@dataclass(frozen=True)
class Portal:
    """Everything one app adds to the portal. Every part is optional.

    urls: URL patterns mounted at the site root (before Wagtail's page tree);
    api_routes / api_urls: viewsets for the router and plain views under /api/;
    search_providers: `atelier.search.Provider`s for /zoeken/;
    sections: blocks on the home, municipality and account pages;
    map_layers: features on a shared page's map (the municipality page);
    menu: main-menu entries; feeds: feeds announced in <head>;
    home_page_types: Wagtail page models ("app.Model") allowed under the home page;
    demo: `load(stdout)`, the app's idempotent demo data (`manage.py load_demo`)."""

    urls: Sequence = ()
    api_routes: Sequence[ApiRoute] = ()
    api_urls: Sequence = ()
    search_providers: Sequence = ()
    sections: Sequence[Section] = ()
    map_layers: Sequence[MapLayer] = ()
    menu: Sequence[MenuItem] = ()
    feeds: Sequence[Feed] = ()
    home_page_types: Sequence[str] = ()
    demo: Callable | None = None


@functools.cache
def portals() -> dict[str, Portal]:
    """{app label: portal} of every installed app that has a `portal.py`, in the order
    of INSTALLED_APPS."""
    found = {}
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.{MODULE}"
        if _has_module(module_name):
            found[app_config.label] = import_module(module_name).portal
    return found


def _has_module(module_name):
    try:
        return find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


def collect(attribute):
    """Every portal's `attribute` (a sequence), concatenated."""
    return [
        item for portal in portals().values() for item in getattr(portal, attribute)
    ]


def sections(page):
    return sorted(
        (s for s in collect("sections") if s.page == page), key=lambda s: s.order
    )


def menu():
    return sorted(collect("menu"), key=lambda item: item.order)


def search_providers():
    return sorted(collect("search_providers"), key=lambda p: p.order)


def demo_loaders():
    """(app label, load) of every app with demo data, the core first."""
    return [(label, p.demo) for label, p in portals().items() if p.demo is not None]


def map_layers(page):
    return sorted(
        (m for m in collect("map_layers") if m.page == page), key=lambda m: m.order
    )
