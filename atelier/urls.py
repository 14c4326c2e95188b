from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import media, plugins, views
from .admin import superuser_admin_site
from .admin_access import check_admin_view_rules
from .search import SearchView
from .tokens import ApiTokenView

gemeenten_patterns = (
    [
        path("", views.GemeenteListView.as_view(), name="list"),
        path("<slug:slug>/", views.GemeenteDetailView.as_view(), name="detail"),
    ],
    "gemeenten",
)

account_patterns = (
    [
        path("", views.ProfileView.as_view(), name="profile"),
        path(
            "aanmelden/",
            auth_views.LoginView.as_view(template_name="account/login.html"),
            name="login",
        ),
        path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
        path("api-sleutel/", ApiTokenView.as_view(), name="api-token"),
    ],
    "account",
)

urlpatterns = [
    # Wagtail's admin, with a rule for the generic views it leaves open to every user
    # with admin access (atelier/admin_access.py).
    path(
        "admin/",
        include(
            decorate_urlpatterns(wagtailadmin_urls.urlpatterns, check_admin_view_rules)
        ),
    ),
    path("django-admin/", superuser_admin_site.urls),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        # The start-up script as a file (?script): no inline script (CSP).
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="atelier/api_docs.html"
        ),
        name="api-docs",
    ),
    path("api/", include("atelier.api_urls")),
    path("zoeken/", SearchView.as_view(), name="search"),
    # The gettext catalogue for the portal's scripts (Leaflet's controls in Dutch).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("gemeenten/", include(gemeenten_patterns)),
    path("account/", include(account_patterns)),
    # What each app adds (its portal.py), before Wagtail's page tree.
    *plugins.collect("urls"),
]

if settings.SERVE_MEDIA:
    # Images only, each to whom may see it (atelier/media.py); documents go through
    # Wagtail's serve view, which checks the same rule (atelier/wagtail_hooks.py).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.*)$",
            media.serve_image,
            name="media-image",
        )
    ]

# Wagtail's page tree catches everything else: keep it last.
urlpatterns += [path("", include(wagtail_urls))]
