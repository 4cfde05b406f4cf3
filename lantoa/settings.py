"""Lantoa settings: one module, driven by the environment (and an optional `.env` file).

Every setting that differs between a laptop and a production server is read from an environment
variable. Development defaults need no external server: SQLite in WAL mode and kombu's filesystem
broker under `var/`. A configuration error raises ImproperlyConfigured with one clear sentence;
`manage.py`, `wsgi.py` and `celery.py` print it as one line and exit.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("LANTOA_VAR_DIR", default=str(BASE_DIR / "var")))
DATA_DIR = Path(env.str("LANTOA_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data")))
# The seed plan (Kế hoạch 78-KH/ĐU) lives beside the checkout; tests read it, never copy it.
SEED_DIR = Path(env.str("LANTOA_SEED_DIR", default=str(BASE_DIR.parent / "shared" / "seed")))

DEBUG = env.bool("DJANGO_DEBUG", default=True)
_DEV_SECRET = "lantoa-development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105 (development only; refused when DEBUG is off)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a long random value when DJANGO_DEBUG=0."
    )
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The Lantoa apps, in dependency order. Demo loaders and report sections run in this order.
LANTOA_APPS = [
    "lantoa.core",
    "lantoa.people",
    "lantoa.plans",
    "lantoa.monitoring",
    "lantoa.monitoring.search",
    "lantoa.insights",
    "lantoa.promotion",
    "lantoa.responses",
    "lantoa.reports",
    "lantoa.api",
]

INSTALLED_APPS = [
    *LANTOA_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "lantoa.core.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",
    "django_celery_beat",
    "django_celery_results",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Public pages for anonymous visitors from the cache (lantoa.core.public_cache).
    "lantoa.core.public_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lantoa.urls"
WSGI_APPLICATION = "lantoa.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lantoa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
_DEFAULT_DB = f"sqlite:///{VAR_DIR / 'lantoa.sqlite3'}"
try:
    DATABASES = {"default": env.db_url("DATABASE_URL", default=_DEFAULT_DB)}
except Exception as exc:  # django-environ raises several types for a malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL ({exc}).") from exc
_ENGINE = DATABASES["default"].get("ENGINE", "")
if not _ENGINE.endswith(("sqlite3", "postgresql")):
    raise ImproperlyConfigured(
        "DATABASE_URL must start with sqlite:/// or postgres:// "
        f"(got an engine Lantoa does not support: {_ENGINE or 'none'})."
    )
if _ENGINE.endswith("sqlite3"):
    # WAL lets the web process read while the worker writes; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": None}
# Connections are kept between requests on both engines. SQLite too: a new connection reads the
# whole schema again (600+ tables and indexes) and runs the PRAGMAs, ~25 ms on the development
# machine, and starts with an empty page cache: most of what set an admin list on SQLite apart
# from the same list on PostgreSQL. Between requests no transaction is open (autocommit), so a
# kept SQLite connection holds no lock and does not stop WAL checkpoints.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("LANTOA_DB_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
SESSION_COOKIE_AGE = env.int("LANTOA_SESSION_SECONDS", default=8 * 3600)

# --- Language, time ------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("zh-hans", "中文"),
    ("ko", "한국어"),
    ("ja", "日本語"),
    ("fr", "Français"),
]
LOCALE_PATHS = [BASE_DIR / "lantoa" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("LANTOA_STATIC_ROOT", default=str(VAR_DIR / "static")))
# Chart.js comes from Debian's libjs-chart.js (installed by `make setup`), served as
# /static/vendor/chartjs/chart.min.js: no CDN, the office may be offline.
CHARTJS_DIR = Path(env.str("LANTOA_CHARTJS_DIR", default="/usr/share/javascript/chart.js"))
STATICFILES_DIRS = [("vendor/chartjs", CHARTJS_DIR)] if CHARTJS_DIR.is_dir() else []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("LANTOA_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# --- Wagtail ------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Lantoa"
WAGTAILADMIN_BASE_URL = env.str("LANTOA_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv", "jpg", "png"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# --- Celery -------------------------------------------------------------------------------------
# Embedded default: kombu's filesystem broker under var/, so `make run` needs no server.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # acks_late: a task whose worker died before acknowledging it is delivered again after this
    # many seconds (tasks are idempotent; a poll also re-claims its source only once the lease of
    # the dead worker has run out, LANTOA_POLL_LEASE_SECONDS).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("LANTOA_BROKER_VISIBILITY_TIMEOUT", default=3600)
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="django-db")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ALWAYS_EAGER = env.bool("LANTOA_CELERY_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
# Work is split by kind so a province deployment can give each its own workers.
CELERY_TASK_ROUTES = {
    "lantoa.monitoring.tasks.*": {"queue": "fetch"},
    "lantoa.insights.tasks.*": {"queue": "analyse"},
    "lantoa.reports.tasks.*": {"queue": "reports"},
    "lantoa.core.jobs.tasks.*": {"queue": "reports"},  # background jobs (lantoa.core.jobs)
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="lantoa@localhost")

# --- Lantoa ----------------------------------------------------------------------------------
# Every LANTOA_* setting is declared here with its default, grouped by the app that reads it; code
# reads `settings.LANTOA_X` directly. docs/operations.md lists each with its environment variable.

# core: the office. Place and province are written once here; names built from them follow.
LANTOA_OFFICE_PLACE = env.str("LANTOA_OFFICE_PLACE", default="Quy Nhơn")  # ward or commune
LANTOA_PROVINCE = env.str("LANTOA_PROVINCE", default="Gia Lai")  # its province
# The office that signs documents and clarifications (issuing body of its reports).
LANTOA_OFFICE_NAME = env.str("LANTOA_OFFICE_NAME", default=f"Đảng ủy phường {LANTOA_OFFICE_PLACE}")
# The Party body above the office: first line of a Party document's header.
LANTOA_PARTY_PARENT_BODY = env.str(
    "LANTOA_PARTY_PARENT_BODY", default=f"Đảng bộ tỉnh {LANTOA_PROVINCE}"
)
# core.public_cache: how stale a cached public page may get at most (publishing invalidates at
# once); 0 = off.
LANTOA_PUBLIC_CACHE_SECONDS = env.int("LANTOA_PUBLIC_CACHE_SECONDS", default=60)
# core.admin.sidebar: how long a person's admin menu is kept at most (a change of their roles or
# permissions shows at once); 0 = built on every page.
LANTOA_ADMIN_MENU_CACHE_SECONDS = env.int("LANTOA_ADMIN_MENU_CACHE_SECONDS", default=300)
# core.admin.filter_drawer: how long an admin list's rendered filter drawer is kept (its key is
# the form, its values and its choices); 0 = rendered on every page.
LANTOA_ADMIN_FILTERS_CACHE_SECONDS = env.int("LANTOA_ADMIN_FILTERS_CACHE_SECONDS", default=300)
# responses.services.claims: how many days of stored items a case's claims are checked against
# when the case is opened or its claims are edited (the "before" of the clarification's effect).
LANTOA_CLAIM_SCAN_DAYS = env.int("LANTOA_CLAIM_SCAN_DAYS", default=60)
# monitoring.search.newest_cache: the search page's newest matches kept per query and process:
# at most this many queries and about this many MB; 0 entries turns it off.
LANTOA_SEARCH_CACHE_ENTRIES = env.int("LANTOA_SEARCH_CACHE_ENTRIES", default=256)
LANTOA_SEARCH_CACHE_MB = env.int("LANTOA_SEARCH_CACHE_MB", default=32)
# promotion: machine translation of the public site's pages, an HTTP provider (default: a
# self-hosted LibreTranslate at LANTOA_MT_URL; any wagtail-localize machine translator class fits).
# Empty URL = off. A machine translation stays a draft until a person approves it.
LANTOA_MT_URL = env.str("LANTOA_MT_URL", default="")
LANTOA_MT_API_KEY = env.str("LANTOA_MT_API_KEY", default="")
LANTOA_MT_CLASS = env.str(
    "LANTOA_MT_CLASS", default="wagtail_localize.machine_translators.libretranslate.LibreTranslator"
)
LANTOA_MT_TIMEOUT = env.float("LANTOA_MT_TIMEOUT", default=20.0)
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": LANTOA_MT_CLASS,
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LANTOA_MT_URL.rstrip("/"),
            "API_KEY": LANTOA_MT_API_KEY,
            "TIMEOUT": LANTOA_MT_TIMEOUT,
        },
    }
    if LANTOA_MT_URL
    else None
)
# core.uploads: limits on an uploaded Office file (a ZIP) before it is opened: total inflated
# bytes, inflated/compressed ratio, number of members (zip bombs).
LANTOA_UPLOAD_MAX_UNCOMPRESSED = env.int(
    "LANTOA_UPLOAD_MAX_UNCOMPRESSED", default=200 * 1024 * 1024
)
LANTOA_UPLOAD_MAX_RATIO = env.int("LANTOA_UPLOAD_MAX_RATIO", default=100)
LANTOA_UPLOAD_MAX_MEMBERS = env.int("LANTOA_UPLOAD_MAX_MEMBERS", default=5_000)
# core.uploads: largest progress-report evidence file, and largest file to import (plans, posts,
# channel reach, labels), in bytes.
LANTOA_EVIDENCE_MAX_BYTES = env.int("LANTOA_EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)
LANTOA_IMPORT_MAX_BYTES = env.int("LANTOA_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

# plans: DOCX page margins in mm, any of top/bottom/left/right (e.g. `left=35,top=25`); the rest
# keep Hướng dẫn 36's 20/20/30/15 (plans/documents/layout.py).
LANTOA_DOC_MARGINS = env.dict("LANTOA_DOC_MARGINS", cast={"value": float}, default={})
# plans: separation of duties, whoever submitted a progress report does not accept it; a
# one-person unit (nobody else to review) may turn it off.
LANTOA_SEPARATION_OF_DUTIES = env.bool("LANTOA_SEPARATION_OF_DUTIES", default=True)

# monitoring: polite fetching.
LANTOA_FETCH_ALLOW_PRIVATE = env.bool("LANTOA_FETCH_ALLOW_PRIVATE", default=False)  # tests, demos
LANTOA_FETCH_HOST_INTERVAL = env.float("LANTOA_FETCH_HOST_INTERVAL", default=5.0)  # s per host
LANTOA_FETCH_CONNECT_TIMEOUT = env.float("LANTOA_FETCH_CONNECT_TIMEOUT", default=5.0)  # seconds
LANTOA_FETCH_READ_TIMEOUT = env.float("LANTOA_FETCH_READ_TIMEOUT", default=10.0)  # s per read
LANTOA_FETCH_TOTAL_TIMEOUT = env.float("LANTOA_FETCH_TOTAL_TIMEOUT", default=30.0)  # s per fetch
LANTOA_FETCH_FULL_EVERY = env.int("LANTOA_FETCH_FULL_EVERY", default=10)  # a full GET every N polls
LANTOA_FETCH_NEW_LINKS_MAX = env.int("LANTOA_FETCH_NEW_LINKS_MAX", default=30)  # pages per poll
# How long a worker holds a source it polls; a worker killed mid-poll frees it when this runs out.
LANTOA_POLL_LEASE_SECONDS = env.int("LANTOA_POLL_LEASE_SECONDS", default=15 * 60)
# Salt of the pseudonyms that replace social-media authors' handles.
LANTOA_PSEUDONYM_SALT = env.str("LANTOA_PSEUDONYM_SALT", default=SECRET_KEY)

# responses: hours allowed from detection to publication per severity, and the share of that time
# after which the responsible person is warned.
try:
    LANTOA_SLA_HOURS = {
        "critical": env.float("LANTOA_SLA_CRITICAL_HOURS", default=24),
        "high": env.float("LANTOA_SLA_HIGH_HOURS", default=48),
        "medium": env.float("LANTOA_SLA_MEDIUM_HOURS", default=72),
        "low": env.float("LANTOA_SLA_LOW_HOURS", default=7 * 24),
    }
    LANTOA_SLA_ALERT_RATIO = env.float("LANTOA_SLA_ALERT_RATIO", default=0.75)
except ValueError as exc:
    raise ImproperlyConfigured(f"LANTOA_SLA_* must be numbers ({exc}).") from exc
for _severity, _hours in LANTOA_SLA_HOURS.items():
    if _hours <= 0:
        raise ImproperlyConfigured(
            f"LANTOA_SLA_{_severity.upper()}_HOURS must be a positive number of hours."
        )
if not 0 < LANTOA_SLA_ALERT_RATIO < 1:
    raise ImproperlyConfigured("LANTOA_SLA_ALERT_RATIO must lie between 0 and 1.")

# --- Security -----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Reverse proxies in front of Lantoa (0: none). Only then are X-Forwarded-Proto and
# X-Forwarded-For believed: a client can send either header itself (lantoa.core.security.proxy).
LANTOA_PROXY_COUNT = env.int("LANTOA_PROXY_COUNT", default=0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if LANTOA_PROXY_COUNT else None
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LANTOA_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Hardening (lantoa.core.security; see docs/operations-security.md) ---------------------------
# The LANTOA_* settings of core.security are in this group too.
# Content-Security-Policy per area, overriding the defaults in core/security/headers.py:
# {"public": "…", "admin": "…", "uploads": "…"} (settings.py only: policies hold commas).
LANTOA_CSP: dict[str, str] = {}
# A folder of raw files the backup takes along when present (raw responses live in the database).
LANTOA_RAW_DIR = Path(env.str("LANTOA_RAW_DIR", default=str(VAR_DIR / "raw")))
# Wagtail's login form leaves the password label untranslated; ours labels every field.
WAGTAILADMIN_USER_LOGIN_FORM = "lantoa.core.security.forms.LoginForm"
INSTALLED_APPS += ["lantoa.core.security", "axes", "django_otp", "django_otp.plugins.otp_totp"]
_AUTH_MIDDLEWARE = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH_MIDDLEWARE + 1 : _AUTH_MIDDLEWARE + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "lantoa.core.security.two_factor.TwoFactorMiddleware",
    "lantoa.core.security.middleware.PermissionRefusalMiddleware",
]
# After the messages middleware: it says why the account page opened instead.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "lantoa.core.security.passwords.TemporaryPasswordMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # axes wants to be last
AUTHENTICATION_BACKENDS = [
    "lantoa.core.security.backends.LockoutBackend",
    # Roles and permissions read in one query per request (permission checks only, no login).
    "lantoa.core.security.backends.OneQueryPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out: N wrong passwords for one username from one address lock that pair for a while (a
# leader can lift it sooner in Settings → Khóa đăng nhập). Pairing with the address stops anyone
# from locking a colleague out from elsewhere. Behind a reverse proxy set LANTOA_PROXY_COUNT.
AXES_FAILURE_LIMIT = env.int("LANTOA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LANTOA_LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lantoa.core.security.lockouts.lockout_response"
AXES_CLIENT_IP_CALLABLE = "lantoa.core.security.proxy.client_address"
AXES_VERBOSE = False
# Two-factor (TOTP) for leaders and superusers; off under DEBUG so `make run`'s demo login works.
LANTOA_REQUIRE_2FA = env.bool("LANTOA_REQUIRE_2FA", default=not DEBUG)
# Leaders and administrators enrol with a single-use code an administrator issues, valid this long.
LANTOA_2FA_ENROLMENT_HOURS = env.int("LANTOA_2FA_ENROLMENT_HOURS", default=24)
OTP_TOTP_ISSUER = "Lantoa"
SESSION_COOKIE_HTTPONLY = True
MIDDLEWARE.insert(1, "lantoa.core.security.headers.SecurityHeadersMiddleware")
# API rate limits per token / per client address (lantoa.core.security.throttling).
LANTOA_API_RATES = {
    "token": env.str("LANTOA_API_RATE_TOKEN", default="600/min"),
    "anon": env.str("LANTOA_API_RATE_ANON", default="60/min"),
    # Failed authentications (wrong or unknown token) per client address: then 429.
    "auth_failures": env.str("LANTOA_API_RATE_AUTH_FAILURES", default="20/min"),
}
NINJA_NUM_PROXIES = LANTOA_PROXY_COUNT  # never trust X-Forwarded-For blindly
CACHES = {"default": env.cache_url("LANTOA_CACHE_URL", default="locmemcache://")}
# Sessions read from the cache when it is shared by every process (Redis in production): one
# query fewer on every signed-in page, and written through to the database. A per-process cache
# (the default locmem) would let a session ended in one worker live on in another's copy, so the
# database alone keeps them then.
if not CACHES["default"]["BACKEND"].endswith((".LocMemCache", ".DummyCache")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Uploads: documents are served through Wagtail's view (privacy checks, safe headers), never
# straight from MEDIA_ROOT, which lives under var/ outside any web root; Office files are checked
# for zip bombs; sizes are capped.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lantoa.core.security.forms.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("LANTOA_DOCUMENT_MAX_BYTES", default=25 * 1024 * 1024)
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # axes logs every login at INFO
# Retention (lantoa.core.security.retention): days raw responses, poll runs and pseudonymised
# social posts are kept (0 keeps them for good); the job runs nightly and deletes in batches.
LANTOA_RETENTION_DAYS = {
    "raw": env.int("LANTOA_RETENTION_RAW_DAYS", default=90),
    "poll_runs": env.int("LANTOA_RETENTION_POLLRUN_DAYS", default=365),
    "social_posts": env.int("LANTOA_RETENTION_SOCIAL_DAYS", default=365),
}
LANTOA_RETENTION_BATCH = env.int("LANTOA_RETENTION_BATCH", default=1000)
# Backups (lantoa.core.security.backups) are mode 0600; with a key they are also encrypted
# (AES-256-GCM). Keep the key outside the machine too: without it no backup can be restored.
LANTOA_BACKUP_KEY = env.str("LANTOA_BACKUP_KEY", default="")

# Stories: how many days back an item looks for its story (lantoa.insights.services.stories).
LANTOA_STORY_WINDOW_DAYS = env.int("LANTOA_STORY_WINDOW_DAYS", default=3)
# ... and how many of the window's items a worker's linking index holds at most (the newest),
# whatever the window or a backlog: 2.7 kB a headline, 4 kB a page in memory
# (bench/bench_story_memory.py), so the default holds at most ~200 MB.
LANTOA_STORY_INDEX_MAX_ITEMS = env.int("LANTOA_STORY_INDEX_MAX_ITEMS", default=50_000)
