"""Django settings for Yangguang (阳光执法).

Everything a deployment changes comes from environment variables (see README, "Configuration").
With nothing set, the platform runs in its embedded mode: SQLite in WAL mode and files under
``var/``, a secret key generated there on first run, DEBUG off.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from yangguang.core import filestore
from yangguang.env import (
    cache_from_url,
    env_bool,
    env_choice,
    env_fingerprints,
    env_float,
    env_int,
    env_int_range,
    env_list,
    env_str,
    persistent_secret,
    secret_from_file,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# Files and directories this process creates are not readable by other users of the machine
# (evidence, documents, staged uploads, keys): owner read-write, group read.
os.umask(0o027)
VAR_DIR = Path(env_str("YG_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("YG_DEBUG", False)
# Several hosts must share one key: set YG_SECRET_KEY, or YG_SECRET_KEY_FILE (a mounted secret);
# the embedded mode generates one into var/ on first run.
SECRET_KEY = (
    env_str("YG_SECRET_KEY", "") or secret_from_file("YG_SECRET_KEY_FILE") or persistent_secret(VAR_DIR / "secret_key")
)
ALLOWED_HOSTS = env_list("YG_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("YG_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Swagger UI's files ship with django-ninja: /api/docs works without internet.
    "ninja",
    # The task framework (Django 6's django.tasks API, backported) and its database backend.
    "django_tasks",
    "django_tasks_db",
    "yangguang.core",
    "yangguang.access",
    "yangguang.jobs",
    "yangguang.ledger",
    "yangguang.workdays",
    "yangguang.roster",
    "yangguang.accounts",
    "yangguang.documents",
    "yangguang.cases",
    "yangguang.discretion",
    "yangguang.review",
    "yangguang.evidence",
    "yangguang.publicity",
    "yangguang.supervision",
    "yangguang.inspections",
    "yangguang.demo",
]

MIDDLEWARE = [
    # The Content-Security-Policy and Permissions-Policy on every response, probes included.
    "yangguang.core.security.SecurityHeadersMiddleware",
    # Probes answer before host validation and sessions (load balancers probe by IP).
    "yangguang.core.middleware.HealthMiddleware",
    "yangguang.core.middleware.RealClientIPMiddleware",
    "yangguang.core.dbrouting.PortalReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Query strings, form fields and JSON bodies with control characters (NUL…) are a 400.
    "yangguang.core.errorpages.ControlCharacterMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # idle timeout and absolute lifetime, then a password that must be changed (reset or expired)
    "yangguang.accounts.middleware.SessionPolicyMiddleware",
    # A refused rule or a bad parameter escaping a page view: its Chinese message and status, not a 500.
    "yangguang.core.errorpages.DomainErrorMiddleware",
    # /api/ errors that bypass django-ninja's handlers (405, unknown paths) as {code, message}.
    "yangguang.core.apierrors.ApiErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "yangguang.urls"
WSGI_APPLICATION = "yangguang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "yangguang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yangguang.core.context_processors.navigation",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:port/name) selects PostgreSQL; otherwise
# SQLite in WAL mode so that readers never wait for the single writer.
_sqlite_path = VAR_DIR / "yangguang.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("YG_DB_CONN_MAX_AGE", 60))}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite_path),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN: concurrent writers queue on busy_timeout
                # instead of failing with "database is locked" when they upgrade a read lock.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # A page cache per connection and memory-mapped reads: the public portal's searches
                # read index pages scattered over a large file.
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
                    f"PRAGMA cache_size=-{env_int('YG_SQLITE_CACHE_MB', 64) * 1024};"
                    f"PRAGMA mmap_size={env_int('YG_SQLITE_MMAP_MB', 2048) * 1024 * 1024};"
                ),
            },
            # Keep connections (and so their page cache) across requests.
            "CONN_MAX_AGE": env_int("YG_DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    }
# The public portal reads from a streaming replica when one is configured (core/dbrouting.py).
REPLICA_DATABASE_URL = env_str("YG_REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_DATABASE_URL, conn_max_age=env_int("YG_DB_CONN_MAX_AGE", 60))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["yangguang.core.dbrouting.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        str(VAR_DIR / "test.sqlite3") if env_bool("YG_TEST_SQLITE_FILE", False) else None
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "roster.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Accounts (等保 2.0 level 3; README "Sign-in, passwords and sessions"). Each value fails loudly when
# malformed or out of range (env_int_range).
LOGIN_MAX_FAILURES = env_int_range("YG_LOGIN_MAX_FAILURES", 5, 1, 100)  # per account, then locked
LOGIN_LOCK_MINUTES = env_int_range("YG_LOGIN_LOCK_MINUTES", 30, 0, 10080)  # 0: until the security admin unlocks
LOGIN_IP_MAX_FAILURES = env_int_range("YG_LOGIN_IP_MAX_FAILURES", 20, 1, 10000)  # per client address …
LOGIN_IP_WINDOW_MINUTES = env_int_range("YG_LOGIN_IP_WINDOW_MINUTES", 15, 1, 1440)  # … within this window
LOGIN_IP_LOCK_MINUTES = env_int_range("YG_LOGIN_IP_LOCK_MINUTES", 15, 1, 10080)
PASSWORD_MIN_LENGTH = env_int_range("YG_PASSWORD_MIN_LENGTH", 10, 8, 128)
PASSWORD_MIN_CLASSES = env_int_range("YG_PASSWORD_MIN_CLASSES", 3, 1, 4)  # of upper, lower, digit, symbol
PASSWORD_HISTORY = env_int_range("YG_PASSWORD_HISTORY", 5, 0, 24)  # last N passwords not reused
PASSWORD_MAX_AGE_DAYS = env_int_range("YG_PASSWORD_MAX_AGE_DAYS", 90, 0, 3650)  # 0: never expires
PASSWORD_RESET_HOURS = env_int_range("YG_PASSWORD_RESET_HOURS", 24, 1, 720)  # one-time password validity
SESSION_IDLE_MINUTES = env_int_range("YG_SESSION_IDLE_MINUTES", 30, 1, 1440)
SESSION_MAX_HOURS = env_int_range("YG_SESSION_MAX_HOURS", 12, 1, 720)
TOTP_REQUIRED_ROLES = env_list("YG_TOTP_REQUIRED_ROLES", [])  # roles that must enrol a second factor
TOTP_ISSUER = env_str("YG_TOTP_ISSUER", "阳光执法")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "yangguang.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "yangguang.accounts.passwords.CharacterClassesValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES},
    },
    {"NAME": "yangguang.accounts.passwords.PasswordHistoryValidator", "OPTIONS": {"count": PASSWORD_HISTORY}},
]

LANGUAGE_CODE = "zh-hans"
# The platform speaks Simplified Chinese to every browser: an English browser gets the same Chinese
# pages (Django's own messages included, from its zh_Hans catalog), never a page that mixes the two.
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "yangguang" / "locale"]
TIME_ZONE = env_str("YG_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "yangguang" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("YG_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # Documents, thumbnails and exports: the same local directory or S3 bucket as the evidence.
    "default": filestore.django_storage(),
    # collectstatic writes hashed names with gzip and Brotli siblings (WhiteNoise serves them with
    # far-future caching); before it has run (tests, development) names stay plain.
    "staticfiles": {
        "BACKEND": "yangguang.core.staticfiles.ManifestStaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve vendored assets straight from the app directories when collectstatic has not run yet.
WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("YG_DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Ledger (全过程记录): where keys live (never in the database) and which algorithms are used.
LEDGER_KEY_DIR = Path(env_str("YG_LEDGER_KEY_DIR", str(VAR_DIR / "keys")))
# A key is created only by `manage.py ledger keygen` (never on first use, never on a host that lacks
# it): several hosts share the one deployed key directory (docs/deployment.md).
LEDGER_HASH = env_str("YG_LEDGER_HASH", "sm3")
LEDGER_SIGNATURE = env_str("YG_LEDGER_SIGNATURE", "sm2")
# The pinned key: SHA-256 fingerprint(s) of the log's public key that verification trusts (the first
# key, or any later one; keys handed over from a pinned key by a signed handover entry are trusted).
LEDGER_KEY_FINGERPRINTS = env_fingerprints("YG_LEDGER_KEY_FINGERPRINT")
# The log's name in its checkpoints (C2SP tlog-checkpoint origin line, a schema-less URL).
LEDGER_ORIGIN = env_str("YG_LEDGER_ORIGIN", "yangguang.local/ledger")
# Every entry older than this many seconds must be covered by a signed (and, with witnesses,
# cosigned) checkpoint; verification reports a gap as an error.
LEDGER_CHECKPOINT_INTERVAL = env_float("YG_LEDGER_CHECKPOINT_INTERVAL", 60.0)
# PostgreSQL: a commit integrates sequenced entries into the Merkle tree when its entry ends a block
# of LEDGER_INTEGRATE_BATCH numbers, or when its process has not integrated for
# LEDGER_INTEGRATE_INTERVAL seconds (docs/ledger.md, "Sequencing and integration"). Interval 0:
# after every commit (the tests' setting).
LEDGER_INTEGRATE_INTERVAL = env_float("YG_LEDGER_INTEGRATE_INTERVAL_MS", 1000.0) / 1000.0
LEDGER_INTEGRATE_BATCH = env_int("YG_LEDGER_INTEGRATE_BATCH", 256)
# PostgreSQL: the ledger's statements (one per append) run as server-side prepared statements,
# parsed and planned once per connection (half the database's CPU per append). Turn off behind a
# connection pooler that cannot carry them (PgBouncer before 1.21 in transaction mode).
LEDGER_PREPARED_STATEMENTS = env_bool("YG_LEDGER_PREPARED_STATEMENTS", True)
# Witnesses (C2SP tlog-witness): comma-separated "<submission URL> <verifier key>" pairs, and how
# many of them must cosign a checkpoint for it to count as witnessed.
LEDGER_WITNESSES = env_list("YG_LEDGER_WITNESSES", [])
LEDGER_WITNESS_QUORUM = env_int("YG_LEDGER_WITNESS_QUORUM", 1)

# Public portal (公示平台): the absolute base URL printed into certificate QR codes (so codes printed
# on the intranet point to the public site), and the key of the certificate verification tokens
# (falls back to SECRET_KEY; set a dedicated one so printed codes survive secret rotation).
PUBLIC_BASE_URL = env_str("YG_PUBLIC_BASE_URL", "")
PUBLICITY_TOKEN_KEY = env_str("YG_PUBLICITY_TOKEN_KEY", "")

# Cache: per-process memory by default; YG_CACHE_URL shares it between processes and hosts:
# ``db://`` (a table in the database, created by migrate), ``redis://host:6379/0``, ``locmem://``.
CACHES = {"default": cache_from_url(env_str("YG_CACHE_URL", "locmem://"))}

# Tasks (django.tasks API, database backend on the same database: SQLite or PostgreSQL with SKIP
# LOCKED). Queues: "default" (the publication pipeline), "ledger" (checkpoints), "push" (delivery
# to the superior platform, slow and remote: its own queue so it never delays the others),
# "maintenance" (expiry, overdue alerts). ``manage.py run_tasks`` runs a worker (see jobs/).
TASK_QUEUES = ["default", "ledger", "push", "maintenance"]
# Tests of everything but the queue itself run outbox items in line, when they are added (the root
# conftest.py turns this on; the queue's own tests turn it off). Never in a deployment.
JOBS_OUTBOX_EAGER = False
# The transport of the queue: YG_TASKS_BACKEND=database (the default: tasks are rows of the same
# database, nothing else to run) or rq (tasks go through Redis at YG_REDIS_URL, run by RQ workers:
# a deployment whose database should not carry the polling of many workers). Either way the outbox
# rows stay in the database as the record of what must follow: a task lost by the broker is sent
# again by the sweep, and each item runs once by its key (jobs/, docs/architecture.md).
TASKS_BACKEND = env_choice("YG_TASKS_BACKEND", "database", {"database", "rq"})
REDIS_URL = env_str("YG_REDIS_URL", "")
if TASKS_BACKEND == "rq":
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"YG_TASKS_BACKEND=rq needs YG_REDIS_URL=redis://host:6379/0 (or rediss://, unix://); got {REDIS_URL!r}"
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # RQ has no priorities within a queue: work of negative priority (a document's DOCX for
    # download) goes to "<queue>-later", which a worker takes only when its other queues are empty.
    TASK_QUEUES = TASK_QUEUES + [f"{q}-later" for q in TASK_QUEUES]
    # A Redis that hangs must not hang a web request after its decision committed (the wake-up
    # fails fast, is logged, and the sweep enqueues it later): short socket timeouts unless the URL
    # sets its own (RQ's worker raises the read timeout to what its blocking pop needs).
    _rq_url = REDIS_URL
    for _param in ("socket_connect_timeout=3", "socket_timeout=5"):
        if _param.split("=")[0] not in _rq_url:
            _rq_url += ("&" if "?" in _rq_url else "?") + _param
    # Job timeout: a push to a slow platform may take minutes; the handler's own retries do the rest.
    RQ_QUEUES = {q: {"URL": _rq_url, "DEFAULT_TIMEOUT": 1800, "DEFAULT_RESULT_TTL": 3600} for q in TASK_QUEUES}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
elif REDIS_URL:
    raise ImproperlyConfigured("YG_REDIS_URL is set but YG_TASKS_BACKEND is not rq: set YG_TASKS_BACKEND=rq")
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

# Notifications (待办提醒): off by default. YG_NOTIFY_CHANNELS lists the channels ("email", "sms");
# e-mail goes through Django's mail backend (YG_EMAIL_HOST/PORT, from YG_NOTIFY_FROM); SMS is posted
# as JSON ({"user", "name", "text"}) to the agency's SMS gateway (政务短信平台) at YG_NOTIFY_SMS_URL,
# which maps accounts to numbers. YG_SITE_URL makes the links in them absolute.
NOTIFY_CHANNELS = env_list("YG_NOTIFY_CHANNELS", [])
if set(NOTIFY_CHANNELS) - {"email", "sms"}:
    raise ImproperlyConfigured(
        f"YG_NOTIFY_CHANNELS: unknown channel(s) {sorted(set(NOTIFY_CHANNELS) - {'email', 'sms'})}"
    )
NOTIFY_SMS_URL = env_str("YG_NOTIFY_SMS_URL", "")
if "sms" in NOTIFY_CHANNELS and not NOTIFY_SMS_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("YG_NOTIFY_CHANNELS has sms: set YG_NOTIFY_SMS_URL to the gateway's http(s) URL")
DEFAULT_FROM_EMAIL = env_str("YG_NOTIFY_FROM", "noreply@yangguang.local")
EMAIL_HOST = env_str("YG_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("YG_EMAIL_PORT", 25)
SITE_URL = env_str("YG_SITE_URL", "").rstrip("/")

# Behind a reverse proxy (docs/deployment.md): the addresses of the proxies whose
# X-Forwarded-For is believed (comma-separated IPs or CIDRs), and whether they terminate TLS.
TRUSTED_PROXIES = env_list("YG_TRUSTED_PROXIES", [])
if env_bool("YG_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("YG_SECURE_COOKIES", False)
SESSION_COOKIE_SAMESITE = "Lax"
# The absolute session lifetime; the idle timeout is enforced by accounts.middleware.SessionPolicy.
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # pages pass the token in the form and in htmx's header, never read from the cookie
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Security headers (README, "Security headers"): a strict Content-Security-Policy and a
# Permissions-Policy on every response (yangguang.core.security). HSTS is sent on HTTPS requests
# only (behind a TLS-terminating reverse proxy set YG_BEHIND_TLS_PROXY=1, see above).
# Scripts and styles from this origin only: no inline script, handler, style attribute or eval.
# Images may be data: URIs (the vendored Swagger UI's icons) and blob: (previews of chosen files).
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "media-src": "'self' blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Powerful browser features nothing in the platform uses (a file input with ``capture`` opens the
# device's camera application and needs no permission).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()"
SECURE_HSTS_SECONDS = env_int("YG_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("YG_HSTS_INCLUDE_SUBDOMAINS", False)

# Logs: one JSON object per line on stderr (YG_LOG_FORMAT=json, the default) for a log collector,
# or plain text (YG_LOG_FORMAT=text) for reading in a terminal.
LOG_FORMAT = env_choice("YG_LOG_FORMAT", "json", {"json", "text"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "yangguang.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("YG_LOG_LEVEL", "INFO")},
    # One line per task start and end is noise; failures are logged by jobs/ with their context.
    "loggers": {"django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}
