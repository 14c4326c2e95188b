"""What the model documents and inspiration add to the portal (the plug-in contract:
atelier.plugins). The library and inspiration pages themselves are Wagtail pages."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from atelier.plugins import Feed, Portal, Section

from . import demo, search, views

portal = Portal(
    # Feeds, downloads, following: beside the library page, which Wagtail serves.
    urls=[path("modeldocumenten/", include("modeldocumenten.urls"))],
    search_providers=[search.modeldocumenten, search.inspiratie],
    sections=[
        Section(
            "home",
            "modeldocumenten/includes/home_section.html",
            views.home_section_context,
            order=5,
        ),
        Section(
            "home",
            "modeldocumenten/includes/inspiration_home_section.html",
            views.inspiration_home_context,
            order=15,
        ),
        Section(
            "gemeente",
            "modeldocumenten/includes/gemeente_section.html",
            views.gemeente_section_context,
            order=20,
        ),
        Section(
            "account",
            "modeldocumenten/includes/account_section.html",
            views.account_section_context,
            order=10,
        ),
    ],
    feeds=[Feed(_("Modeldocumenten"), "modeldocumenten:feed-rss")],
    home_page_types=[
        "modeldocumenten.ModelDocumentIndexPage",
        "modeldocumenten.InspirationIndexPage",
    ],
    demo=demo.load,
)
