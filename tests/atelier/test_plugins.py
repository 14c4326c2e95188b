"""The plug-in contract (atelier.plugins): apps add themselves through their
`portal.py`, and the core names no app."""

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

from atelier import plugins, sections
from atelier.models import HomePage
from atelier.plugins import Feed, MenuItem, Portal, Section

ROOT = Path(settings.BASE_DIR)


def app_names():
    """The project's apps besides the core: those with a portal.py of their own."""
    return sorted(label for label in plugins.portals() if label != "atelier")


def test_every_project_app_has_a_portal():
    # Apps at the top level, or inside another (netwerk/kwaliteitskamer).
    project_apps = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT)
        and "site-packages" not in Path(config.path).parts
    }
    assert project_apps == set(plugins.portals())
    assert {"kempenkaart", "modeldocumenten"} <= set(app_names())


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"import_module", "include"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def test_no_module_of_the_core_imports_an_app():
    """Settings name the installed apps; migrations are history. Nothing else."""
    offenders = []
    for path in sorted((ROOT / "atelier").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[1] in {"settings", "migrations"}:
            continue
        for module in imported_modules(path):
            if module.split(".")[0] in app_names():
                offenders.append(f"{relative}: {module}")
    assert offenders == []


def test_the_check_sees_an_import_of_an_app(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from kempenkaart.models import Project\nimport modeldocumenten\n")
    assert list(imported_modules(probe)) == ["kempenkaart.models", "modeldocumenten"]


def shared_templates():
    """Templates outside every app's own folder (templates/<app>/)."""
    base = ROOT / "templates"
    for path in sorted(base.rglob("*.html")):
        if path.relative_to(base).parts[0] not in app_names():
            yield path


def app_references(text):
    names = "|".join(app_names())
    pattern = rf"""['"]({names})[:/]"""  # 'kempenkaart:map', "modeldocumenten/..."
    return re.findall(pattern, text)


def test_no_shared_template_names_an_app():
    offenders = {
        str(path.relative_to(ROOT)): app_references(path.read_text())
        for path in shared_templates()
    }
    assert {path: refs for path, refs in offenders.items() if refs} == {}


def test_the_check_sees_a_url_name_and_a_template_of_an_app():
    assert app_references(
        """{% url 'kempenkaart:map' %}{% include "modeldocumenten/x.html" %}"""
    ) == ["kempenkaart", "modeldocumenten"]


@pytest.fixture
def with_probe_app(monkeypatch):
    """A new app is its portal.py: this one adds a menu entry, a feed, a home and a
    municipality section, a search kind, a page type and demo data."""
    loaded = []
    probe = Portal(
        menu=[MenuItem("Proefmenu", "search", order=15, namespace="proef")],
        feeds=[Feed("Proeffeed", "search", "application/atom+xml")],
        sections=[
            Section("home", "atelier/content_page.html", lambda request: None),
            Section("gemeente", "proef.html", lambda request, g: {"naam": g.name}, 5),
        ],
        home_page_types=["atelier.ContentPage"],
        demo=lambda stdout: loaded.append(stdout),
    )
    installed = plugins.portals()
    monkeypatch.setattr(plugins, "portals", lambda: {**installed, "proef": probe})
    return loaded


@pytest.mark.django_db
def test_a_new_app_appears_in_the_menu_and_the_head_of_every_page(
    client, with_probe_app
):
    html = client.get("/gemeenten/").content.decode()
    menu = html[html.index('class="main-nav"') :]
    assert menu.index(">Kempenkaart<") < menu.index(">Proefmenu<")
    assert menu.index(">Proefmenu<") < menu.index(">Gemeenten<")
    assert 'type="application/atom+xml" title="Proeffeed" href="/zoeken/"' in html


@pytest.mark.django_db
def test_a_new_apps_sections_are_rendered_in_order(turnhout, with_probe_app):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    rendered = sections.render_sections("gemeente", request, turnhout)
    assert rendered[0] == ("proef.html", {"naam": "Turnhout"})
    templates = [template for template, _context in rendered]
    assert templates.index("kempenkaart/includes/gemeente_section.html") < (
        templates.index("modeldocumenten/includes/gemeente_section.html")
    )
    # A section with nothing to show is left out.
    assert "atelier/content_page.html" not in [
        t for t, _c in sections.render_sections("home", request)
    ]


@pytest.mark.django_db
def test_a_new_apps_demo_is_loaded_after_the_core(with_probe_app, monkeypatch):
    order = []
    installed = plugins.portals()
    fake = {
        label: Portal(demo=lambda stdout, label=label: order.append(label))
        for label in installed
    }
    fake["proef"] = installed["proef"]
    monkeypatch.setattr(plugins, "portals", lambda: fake)
    call_command("load_demo", stdout=StringIO())
    assert order[0] == "atelier"
    assert len(with_probe_app) == 1  # the probe's demo ran too
    assert order == [label for label in fake if label != "proef"]


def test_the_apps_page_types_are_allowed_under_the_home_page():
    allowed = {model._meta.label for model in HomePage.clean_subpage_models()}
    expected = {"atelier.ContentPage"}
    for portal in plugins.portals().values():
        expected.update(portal.home_page_types)
    assert allowed == expected
    assert "modeldocumenten.ModelDocumentIndexPage" in allowed


def test_every_api_route_of_every_app_is_on_the_one_router():
    from atelier.api_urls import router

    registered = {prefix for prefix, _viewset, _basename in router.registry}
    declared = {route.prefix for route in plugins.collect("api_routes")}
    assert registered == declared
    assert {"gemeenten", "projecten", "instrumenten"} <= registered


def test_the_menu_renders_without_a_resolved_url():
    html = render_to_string(
        "includes/main_menu.html",
        {"request": RequestFactory().get("/"), "menu_items": plugins.menu()},
    )
    assert 'aria-current="page"' not in html
