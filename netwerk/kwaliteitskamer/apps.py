from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwaliteitskamerConfig(AppConfig):
    name = "netwerk.kwaliteitskamer"
    label = "kwaliteitskamer"
    verbose_name = _("Kwaliteitskamer")
    default_auto_field = "django.db.models.BigAutoField"
