from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModeldocumentenConfig(AppConfig):
    name = "modeldocumenten"
    verbose_name = _("Modeldocumenten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from atelier.sections import section

        from . import views

        section("home", "modeldocumenten/includes/home_section.html", order=5)(
            views.home_section_context
        )
        section(
            "home", "modeldocumenten/includes/inspiration_home_section.html", order=15
        )(views.inspiration_home_context)
        section("gemeente", "modeldocumenten/includes/gemeente_section.html", order=20)(
            views.gemeente_section_context
        )
        section("account", "modeldocumenten/includes/account_section.html", order=10)(
            views.account_section_context
        )

        from wagtail.signals import page_published

        from .models import ModelDocumentPage

        page_published.connect(_document_published, sender=ModelDocumentPage)


def _document_published(sender, instance, **kwargs):
    from django.db import transaction

    from .services import document_published_notify

    transaction.on_commit(lambda: document_published_notify(page=instance))
