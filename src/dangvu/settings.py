"""Settings for dangvu, all in one file, read from the environment.

DANGVU_ENV chooses the mode: ``production`` (the default: SECRET_KEY required),
``demo`` (what ``make run`` uses: demo logins work), ``development`` (DEBUG) and
``test``. DATABASE_URL switches from the SQLite file under ``var/`` to PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("DANGVU_HOME", str(Path.cwd())))
VAR_DIR = Path(env_str("DANGVU_VAR", str(BASE_DIR / "var")))

DANGVU_ENV = env_str("DANGVU_ENV", "production")
if DANGVU_ENV not in {"production", "demo", "development", "test"}:
    raise ImproperlyConfigured("DANGVU_ENV must be production, demo, development or test")
DEBUG = env_bool("DEBUG", DANGVU_ENV == "development")
DEMO_MODE = DANGVU_ENV == "demo" or env_bool("DANGVU_DEMO", False)
TESTING = DANGVU_ENV == "test"

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DANGVU_ENV == "production" and not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required in production (set it, or DANGVU_ENV=demo for the demo)."
        )
    SECRET_KEY = "dangvu-insecure-key-for-" + DANGVU_ENV
# Sessions, password-reset and CSRF tokens are signed with it: a short one can be guessed
# offline from one signed cookie (Django's check --deploy asks for 50 characters too).
SECRET_KEY_MIN_LENGTH = 50
if DANGVU_ENV == "production" and not DEBUG and len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
    raise ImproperlyConfigured(
        f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters in production "
        '(generate one: python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "dangvu.core.views_errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "dangvu.core",
    "dangvu.accounts",
    "dangvu.organizations",
    "dangvu.members",
    "dangvu.admissions",
    "dangvu.reports",
    "dangvu.meetings",
    "dangvu.congresses",
    "dangvu.documents",
    "dangvu.programs",
    "dangvu.evaluations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dangvu.accounts.middleware.DemoGateMiddleware",
    "dangvu.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dangvu.urls"
WSGI_APPLICATION = "dangvu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangvu.core.context_processors.dangvu",
            ],
        },
    },
]

# SQLite by default (one file under var/, WAL, busy timeout); PostgreSQL by DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "dangvu.sqlite3")),
            # A connection per worker thread, kept: its page cache stays warm between requests.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON; "
                    "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the suite hashes hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "dangvu.accounts.backends.DemoAwareModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS, from the environment: off by default so an install on a plain-HTTP office
# network still works; `dangvu check --deploy` names whatever is left off, and
# docs/operations.md (production checklist) gives the values.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("SECURE_PROXY_SSL", False):
    # Only behind a proxy that sets this header itself (and drops the client's).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts and styles only from our own static
# files, no inline code, so injected markup cannot run (issue 14, item 9). The API
# docs page needs no exception either (core.api_docs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma
# separated); from any other sender the header is ignored (docs/operations.md).
DANGVU_TRUSTED_PROXIES = env_list("DANGVU_TRUSTED_PROXIES", [])

# django-axes: failed logins are counted per account whatever the address (a password
# guessed from many addresses) and per address whatever the account (one address
# trying many accounts); either reaching the limit locks (docs/operations.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_LOCKOUT_CALLABLE = "dangvu.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "dangvu.core.http.client_ip"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dangvu.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The site-wide assets (layout CSS, icons, vendored JS) live in the package, not in an app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's, refusing demo accounts outside demo mode.
        "dangvu.accounts.authentication.SessionAuthentication",
        "dangvu.accounts.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["dangvu.core.api_filters.BoundedFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "dangvu.core.api_versions.VersionedAutoSchema",
    "EXCEPTION_HANDLER": "dangvu.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "dangvu API",
    "DESCRIPTION": "API của hệ thống Đảng vụ (tổ chức đảng, đảng viên, thống kê).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind"; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "PlacementKindEnum": "dangvu.members.choices.PlacementKind",
        "MembershipEventKindEnum": "dangvu.members.models.lifecycle.MembershipEvent.Kind",
        "WorkdayExceptionKindEnum": "dangvu.core.models_workdays.WorkdayException.Kind",
        "OrganizationKindEnum": "dangvu.organizations.choices.Kind",
        "MeetingKindEnum": "dangvu.meetings.choices.Kind",
        "MeetingStatusEnum": "dangvu.meetings.choices.Status",
        "MemberStatusEnum": "dangvu.members.choices.Status",
        "GuestKindEnum": "dangvu.meetings.choices.GuestKind",
        "AttendanceStateEnum": "dangvu.meetings.choices.AttendanceState",
        # Names kept when the evaluations' own level and stage arrived (same field names).
        "LevelEnum": "dangvu.organizations.choices.Level",
        "StageEnum": "dangvu.admissions.choices.Stage",
        "EvaluationLevelEnum": "dangvu.evaluations.choices.Level",
        "EvaluationSubjectKindEnum": "dangvu.evaluations.choices.SubjectKind",
        "EvaluationStageEnum": "dangvu.evaluations.choices.Stage",
        "DisciplineFormEnum": "dangvu.evaluations.choices.DisciplineForm",
        "CommendationFormEnum": "dangvu.evaluations.choices.CommendationForm",
        "CongressKindEnum": "dangvu.congresses.choices.CongressKind",
        "CongressStatusEnum": "dangvu.congresses.choices.Status",
        "CongressDocumentKindEnum": "dangvu.congresses.choices.DocumentKind",
        "ElectionKindEnum": "dangvu.congresses.choices.ElectionKind",
        "ElectionStatusEnum": "dangvu.congresses.choices.ElectionStatus",
        "DocumentKindEnum": "dangvu.documents.choices.DocumentKind",
        "TaskStatusEnum": "dangvu.programs.choices.TaskStatus",
        "TaskOwnerKindEnum": "dangvu.programs.serializers.OWNER_KINDS",
        "ReviewNoteKindEnum": "dangvu.programs.choices.NoteKind",
        "DelegateSourceEnum": "dangvu.congresses.choices.DelegateSource",
        "TargetSourceEnum": "dangvu.programs.choices.TargetSource",
    },
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Rules that come from regulations and are marked unconfirmed are settings.
DANGVU_MIN_ADMISSION_AGE_MONTHS = 18 * 12  # Điều lệ Đảng, Điều 1; Quy định 24-QĐ/TW, 1.1.
# Evaluation quota (RULES.md, Evaluation and ranking): excellent <= rate x good,
# within each grassroots organisation; the rounding is unconfirmed (floor by default).
DANGVU_EVALUATION_QUOTA_RATE = env_str("DANGVU_EVALUATION_QUOTA_RATE", "0.20")
DANGVU_EVALUATION_QUOTA_ROUNDING = env_str("DANGVU_EVALUATION_QUOTA_ROUNDING", "floor")
# Ballot counting (congresses/counting.py, docs/decisions/0010-congress-readings.md): a ballot
# of a list of several names without surplus with no name ticked in exactly one box. Quy chế
# bầu cử (190-QĐ/TW), Điều 15 keeps valid a ballot with both or neither box "ở một người hoặc
# một số người" and is silent on every name; valid by default, as that per-name rule implies.
DANGVU_ELECTIONS_UNMARKED_BALLOT_VALID = env_bool("DANGVU_ELECTIONS_UNMARKED_BALLOT_VALID", True)

# The largest request body taken at all (attachments are up to 20 MB, imports 10 MB):
# a larger one is refused before it is read (core/middleware.py).
DANGVU_MAX_REQUEST_BYTES = env_int("DANGVU_MAX_REQUEST_BYTES", 25 * 1024 * 1024)

# Imported files (core/spreadsheets.py, docs/decisions/0014-spreadsheet-safety.md): checked
# before they are parsed, so one upload cannot fill a worker's memory. Sizes in bytes.
DANGVU_IMPORT_MAX_BYTES = env_int("DANGVU_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
DANGVU_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("DANGVU_IMPORT_MAX_UNCOMPRESSED_BYTES", 256 << 20)
DANGVU_IMPORT_MAX_PART_BYTES = env_int("DANGVU_IMPORT_MAX_PART_BYTES", 4 << 20)
DANGVU_IMPORT_MAX_SHARED_STRINGS_BYTES = env_int("DANGVU_IMPORT_MAX_SHARED_STRINGS_BYTES", 32 << 20)
DANGVU_IMPORT_MAX_RATIO = env_int("DANGVU_IMPORT_MAX_RATIO", 100)
DANGVU_IMPORT_MAX_ROWS = env_int("DANGVU_IMPORT_MAX_ROWS", 200_000)
DANGVU_IMPORT_MAX_ROW_BYTES = env_int("DANGVU_IMPORT_MAX_ROW_BYTES", 512 * 1024)
DANGVU_IMPORT_MAX_FIELD_CHARS = env_int("DANGVU_IMPORT_MAX_FIELD_CHARS", 32_767)
