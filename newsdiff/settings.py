"""Settings for newsdiff, read from the environment.

The defaults give a working development set-up (SQLite, DEBUG on). In
production set DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "django-insecure-dev-only-newsdiff-key-never-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_str(name: str, default: str) -> str:
    return os.environ.get(name) or default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (50+ characters) when DEBUG is off."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "newsdiff.apps.NewsdiffConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "newsdiff.urls"
WSGI_APPLICATION = "newsdiff.wsgi.application"

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

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as an embedded server: readers never wait for the writer (WAL), a writer
    # waits its turn instead of failing with "database is locked", and a transaction
    # that will write takes the write lock when it starts (IMMEDIATE), so two of them
    # cannot deadlock upgrading from a read.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 30),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Content Security Policy: our own files only, no inline scripts or styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],  # no inline scripts anywhere, so no nonce either
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Rendered comparison pages (the aligned rows and the framing panel) are cached: a
# comparison's result never changes once made. One in-memory cache per process by
# default; point CACHE_LOCATION at a shared directory to share it between workers.
# One cache shared by every worker process: Redis where REDIS_URL is set, else a
# table in the database. Bounded in bytes: no value over CACHE_MAX_VALUE_BYTES is
# stored (newsdiff/page_cache.py), and at most CACHE_MAX_BYTES / that many entries.
CACHE_MAX_BYTES = env_int("CACHE_MAX_BYTES", 256 * 1024 * 1024)
CACHE_MAX_VALUE_BYTES = env_int("CACHE_MAX_VALUE_BYTES", 1024 * 1024)
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsdiff_cache",
            "OPTIONS": {"MAX_ENTRIES": max(CACHE_MAX_BYTES // CACHE_MAX_VALUE_BYTES, 10)},
        }
    }
NEWSDIFF_PAGE_CACHE_SECONDS = env_int("NEWSDIFF_PAGE_CACHE_SECONDS", 24 * 3600)
# What each process keeps of the pages it read from that cache (page_cache.py).
NEWSDIFF_LOCAL_PAGE_BYTES = env_int("NEWSDIFF_LOCAL_PAGE_BYTES", 16 * 1024 * 1024)

# Long work (large comparisons) runs in `manage.py db_worker`, started by `make run`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A comparison of at most this many sentences (both reports together) is made inside
# the request that asks for it; a larger one goes to the background worker.
NEWSDIFF_INLINE_SENTENCES = env_int("NEWSDIFF_INLINE_SENTENCES", 400)
# A coverage (a story's reports read together) of at most this many sentences, all
# the reports together, is made inside the request that asks for it; a larger one
# goes to the background worker. bench/coverage_page.py measured 5-9 ms per sentence
# (2 cores, load 12): 120 sentences keep the asking request under about a second.
NEWSDIFF_COVERAGE_INLINE_SENTENCES = env_int("NEWSDIFF_COVERAGE_INLINE_SENTENCES", 120)
# A comparison whose worker shows no sign of life for this long (it marks it every 5 s)
# is taken to have lost its worker: it is queued again once, then marked failed.
NEWSDIFF_STALLED_AFTER = env_int("NEWSDIFF_STALLED_AFTER", 60)
# Visitors who are not signed in may start this many new comparisons per window.
NEWSDIFF_ANON_CREATE_LIMIT = env_int("NEWSDIFF_ANON_CREATE_LIMIT", 10)
NEWSDIFF_ANON_CREATE_WINDOW = env_int("NEWSDIFF_ANON_CREATE_WINDOW", 600)
# ... and none larger than this many sentences (staff have no such cap).
NEWSDIFF_ANON_MAX_SENTENCES = env_int("NEWSDIFF_ANON_MAX_SENTENCES", 6000)
# Behind a reverse proxy, the request header that carries the visitor's address
# (as Django names it, e.g. HTTP_X_REAL_IP); empty: the connection's address.
NEWSDIFF_CLIENT_IP_HEADER = env_str("NEWSDIFF_CLIENT_IP_HEADER", "")

LOGIN_URL = "admin:login"

# Uploads: the largest article file staff may upload (bytes). 5 MB by default.
NEWSDIFF_MAX_UPLOAD_BYTES = env_int("NEWSDIFF_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# All files of one upload together: reading 5 MB takes about 6 s here, so one request
# stays well inside a server's time limit.
NEWSDIFF_MAX_UPLOAD_BATCH_BYTES = env_int(
    "NEWSDIFF_MAX_UPLOAD_BATCH_BYTES", 3 * NEWSDIFF_MAX_UPLOAD_BYTES
)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(NEWSDIFF_MAX_UPLOAD_BYTES * 2, 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = NEWSDIFF_MAX_UPLOAD_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 50

# Where the shared external data lives (ECB+, Golden Rules, lexicons).
NEWSDIFF_SHARED_DIR = Path(os.environ.get("NEWSDIFF_SHARED_DIR", BASE_DIR.parent / "shared"))

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": os.environ.get("LOG_LEVEL", "INFO"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
