from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModeldocumentenConfig(AppConfig):
    name = "modeldocumenten"
    verbose_name = _("Modeldocumenten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .models import ModelDocumentPage

        page_published.connect(_document_published, sender=ModelDocumentPage)


def _document_published(sender, instance, **kwargs):
    from .notifications import document_published

    document_published(instance)
