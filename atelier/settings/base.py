"""Settings for every environment, driven by environment variables (and `.env`).

Defaults are safe for production (DEBUG off, secure cookies, HSTS); `make run` writes a
`.env` with development values. Every variable is listed in `.env.example`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from atelier.csp import tile_source

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# The OS environment wins over .env; DJANGO_ENV_FILE points elsewhere (or to /dev/null).
environ.Env.read_env(env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key")
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")  # required outside development
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "atelier",
    "kempenkaart",
    "modeldocumenten",
    "netwerk",
    "netwerk.kwaliteitskamer",
    "leergemeenschap",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "atelier.ops.RequestIdMiddleware",  # first: every log line of a request has its id
    "atelier.ops.HealthCheckMiddleware",  # /gezond/ for the load balancer, no host check
    "atelier.ops.CompressTextMiddleware",  # gzip for HTML and JSON, before the rest
    "django.middleware.security.SecurityMiddleware",
    "atelier.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "atelier.pagecache.AnonymousPageCacheMiddleware",  # anonymous pages, shared cache
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "atelier.urls"
WSGI_APPLICATION = "atelier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "atelier.context_processors.portal",
            ],
        },
    },
]

# Database: PostGIS everywhere. `make run` finds or starts a server and records its URL
# in .env; any postgres:// URL is served by the PostGIS backend.
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default="postgis://postgres@127.0.0.1:5432/atelier"
    )
}
DATABASES["default"]["ENGINE"] = "django.contrib.gis.db.backends.postgis"
# Persistent connections under gunicorn (a few workers, each reusing its connection,
# checked before reuse). Not with DEBUG: runserver starts a thread, and so a
# connection, per request, and kept connections would exhaust PostgreSQL's.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DJANGO_CONN_MAX_AGE", default=0 if DEBUG else 60
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_MAX_AGE"] != 0
DATABASES["default"]["TEST"] = {"NAME": env("DJANGO_TEST_DATABASE", default=None)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "atelier.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out logins first
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "account:login"
LOGIN_REDIRECT_URL = "account:profile"
LOGOUT_REDIRECT_URL = "/"

# Language: the interface is Dutch (Belgium); strings go through gettext.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Static files are fingerprinted (whitenoise's manifest storage outside DEBUG, so they
# are cached for a year); DJANGO_STATIC_URL points them at a CDN that pulls from here.
STATIC_URL = env("DJANGO_STATIC_URL", default="/static/")
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files are served by Django unless a web server in front does it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Uploaded files: on S3-compatible object storage when S3_BUCKET is set (any number of
# app machines share it), on the local disk (MEDIA_ROOT) otherwise. Either way they are
# served by the portal's own views, which check who may see them (atelier/media.py).
S3_BUCKET = env("S3_BUCKET", default="")
DEFAULT_FILE_STORAGE_BACKEND = (
    {
        "BACKEND": "atelier.storage.PortalS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "location": env("S3_PREFIX", default=""),
            "default_acl": None,  # the bucket stays private
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": DEFAULT_FILE_STORAGE_BACKEND,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Atelier Ruimte Kempen <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: safe by default, relaxed only by DEBUG or explicit variables.
# A reverse proxy in front (docker-compose sets it): only then are its
# X-Forwarded-Proto and X-Forwarded-For believed; without one, any client could set
# them (and pass for HTTPS, or for a new address at every password guess).
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=1)  # proxies that append to XFF
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=False
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames the site itself

# Password guessing (django-axes), on every login form (site, Wagtail, Django admin):
# AXES_FAILURE_LIMIT failures for one username from one address lock that pair out
# for the cool-off; a successful login resets the count.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(
    minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "atelier.security.client_ip"  # a proxy's header if declared
AXES_LOCKOUT_CALLABLE = "atelier.security.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password"]

# Registrations for a gathering (the public form of netwerk), per client address: at
# most this many per 10 minutes and per day (each one mails its address); 0: no limit.
# Counted in the shared cache (atelier.throttling.FormLimit).
REGISTRATIONS_PER_10_MINUTES = env.int("DJANGO_REGISTRATIONS_PER_10_MINUTES", default=5)
REGISTRATIONS_PER_DAY = env.int("DJANGO_REGISTRATIONS_PER_DAY", default=30)

# Shared state: the cache (API throttling, cached pages and data) and the sessions in
# Redis when REDIS_URL is set, so that every app process sees the same; otherwise the
# cache in a database table (`createcachetable`, run by the set-up) and the sessions in
# the database: no extra server for `make run`.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="atelier"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "atelier_cache",
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="atelier"),
        }
    }

# Background tasks (django-tasks): mail, PDFs and Wagtail's index updates. In production
# a queue in PostgreSQL run by `manage.py run_worker` (atelier/tasks.py); with DEBUG
# (make run) at once, in the request, so no worker is needed.
TASKS_BACKEND = env("DJANGO_TASKS", default="immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": "atelier.tasks.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# Pages for anonymous visitors kept this long in the shared cache, dropped at every
# change (atelier/pagecache.py); 0: off.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=300)

# Logs: one JSON object a line (python-json-logger) with the request's id
# (atelier/ops.py), for a log collector; DJANGO_LOG_FORMAT=text for people.
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "atelier.ops.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Wagtail runs its index updates as (immediate) tasks and logs every one of them.
    # axes: its start-up banner off; lockouts and failed logins (WARNING) stay.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # a line per CSS file it parses
        "fontTools": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Atelier Ruimte Kempen"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from an outside host
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls to releases.wagtail.org from the admin
WAGTAIL_CONTENT_LANGUAGES = [("nl-be", "Nederlands")]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # bytes
DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # bytes
# Uploads are checked by content, not by extension (atelier/uploads.py).
# Documents are streamed by Django (and so respect private collections), also when
# the file storage has no local path.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A document link downloads the file ("Download PDF" saves it), for every type.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_DOCUMENT_FORM_BASE = "atelier.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "atelier.forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "odt",
    "xlsx",
    "ods",
    "pptx",
    "odp",
    "csv",
    "txt",
]

# API
# The API signs in by session (the site's own pages) or by a personal token made on
# /account/ (`Authorization: Token <key>`); no HTTP Basic auth, which would make every
# API URL an unthrottled password oracle. Throttled per minute (anonymous by address,
# users by account) and writes per hour (atelier/throttling.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly"
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "atelier.throttling.AnonThrottle",
        "atelier.throttling.UserThrottle",
        "atelier.throttling.WriteThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("DJANGO_API_RATE_ANON", default="300/minute"),
        "user": env("DJANGO_API_RATE_USER", default="1200/minute"),
        "write": env("DJANGO_API_RATE_WRITE", default="120/hour"),
    },
    "EXCEPTION_HANDLER": "atelier.throttling.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": [  # DRF's defaults, JSON nested too deep a 400
        "atelier.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Atelier Ruimte Kempen API",
    "DESCRIPTION": "Open data van het Atelier Ruimte Kempen: gemeenten van de Kempen "
    "(IOK-regio) als GeoJSON.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["atelier.api.public_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "atelier.api.document_errors",
    ],
}

# Maps. The base layer is a setting: empty means no tiles, and the maps still draw
# boundaries and features on a plain background.
MAP_TILE_URL = env(
    "MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
MAP_TILE_SOURCE = tile_source(MAP_TILE_URL)  # for the Content-Security-Policy
BOUNDARY_ATTRIBUTION = (
    "Gemeentegrenzen: © Statbel, statistische sectoren 1/1/2025; "
    "vereenvoudigd door Provincies in Cijfers"
)
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (51.25, 4.93),
    "DEFAULT_ZOOM": 10,
    "MIN_ZOOM": 7,
    "MAX_ZOOM": 19,
    "RESET_VIEW": False,
    "LOADEVENT": "DOMContentLoaded",  # draw as soon as the page is parsed, not after tiles
    "ATTRIBUTION_PREFIX": "Leaflet",
    "TILES": [(_("Basiskaart"), MAP_TILE_URL, {"attribution": MAP_TILE_ATTRIBUTION})]
    if MAP_TILE_URL
    else [],
}

# Content-Security-Policy (django-csp, atelier/csp.py). The public site: nothing
# inline, nothing from elsewhere but the map's tiles (and DJANGO_CSP_FRAME_SRC, hosts
# whose videos editors may embed). The back offices: their own policy, which allows
# the inline scripts and styles of Wagtail's admin and django-leaflet's widget.
EMBED_FRAME_SOURCES = env.list("DJANGO_CSP_FRAME_SRC", default=[])
# A CDN for static files (DJANGO_STATIC_URL) is allowed where static files are used.
STATIC_SOURCES = [source] if (source := tile_source(STATIC_URL)) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *STATIC_SOURCES],
        "style-src": [SELF, *STATIC_SOURCES],
        "img-src": [
            SELF,
            "data:",
            *STATIC_SOURCES,
            *([MAP_TILE_SOURCE] if MAP_TILE_SOURCE else []),
        ],
        "font-src": [SELF, *STATIC_SOURCES],
        "connect-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # Wagtail's preview frames the site
    },
}
BACKOFFICE_URL_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY_BACKOFFICE = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE, *STATIC_SOURCES],
    "style-src": [SELF, UNSAFE_INLINE, *STATIC_SOURCES],
    "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], "blob:"],
    "font-src": [SELF, "data:", *STATIC_SOURCES],
}

# Metric projection (Belgian Lambert 72) for areas, distances and buffers.
METRIC_SRID = 31370

# Debian 12 ships GDAL 3.6; Django asks for 3.9+ so that a spatial reference given as
# text (SpatialReference("…"), a GeoJSON crs) cannot make GDAL read files or URLs. No
# user's text or file reaches GDAL here: the project form and the API read GeoJSON,
# KML and GPX in Python (atelier/geometry.py); GeoJSON that GEOSGeometry hands to GDAL
# (the admin's map widgets) passes Django's own ExternalCRSBlocker first; the staff's
# import opens only a real GeoJSON, GeoPackage or Shapefile, with that one driver,
# refuses any crs but an EPSG code and reads it with GDAL off the network
# (atelier.geometry.open_datasource, gdal_sandbox). Keep it so: never pass a user's
# string to SpatialReference, OGRGeometry(srs=…) or DataSource. The Docker image runs
# GDAL 3.10, where the check passes. See README, "Checks".
SILENCED_SYSTEM_CHECKS = env.list("DJANGO_SILENCED_SYSTEM_CHECKS", default=["gis.W001"])
