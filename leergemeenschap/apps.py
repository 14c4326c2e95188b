from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeergemeenschapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leergemeenschap"
    verbose_name = _("Leergemeenschap")
