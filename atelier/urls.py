from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import plugins, views
from .admin import superuser_admin_site
from .search import SearchView

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
    ],
    "account",
)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", superuser_admin_site.urls),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("api/", include("atelier.api_urls")),
    path("zoeken/", SearchView.as_view(), name="search"),
    path("gemeenten/", include(gemeenten_patterns)),
    path("account/", include(account_patterns)),
    # What each app adds (its portal.py), before Wagtail's page tree.
    *plugins.collect("urls"),
]

if settings.SERVE_MEDIA:
    # Images only: documents go through Wagtail's serve view, which checks who may
    # have them (the apps' `before_serve_document` hooks).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page tree catches everything else: keep it last.
urlpatterns += [path("", include(wagtail_urls))]
