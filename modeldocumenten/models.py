"""Model documents: ready-to-use templates for local spatial policy, with numbered
versions, downloads counted per version, and the municipalities that adopted them."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from atelier.blocks import (
    DownloadBlock,
    ImageBlock,
    QuoteBlock,
    gallery_block,
    heading_block,
)
from atelier.models import Gemeente, Taxonomy, Thema


class DocumentSoort(Taxonomy):
    """What kind of document it is: verordening, reglement, bestek, checklist, …"""

    class Meta(Taxonomy.Meta):
        verbose_name = _("documentsoort")
        verbose_name_plural = _("documentsoorten")


class Doelgroep(Taxonomy):
    """Who the document is for: gemeentebestuur, omgevingsambtenaar, ontwerper, …"""

    class Meta(Taxonomy.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Beleidsniveau(models.TextChoices):
    """The policy level a document translates into local policy."""

    VLAAMS = "vlaams", _("Vlaams")
    PROVINCIAAL = "provinciaal", _("provinciaal")
    LOKAAL = "lokaal", _("lokaal")


class BodyBlock(blocks.StreamBlock):
    heading = heading_block()
    paragraph = blocks.RichTextBlock(label=_("Tekst"))
    quote = blocks.BlockQuoteBlock(label=_("Citaat"))
    document = DocumentChooserBlock(label=_("Bijlage"))


class ModelDocumentIndexPage(Page):
    """The library: every model document, filtered by theme, kind, policy level and
    audience, searched and sorted."""

    intro = RichTextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["atelier.HomePage"]
    subpage_types = ["modeldocumenten.ModelDocumentPage"]
    max_count = 1

    SORTS = {
        "nieuwste": ("-last_published_at", _("nieuwste eerst")),
        "a-z": ("title", _("A–Z")),
        "populair": ("-downloads_total", _("meest gedownload")),
    }

    class Meta:
        verbose_name = _("bibliotheek modeldocumenten")

    def get_workflow(self):
        """The partner review is assigned to this page (a WorkflowPage, migration
        0008) for the model documents under it: every document and every new version
        of one is reviewed by the partners and experts before IOK publishes it. The
        library page itself is moderated like the rest of the site."""
        parent = self.get_parent()
        return parent.get_workflow() if parent else None

    def get_context(self, request, *args, **kwargs):
        from . import rules
        from .filters import ModelDocumentFilterSet

        context = super().get_context(request, *args, **kwargs)
        documents = (
            rules.documents_visible_to(request.user)
            .child_of(self)
            .with_downloads()
            .select_related("soort")
            .prefetch_related("themas")
        )
        filterset = ModelDocumentFilterSet(request.GET, queryset=documents)
        sort = request.GET.get("sorteer", "nieuwste")
        ordering = self.SORTS.get(sort, self.SORTS["nieuwste"])[0]
        results = (
            filterset.qs.order_by(ordering, "title")
            if filterset.is_valid()
            else documents.none()
        )
        context.update(
            filterset=filterset,
            sort=sort,
            sorts=[(key, label) for key, (_order, label) in self.SORTS.items()],
            documents=Paginator(results, 20).get_page(request.GET.get("pagina")),
            total=results.count(),
        )
        return context


class ModelDocumentPageQuerySet(PageQuerySet):
    def with_downloads(self):
        """Annotate `downloads_total`, the downloads of all its versions."""
        return self.annotate(downloads_total=Count("versies__downloads"))

    def adopted_in(self, gemeente):
        return self.filter(adopties__gemeente=gemeente)

    def search_text(self, text):
        """Dutch full text on title and summary (stemmed: "verordeningen" finds
        "verordening"), or a part of the title."""
        vector = SearchVector("title", "summary", config="dutch")
        query = SearchQuery(text, config="dutch", search_type="websearch")
        return self.annotate(_search=vector).filter(
            Q(_search=query) | Q(title__icontains=text)
        )


class ModelDocumentPage(Page):
    """One model document: what it is, when and how to use it, its versions and
    files, and the municipalities that adopted it."""

    summary = models.TextField(
        _("samenvatting"), help_text=_("Twee à drie zinnen: wat regelt dit document?")
    )
    gebruik = RichTextField(_("wanneer en hoe gebruiken"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("toelichting"))
    soort = models.ForeignKey(
        DocumentSoort,
        on_delete=models.PROTECT,
        related_name="documenten",
        verbose_name=_("soort document"),
    )
    beleidsniveau = models.CharField(
        _("vertaalt beleid van"), max_length=20, choices=Beleidsniveau.choices
    )
    themas = ParentalManyToManyField(
        Thema, related_name="modeldocumenten", verbose_name=_("thema's"), blank=True
    )
    doelgroepen = ParentalManyToManyField(
        Doelgroep, related_name="documenten", verbose_name=_("doelgroepen"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("gebruik"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("soort"),
                FieldPanel("beleidsniveau"),
                FieldPanel("themas"),
                FieldPanel("doelgroepen"),
            ],
            heading=_("Indeling"),
        ),
        InlinePanel("versies", label=_("Versies"), min_num=1),
        InlinePanel("adopties", label=_("Gebruikt door gemeenten")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("gebruik"),
        index.SearchField("body"),
        index.RelatedFields("soort", [index.SearchField("name")]),
        index.FilterField("beleidsniveau"),
    ]
    parent_page_types = ["modeldocumenten.ModelDocumentIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(ModelDocumentPageQuerySet)()

    class Meta:
        verbose_name = _("modeldocument")
        verbose_name_plural = _("modeldocumenten")

    def versions(self):
        """Every version, newest first (by date, then the one entered last), with its
        files and its download count. The same on a live page and on a draft (the
        admin's preview, "view draft", a reviewer's preview): a draft's versions live
        in memory, the new ones without a primary key yet, so they are sorted here
        rather than by the database, and their files and counts are fetched in one
        question each, whatever the number of versions."""
        versies = list(self.versies.all())
        files = get_document_model().objects.in_bulk(
            {pk for v in versies for pk in (v.bestand_id, v.pdf_id) if pk}
        )
        counts = dict(
            Download.objects.filter(versie__in=[v.pk for v in versies if v.pk])
            .values_list("versie")
            .annotate(count=Count("pk"))
        )
        for versie in versies:
            versie.bestand = files.get(versie.bestand_id)
            versie.pdf = files.get(versie.pdf_id)
            versie.downloads_counted = counts.get(versie.pk, 0)
        return sorted(
            versies,
            key=lambda versie: (versie.datum, versie.pk is None, versie.pk or 0),
            reverse=True,
        )

    def current_version(self):
        versions = self.versions()
        return versions[0] if versions else None

    def earlier_versions(self):
        return self.versions()[1:]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        adopties = sorted(
            self.adopties.select_related("gemeente"), key=lambda a: a.gemeente.name
        )
        versions = self.versions()
        context.update(
            current=versions[0] if versions else None,
            earlier=versions[1:],
            adopties=adopties,
            adoptie_geojson=Gemeente.objects.filter(
                pk__in=[a.gemeente_id for a in adopties]
            ).as_geojson(),
            gemeenten_geojson=Gemeente.objects.as_geojson(),
            downloads=sum(versie.download_count() for versie in versions),
        )
        return context


class DocumentVersie(Orderable):
    """A numbered version of a model document, with its files. Downloads are counted
    per version."""

    page = ParentalKey(
        ModelDocumentPage, on_delete=models.CASCADE, related_name="versies"
    )
    nummer = models.CharField(_("versie"), max_length=20, help_text=_("bv. 1.0, 2.1"))
    datum = models.DateField(_("datum"))
    wijzigingen = models.TextField(_("wat is er veranderd"), blank=True)
    bestand = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bewerkbaar bestand (DOCX of ODT)"),
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF"),
    )

    panels = [
        FieldPanel("nummer"),
        FieldPanel("datum"),
        FieldPanel("wijzigingen"),
        FieldPanel("bestand"),
        FieldPanel("pdf"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["-datum", "-pk"]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "nummer"], name="versie_nummer_unique"
            )
        ]

    def __str__(self):
        return f"{self.page.title} {self.nummer}"

    def files(self):
        """(kind, document) of each file of this version."""
        return [
            (kind, doc)
            for kind, doc in (("bestand", self.bestand), ("pdf", self.pdf))
            if doc
        ]

    def download_count(self):
        """Downloads of this version (none yet for one that is not saved); counted
        for all versions at once by `ModelDocumentPage.versions`."""
        if hasattr(self, "downloads_counted"):
            return self.downloads_counted
        return self.downloads.count() if self.pk else 0

    def download_url(self, kind):
        return reverse(
            "modeldocumenten:download", kwargs={"versie": self.pk, "kind": kind}
        )


class Download(models.Model):
    """One download of a version: counted per version, and who (when signed in) for
    "a newer version exists". Kept apart from the versions, which are part of the
    page's revisions: publishing a draft must not reset the counts."""

    versie = models.ForeignKey(
        DocumentVersie, on_delete=models.CASCADE, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="downloads",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self):
        return f"{self.user} – {self.versie} ({self.created_at:%d/%m/%Y})"


class Adoptie(Orderable):
    """A municipality that adopted the model document in its own policy."""

    page = ParentalKey(
        ModelDocumentPage, on_delete=models.CASCADE, related_name="adopties"
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="adopties",
        verbose_name=_("gemeente"),
    )
    datum = models.DateField(_("datum van het besluit"))
    besluit_url = models.URLField(
        _("link naar het besluit"), max_length=500, blank=True
    )

    panels = [FieldPanel("gemeente"), FieldPanel("datum"), FieldPanel("besluit_url")]

    class Meta(Orderable.Meta):
        ordering = ["gemeente__name"]
        verbose_name = _("adoptie")
        verbose_name_plural = _("adopties")
        constraints = [
            models.UniqueConstraint(fields=["page", "gemeente"], name="adoptie_unique"),
        ]


class ProjectsBlock(blocks.StructBlock):
    """A selection of Kempenkaart projects, listed and shown on a small map."""

    heading = blocks.CharBlock(label=_("Titel"), required=False)
    projects = blocks.ListBlock(
        SnippetChooserBlock("kempenkaart.Project"), label=_("Projecten")
    )

    class Meta:
        icon = "site"
        template = "blocks/projects_block.html"

    def get_context(self, value, parent_context=None):
        from atelier.geojson import feature_collection
        from kempenkaart.models import Project

        context = super().get_context(value, parent_context)
        ids = [p.pk for p in value["projects"] if p]
        published = Project.objects.published().filter(pk__in=ids)
        context["published"] = published.select_related("gemeente")
        suffix = (parent_context or {}).get("id") or uuid.uuid4().hex[:8]
        context["map_id"] = f"projecten-{suffix}"
        context["geojson_id"] = f"projecten-geojson-{suffix}"
        context["geojson"] = feature_collection(
            published, geometry="locatie", properties={"titel": "title"}
        )
        return context


class InspirationBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Tekst"))
    image = ImageBlock(label=_("Afbeelding"))
    gallery = gallery_block()
    quote = QuoteBlock(label=_("Citaat"))
    projects = ProjectsBlock(label=_("Projecten op de Kempenkaart"))
    download = DownloadBlock(label=_("Download"))


class InspirationIndexPage(Page):
    intro = RichTextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["atelier.HomePage"]
    subpage_types = ["modeldocumenten.InspirationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("inspiratie (overzicht)")

    def get_context(self, request, *args, **kwargs):
        from .filters import InspirationFilterSet

        context = super().get_context(request, *args, **kwargs)
        pages = (
            InspirationPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related("themas")
            .order_by("-first_published_at")
        )
        filterset = InspirationFilterSet(request.GET, queryset=pages)
        valid = filterset.is_valid()
        thema = filterset.form.cleaned_data.get("thema") if valid else None
        context.update(
            pages=filterset.qs if valid else pages.none(),
            themas=Thema.objects.all(),
            thema=thema.slug if thema else request.GET.get("thema", ""),
        )
        return context


class InspirationPage(Page):
    """A story of good practice: text, images with credits, quotes, projects on the
    map, downloads; with its themes and the model documents it relates to."""

    intro = models.TextField(_("inleiding"))
    body = StreamField(InspirationBlock(), verbose_name=_("inhoud"))
    themas = ParentalManyToManyField(
        Thema, related_name="inspiratie", verbose_name=_("thema's"), blank=True
    )
    modeldocumenten = ParentalManyToManyField(
        ModelDocumentPage,
        related_name="inspiratie",
        verbose_name=_("verwante modeldocumenten"),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("themas"),
        FieldPanel("modeldocumenten"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["modeldocumenten.InspirationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("inspiratiepagina")
        verbose_name_plural = _("inspiratiepagina's")

    def get_context(self, request, *args, **kwargs):
        from . import rules

        context = super().get_context(request, *args, **kwargs)
        linked = [document.pk for document in self.modeldocumenten.all()]
        context["documenten"] = (
            rules.documents_visible_to(request.user)
            .filter(pk__in=linked)
            .order_by("title")
        )
        return context


class ThemaVolger(models.Model):
    """A user who wants to hear of new model documents on a theme."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="gevolgde_themas",
    )
    thema = models.ForeignKey(Thema, on_delete=models.CASCADE, related_name="volgers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["thema__name"]
        verbose_name = _("gevolgd thema")
        verbose_name_plural = _("gevolgde thema's")
        constraints = [
            models.UniqueConstraint(fields=["user", "thema"], name="themavolger_unique")
        ]

    def __str__(self):
        return f"{self.user} volgt {self.thema}"


class Melding(models.Model):
    """A user was told of this version (a newer version of something they downloaded,
    or a new document on a theme they follow): told once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    versie = models.ForeignKey(
        DocumentVersie, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(fields=["user", "versie"], name="melding_unique")
        ]

    def __str__(self):
        return f"{self.user}: {self.versie}"
