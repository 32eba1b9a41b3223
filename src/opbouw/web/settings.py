"""Settings: SQLite in ``OPBOUW_DATA_DIR`` by default, PostgreSQL through ``DATABASE_URL``."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("OPBOUW_DATA_DIR", Path.cwd() / ".opbouw")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """From the environment in production; otherwise one kept in the data folder."""
    if os.environ.get("OPBOUW_SECRET_KEY"):
        return os.environ["OPBOUW_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("OPBOUW_DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("OPBOUW_ALLOWED_HOSTS",
                                           "localhost,127.0.0.1,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("OPBOUW_CSRF_TRUSTED_ORIGINS", "").split(",")
                        if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "opbouw.web.accounts",
    "opbouw.web.areas",
    "opbouw.web.analyses",
    "opbouw.web.knowledge",
    "opbouw.web.api",
    "opbouw.web.jobs",
    "opbouw.web.planning",
    "opbouw.web.signals",
    "opbouw.web.inclusion",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opbouw.web.accounts.middleware.DutchByDefault",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # answers an upload stopped at the size limit before the CSRF check (opbouw.web.uploads)
    "opbouw.web.uploads.StoppedUploads",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # refuses an upload above the cap before anything (the CSRF check) reads its body
    "opbouw.web.uploads.RefuseLargeUploads",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opbouw.web.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "opbouw.web.accounts.context.memberships",
    ]},
}]
WSGI_APPLICATION = "opbouw.web.wsgi.application"

DATABASES = {"default": dj_database_url.config(
    default=f"sqlite:///{DATA_DIR / 'opbouw.sqlite3'}", conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "opbouw.web.accounts.backends.ThrottledLogin",
    "django.contrib.auth.backends.ModelBackend",
]
# login throttling (django-axes): 5 wrong passwords per user name and address, 15 minutes
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# one number and date format per language over Django's own (opbouw/web/formats)
FORMAT_MODULE_PATH = ["opbouw.web.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic in development
UPLOAD_DIR = DATA_DIR / "uploads"
# the form fields of a request (not its files) are small; files stream to disk, each
# stopped at the importers' size limit by the first handler (opbouw.web.uploads)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
FILE_UPLOAD_HANDLERS = [
    "opbouw.web.uploads.FileSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 2**20

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = os.environ.get("OPBOUW_SECURE_COOKIES", "") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if SESSION_COOKIE_SECURE:
    # served over HTTPS (behind a proxy that sets X-Forwarded-Proto): HSTS and redirects
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Only the site's own files may run or load: no inline script, nothing from elsewhere.
# Styles may be inline (Leaflet positions its panes with style attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Background work (large imports, heavy analyses): django-tasks with its database backend,
# so SQLite works out of the box and PostgreSQL in production. `opbouw serve` starts a
# worker; production runs `opbouw manage db_worker` beside gunicorn.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Server-side errors are logged with their traceback on the server (stderr), never shown
# to the user; the error pages say what happened in the user's language.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "opbouw": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- trust (issue 16): audit, privacy, two-factor login, sessions -------------------------
INSTALLED_APPS += ["auditlog", "django_otp", "django_otp.plugins.otp_totp", "opbouw.web.trust"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
                  "opbouw.web.trust.middleware.RequireSecondFactor")
MIDDLEWARE.insert(MIDDLEWARE.index("opbouw.web.trust.middleware.RequireSecondFactor") + 1,
                  "auditlog.middleware.AuditlogMiddleware")
AUDITLOG_LOGENTRY_MODEL = "trust.AuditEntry"
# auditlog's own migrations would create its (swapped-out) table with foreign keys to users
# and content types, which PostgreSQL then cannot flush; trust.AuditEntry replaces it
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # restoring a backup is not a change
OTP_TOTP_ISSUER = "opbouw"
# a session lasts OPBOUW_SESSION_HOURS (default 8) and ends with the browser unless
# OPBOUW_SESSION_EXPIRE_AT_CLOSE=0
SESSION_COOKIE_AGE = int(float(os.environ.get("OPBOUW_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = os.environ.get("OPBOUW_SESSION_EXPIRE_AT_CLOSE", "1") != "0"
# counts below this are hidden in person-level statistics; None = the default of
# opbouw.analysis.disclosure (5)
OPBOUW_SMALL_COUNT_THRESHOLD = (int(os.environ["OPBOUW_SMALL_COUNT_THRESHOLD"])
                                if os.environ.get("OPBOUW_SMALL_COUNT_THRESHOLD") else None)
# exported locations are blurred to at least this many metres; None = the default of
# opbouw.analysis.disclosure (100)
OPBOUW_EXPORT_PRECISION_M = (int(os.environ["OPBOUW_EXPORT_PRECISION_M"])
                             if os.environ.get("OPBOUW_EXPORT_PRECISION_M") else None)
# --- end trust ----------------------------------------------------------------------------

# studies: every analysis of the library in the browser (issue 10, point 10)
INSTALLED_APPS += ["opbouw.web.studies"]
