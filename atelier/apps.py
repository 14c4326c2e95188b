from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtelierConfig(AppConfig):
    name = "atelier"
    verbose_name = _("Atelier Ruimte Kempen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import pagecache, plugins
        from .models import HomePage

        # The page types the apps put under the home page (their portal.py).
        HomePage.subpage_types = list(
            dict.fromkeys(
                [*HomePage.subpage_types, *plugins.collect("home_page_types")]
            )
        )
        # Pages kept for anonymous visitors are dropped at every change.
        pagecache.connect()
