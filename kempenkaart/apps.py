from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KempenkaartConfig(AppConfig):
    name = "kempenkaart"
    verbose_name = _("Kempenkaart")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import published

        from .models import Project

        # Wagtail's admin publishes through revisions; tell the submitter either way.
        published.connect(_project_published, sender=Project)


def _project_published(sender, instance, **kwargs):
    from django.db import transaction

    from . import services

    # After the commit: a mail server error must not undo the publication.
    transaction.on_commit(lambda: services.project_notify_submitter(project=instance))
