from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KempenkaartConfig(AppConfig):
    name = "kempenkaart"
    verbose_name = _("Kempenkaart")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications

        # The moderation mails follow the project's workflow, admin or service.
        notifications.connect()
