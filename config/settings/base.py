"""Settings shared by every environment. Environment-specific files import from here."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# --- Core ---------------------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY", "insecure-local-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_ID = 1
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "guardian",
    "django_celery_beat",
    "django_htmx",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "ui",
    "accounts",
    "consortia",
    "partnerships",
    "agreements",
    "governance",
    "finance",
    "programmes",
    "reporting",
    "jobs",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "accounts.middleware.AdminMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "consortia.middleware.ConsortiumMiddleware",
]

ROOT_URLCONF = "config.urls"
# Every form renders as GOV.UK Frontend markup (ui/templates/ui/forms/); the admin keeps Django's.
FORM_RENDERER = "ui.renderers.GovukFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consortia.context_processors.consortium",
                "ui.context_processors.ui",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# Without DATABASE_URL the app runs on an embedded SQLite file so `make run` needs no server.
# WAL and IMMEDIATE transactions let the web, worker and beat processes share it.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'partneriaeth.sqlite3'}")
# Health checks make a connection that died with a PostgreSQL restart reconnect, not fail.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Set only where `migrate` runs (as the tables' owner): the web, worker and beat processes'
# own DATABASE_URL, whose role migrate creates if missing and grants row access to; it is not
# the owner, so PostgreSQL's row-level security binds it (consortia/tenancy.py, README).
DATABASE_APP_URL = env_str("DATABASE_APP_URL", "")

# --- Accounts and authentication ----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Failed sign-ins are limited per address and per IP; password resets per address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Partneriaeth"
# Consortium admins hold every tenant's most sensitive data: they must use a second factor.
MFA_REQUIRED_FOR_CONSORTIUM_ADMINS = env_bool("MFA_REQUIRED_FOR_CONSORTIUM_ADMINS", True)

SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_PROVIDERS: dict = {"microsoft": {"EMAIL_AUTHENTICATION": True}}
MICROSOFT_CLIENT_ID = env_str("MICROSOFT_CLIENT_ID", "-")
if MICROSOFT_CLIENT_ID != "-":
    SOCIALACCOUNT_PROVIDERS["microsoft"]["APPS"] = [
        {
            "client_id": MICROSOFT_CLIENT_ID,
            "secret": env_str("MICROSOFT_CLIENT_SECRET"),
            "settings": {"tenant": env_str("MICROSOFT_TENANT", "organizations")},
        }
    ]

ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; anonymous never holds a role.
GUARDIAN_MONKEY_PATCH_USER = False

INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LANGUAGE_COOKIE_NAME = "language"
# Our own catalogue first; vendor_locale holds Welsh for libraries that ship none (allauth).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "vendor_locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Email --------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console:")
if EMAIL_URL.startswith("smtp"):
    from urllib.parse import unquote, urlparse

    _email = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls"
    EMAIL_USE_SSL = _email.scheme == "smtps"
    EMAIL_TIMEOUT = 30
elif EMAIL_URL.startswith("file:"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_URL.removeprefix("file:") or str(VAR_DIR / "mail")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Partneriaeth <no-reply@partneriaeth.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work ----------------------------------------------------------------------
# Without REDIS_URL the broker is Kombu's filesystem transport: no server process to run.
REDIS_URL = env_str("REDIS_URL", "-")
# A stopped or unreachable Redis must cost a request about a second, not kombu's default
# retries: publishing tries once (max_retries 0, 1 s to connect) and consortia.queue keeps the
# work for the outbox sweep. Workers reconnect on their own (broker_connection_retry).
REDIS_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "max_retries": 0, "socket_connect_timeout": 1}
if REDIS_URL != "-":
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
else:
    _queue_dir = VAR_DIR / "celery-queue"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"reporting.*": {"queue": "pdf"}, "finance.tasks.statement_*": {"queue": "pdf"}}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = False
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 6)
# Wait after the first failed send; doubled after each further one, at most an hour.
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60)
# An email claimed for sending ("sending") with no result after this long is marked "unknown" for
# a person to check; it is never resent on its own. Longer than outbox_send's hard time limit (90 s).
OUTBOX_SENDING_LEASE_SECONDS = env_int("OUTBOX_SENDING_LEASE_SECONDS", 600)

# --- Caches -------------------------------------------------------------------------------
# The API's rate counters must be shared by every gunicorn worker, so they are in Redis when
# there is one. Short timeouts: an unreachable Redis lets requests through (consortia.throttling)
# rather than holding them up.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "throttle",
         "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
        if REDIS_URL != "-" else
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
    ),
}

# --- Governance ---------------------------------------------------------------------------
GOVERNANCE_MAX_PAPER_BYTES = env_int("GOVERNANCE_MAX_PAPER_BYTES", 20 * 1024 * 1024)
# Days after 1 September before an unconfirmed register of interests counts as overdue.
GOVERNANCE_INTERESTS_GRACE_DAYS = env_int("GOVERNANCE_INTERESTS_GRACE_DAYS", 30)
# How long before a chair's term ends the consortium admins are warned.
GOVERNANCE_TERM_WARNING_DAYS = env_int("GOVERNANCE_TERM_WARNING_DAYS", 60)

# --- Imports -----------------------------------------------------------------------------
# Every import runs in one transaction: a file with any invalid row saves nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Content Security Policy (issue 13) ---------------------------------------------------
# django-csp 4 sends one policy on every response, the admin, allauth and API docs included.
# No 'unsafe-inline' and no 'unsafe-eval': every script and style is a file under /static/
# (third-party templates that had inline ones are overridden in templates/); a block that must
# stay inline carries nonce="{{ request.csp_nonce }}", which django-csp adds to the header only
# on the responses that use it. data: images are the TOTP QR code and Swagger UI's icons.
# A form may post only here, and to the identity provider's sign-in host when one is set up
# (allauth's provider login redirects the browser there after a POST).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")
CSP_IDENTITY_PROVIDER_HOSTS = ["https://login.microsoftonline.com"] if MICROSOFT_CLIENT_ID != "-" else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF, *CSP_IDENTITY_PROVIDER_HOSTS],
    },
}
# --- end Content Security Policy ----------------------------------------------------------

# --- Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- REST API -----------------------------------------------------------------------------
from .api import *  # noqa: E402, F403
