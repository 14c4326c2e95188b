from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = _("Netwerk Ruimte Kempen")
    default_auto_field = "django.db.models.BigAutoField"
