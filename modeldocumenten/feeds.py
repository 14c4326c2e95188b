"""RSS and Atom feeds of new and changed model documents, all or per theme."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from atelier.models import Thema

from . import rules
from .models import DocumentVersie


class ModelDocumentFeed(Feed):
    description = _(
        "Nieuwe en bijgewerkte modeldocumenten van het Atelier Ruimte Kempen."
    )

    def get_object(self, request, thema=None):
        self.request = request
        return get_object_or_404(Thema, slug=thema) if thema else None

    def title(self, thema):
        base = _("Modeldocumenten – Atelier Ruimte Kempen")
        return f"{base}: {thema.name}" if thema else base

    def link(self, thema):
        index = rules.public_documents().first()
        return index.get_parent().url if index else "/"

    def items(self, thema):
        pages = (
            rules.public_documents()
            .order_by("-last_published_at")
            .prefetch_related(
                "themas",
                Prefetch(
                    "versies",
                    queryset=DocumentVersie.objects.order_by("-datum", "-pk"),
                    to_attr="newest_first",
                ),
            )
        )
        if thema:
            pages = pages.filter(themas=thema)
        return pages[:30]

    @staticmethod
    def current(page):
        """The page's current version, from the prefetched versions."""
        return page.newest_first[0] if page.newest_first else None

    def item_title(self, page):
        current = self.current(page)
        return f"{page.title} ({current.nummer})" if current else page.title

    def item_description(self, page):
        current = self.current(page)
        changes = f" {current.wijzigingen}" if current and current.wijzigingen else ""
        return f"{page.summary}{changes}"

    def item_link(self, page):
        return page.url

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_categories(self, page):
        return [t.name for t in page.themas.all()]


class ModelDocumentAtomFeed(ModelDocumentFeed):
    feed_type = Atom1Feed
    subtitle = ModelDocumentFeed.description
