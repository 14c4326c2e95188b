"""StreamField blocks that any app's pages may use: headings, text, images with their
credit, quotes, galleries and downloads, each with its template in templates/blocks/.
An app adds its own blocks beside these (a block that names an app's model stays in
that app)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


def heading_block(**kwargs):
    """A subheading (a plain CharBlock, so migrations name Wagtail's class only)."""
    return blocks.CharBlock(
        **{
            "label": _("Tussentitel"),
            "form_classname": "title",
            "template": "blocks/heading_block.html",
            **kwargs,
        }
    )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    credit = blocks.CharBlock(label=_("Fotograaf of bron"), max_length=200)
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


def gallery_block(**kwargs):
    """Images with their credits, side by side."""
    return blocks.ListBlock(
        ImageBlock(),
        **{"label": _("Galerij"), "template": "blocks/gallery_block.html", **kwargs},
    )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Wie zegt dit?"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Bestand"))
    label = blocks.CharBlock(label=_("Omschrijving"), required=False)

    class Meta:
        icon = "download"
        template = "blocks/download_block.html"
