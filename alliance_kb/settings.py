"""Settings for Alliance KB, read from the environment. They fail closed: production is the
default, development is asked for (DJANGO_DEBUG=1, as `make run` and the tests do), and start-up
stops with a clear message when a deployment is missing something it needs.

Every variable read here is listed in the README's configuration table and in docs/security.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: a deployment that forgets the variable must not serve tracebacks.
DEBUG = env_flag("DJANGO_DEBUG", False)

# Host names that only this machine can reach; a development key is tolerated behind them alone.
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"}
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. With DJANGO_DEBUG off, list the host names the site "
        "answers to, comma-separated (e.g. 'kb.example.org')."
    )

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
_is_development_key = not SECRET_KEY or SECRET_KEY.startswith("django-insecure")
_public_hosts = sorted(host for host in ALLOWED_HOSTS if host.lower() not in LOOPBACK_HOSTS)
if _is_development_key and not DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set (or is a development key). With DJANGO_DEBUG off a secret "
        "key is required: set DJANGO_SECRET_KEY to a long random string, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if _is_development_key and _public_hosts:
    # Anyone who knows the published development key can forge sessions: never past loopback.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set (or is a development key) while DJANGO_ALLOWED_HOSTS admits "
        f"a host other than this machine ({', '.join(_public_hosts)}). Set DJANGO_SECRET_KEY to "
        "a long random string."
    )
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY

KB_REQUIRE_LOGIN = env_flag("KB_REQUIRE_LOGIN", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
    "csp",
    "django_filters",
    "simple_history",
    "core",
    "sources",
    "proposals",
    "outcomes",
    "search",
    "browse",
    "editorial",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    # Compresses pages (HTML, JSON, CSV) for clients that accept gzip; whitenoise serves static
    # files precompressed itself.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "alliance_kb.middleware.project_not_found_page",
    "axes.middleware.AxesMiddleware",
    # Last, so that its process_exception is asked first about a view's error.
    "alliance_kb.outage.DatabaseOutageMiddleware",
]
if KB_REQUIRE_LOGIN:
    MIDDLEWARE.append("django.contrib.auth.middleware.LoginRequiredMiddleware")

# Guessing passwords: after KB_LOGIN_FAILURE_LIMIT wrong ones for one username from one address,
# both sign-in pages (the admin's and the readers') refuse that pair for an hour, with a 429 and a
# WARNING in the log. `python manage.py axes_reset_username NAME` (or axes_reset_ip ADDRESS,
# axes_reset for all) unlocks sooner. Successful sign-ins clear the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("KB_LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 1  # hour
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The log names the locked-out username and address (axes masks them by default), so that whoever
# reads it knows what to unlock; passwords are never logged.
AXES_SENSITIVE_PARAMETERS = []

ROOT_URLCONF = "alliance_kb.urls"
# Readers sign in at /accounts/login/ (the admin's own login refuses anyone who is not staff);
# editors still sign in at /admin/.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "alliance_kb.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many editors at once: a write transaction takes the write lock when it begins (IMMEDIATE), so
    # it waits its turn (up to the busy timeout) instead of failing with "database is locked" when
    # a read inside it turns into a write; WAL lets readers carry on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,  # seconds: sqlite3's busy timeout
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # A connection the server has dropped (a restart, a killed backend) is found out and replaced
    # before a request uses it, instead of costing that request a 500.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the planner's cost estimates for a ranked search over tens of thousands
    # of matches crossed jit_above_cost, and compiling took 440 ms of an 870 ms query at 100,000
    # proposals (docs/performance.md); the site's queries are short, JIT never paid for itself.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# A read replica: the reader's pages read from it, writes and the admin use the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60
    )
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.sqlite3":
        DATABASES["replica"].setdefault("OPTIONS", {})["options"] = "-c jit=off"  # as above
    DATABASE_ROUTERS = ["alliance_kb.routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "alliance_kb.middleware.editors_read_the_primary",
    )

# Redis when REDIS_URL is set (shared by every app server: the knowledge base's version and the
# blocks cached on it); otherwise this process's memory, where each gunicorn worker keeps its own.
KB_CACHE_SECONDS = int(os.environ.get("KB_CACHE_SECONDS", "300"))
KB_RELEASE = os.environ.get("KB_RELEASE", "")
# The list's facet index (search/facet_index.py) is rebuilt when the version moves on, and at the
# latest after this many seconds: with a cache per process, another worker's save cannot move
# this worker's version.
KB_FACET_INDEX_SECONDS = int(os.environ.get("KB_FACET_INDEX_SECONDS", "300"))
# A renamed tag's proposals get new search documents: up to this many inside the save, more
# after the commit in a thread of their own (search/reindex_queue.py), so the save stays fast.
KB_REINDEX_INLINE = 50
KB_REINDEX_IN_BACKGROUND = True
# Rows an anonymous reader's export of the list (CSV, Excel, JSON) holds at most, the first in the
# list's order; signed-in readers get every row, and the data package holds everything
# (docs/data.md). 0: no cap.
KB_EXPORT_ANON_ROWS = int(os.environ.get("KB_EXPORT_ANON_ROWS", "10000"))
if os.environ.get("DJANGO_CACHE", "") not in ("", "dummy"):
    raise ImproperlyConfigured("DJANGO_CACHE is unset or dummy (no cache at all).")
if os.environ.get("DJANGO_CACHE") == "dummy":
    # No cache at all (make bench's "cold" figures): every block is computed on every request.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "akb",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; the plain backend while developing and testing
        # so that no collectstatic run is needed first.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Uploads: form fields (a paper's pasted text included) up to 10 MB; files up to
# KB_MAX_UPLOAD_BYTES, and sources.uploads stops storing a file at that limit, before any form
# sees it. Text extraction runs in a limited child process (sources/sandbox.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file while uploading
KB_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "sources.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The read-only API (api/). Anonymous readers are rate-limited by IP address, signed-in ones by
# account ("N/second|minute|hour|day"; empty: no limit).
KB_API_ANON_RATE = os.environ.get("KB_API_ANON_RATE", "120/minute")
KB_API_USER_RATE = os.environ.get("KB_API_USER_RATE", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousRateThrottle",
        "api.throttling.SignedInRateThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alliance KB API",
    "DESCRIPTION": "Read-only access to the policy proposals on the U.S.-Japan alliance, their "
    "sources and vocabularies: the same filters and search as the pages, facet counts, cursor "
    "pagination, slugs as identifiers and each quote's W3C Web Annotation selectors.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Transport security. Behind a TLS proxy (docs/security.md) the defaults are the secure ones:
# with only DJANGO_DEBUG=0, DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set, `check --deploy` is
# silent. Plain HTTP (a laptop, `make serve`, the benchmark) is an explicit opt-out.
PLAIN_HTTP = env_flag("DJANGO_PLAIN_HTTP", DEBUG)
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not PLAIN_HTTP)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not PLAIN_HTTP)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if PLAIN_HTTP else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not PLAIN_HTTP)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Joining the browsers' HSTS preload list is a decision for whoever owns the domain.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy: scripts, styles, images and fonts from this site only, no inline script
# or style (templates link static files; bar lengths are classes), no plugins, never framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Swagger UI (/api/docs/) draws a few of its icons as data: URIs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The TLS proxy's header saying the original request was HTTPS, as "Header-Name=value" (e.g.
# "X-Forwarded-Proto=https"). Set it only behind a proxy that overwrites that header.
_proxy_ssl_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    _name, _sep, _value = _proxy_ssl_header.partition("=")
    if not _sep or not _name.strip() or not _value.strip():
        raise ImproperlyConfigured(
            "DJANGO_SECURE_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto=https', not "
            f"{_proxy_ssl_header!r}."
        )
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"),
        _value.strip(),
    )

# Origins (scheme and host) whose forms may post here, e.g. "https://kb.example.org".
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"DJANGO_CSRF_TRUSTED_ORIGINS entries start with https:// (or http://): {_origin!r}."
        )

# How many proxies in front of the site append to X-Forwarded-For; 0 (no proxy) uses the socket's
# address. The login lockout counts failures per client address read this way.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
