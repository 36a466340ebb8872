"""Settings shared by every mode. Machine-specific values come from the environment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("GONGKAI_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Our apps come first so that their templates and translations take precedence over Django's.
GONGKAI_APPS = [
    "gongkai.core",
    "gongkai.agencies",
    "gongkai.calendars",
    "gongkai.cases",
    "gongkai.documents",
    "gongkai.letters",
    "gongkai.publishing",
    "gongkai.notifications",
    "gongkai.search",
    "gongkai.portal",
    "gongkai.workspace",
    "gongkai.reports",
    "gongkai.api",
]
INSTALLED_APPS = [
    *GONGKAI_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",  # its bundled Swagger UI files are served from here (no CDN)
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.core.middleware.RequestLimitsMiddleware",  # before anything reads POST (the CSRF check)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.DomainErrorMiddleware",
    "gongkai.core.middleware.StaffNoStoreMiddleware",
    # Last: turns a refused log-in (too many failures) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.site",
                "gongkai.workspace.context_processors.workspace",
            ],
        },
    },
]


# SQLite as an embedded database for several server workers: WAL (readers never wait for the
# writer), synchronous=NORMAL (safe with WAL, far fewer fsyncs), a busy timeout, and IMMEDIATE
# transactions (a writer takes the write lock at BEGIN, so two transactions that both read and
# then write queue up instead of failing with "database is locked").
SQLITE_OPTIONS: dict[str, object] = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_config(url: str) -> dict[str, object]:
    """The default database: DATABASE_URL (SQLite files get the same options), else var/gongkai.sqlite3."""
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)))
        config["CONN_HEALTH_CHECKS"] = True
        if config["ENGINE"] == "django.db.backends.sqlite3":
            given = config.get("OPTIONS") or {}
            config["OPTIONS"] = {**SQLITE_OPTIONS, **(given if isinstance(given, dict) else {})}
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(VAR_DIR / "gongkai.sqlite3"),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": database_config(env_str("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS: list[Path] = []  # each app keeps its own catalogue in <app>/locale/
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"  # never served: stored files are read through their app's scoped views
# Uploaded and generated files (gongkai.core.storage): under var/, never inside the web root.
MEDIA_ROOT = Path(env_str("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "media"))).resolve()
# The search index (Tantivy), rebuilt from the database by `gongkai search reindex`; never the
# source of truth. Every web worker and command of one site must point to the same directory.
GONGKAI_SEARCH_DIR = Path(env_str("GONGKAI_SEARCH_DIR", str(VAR_DIR / "search"))).resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# django-axes first: it refuses a log-in while its username and address are locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

_CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", _CONSOLE_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "gongkai@localhost")

SESSION_COOKIE_HTTPONLY = True
# --- Log-in throttling and sessions (docs/operations.md, "Log-in and sessions"). ---
# A session ends after this much inactivity (every request renews it): a working day by default.
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_IDLE_SECONDS", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# Only staff log in, so this ends every logged-in session when the browser closes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("GONGKAI_SESSION_ENDS_WITH_BROWSER", default=False)
# BEHIND_PROXY: a reverse proxy on this machine or network sets X-Forwarded-Proto and
# X-Forwarded-For; only then are they believed (HTTPS detection, the client's address).
GONGKAI_BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
# django-axes: after GONGKAI_LOGIN_FAILURE_LIMIT failed log-ins for the same user name from the
# same address, that pair is refused for GONGKAI_LOGIN_LOCKOUT_MINUTES (or until unlocked).
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner on every command (it broke quiet stdout/stderr contracts)
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "gongkai.workspace.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clients.client_ip"
AXES_ENABLE_ADMIN = False  # axes has no Chinese admin; administrators unlock with `gongkai unlock USERNAME`
# Staff pages are never stored by browsers or proxies (Cache-Control: no-store).
GONGKAI_NO_STORE_PATHS = ["/staff/", "/admin/", "/api/v1/staff/"]
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp 4): only our own scripts, styles, images and fonts; no
# inline script at all, an inline <style> only with the request's nonce (request.csp_nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

GONGKAI_SITE_NAME = env_str("GONGKAI_SITE_NAME", "公开 · 政府信息公开平台")

# --- The shell (portal and workspace pages): the footer's facts and forgotten passwords. ---
GONGKAI_SITE_SPONSOR = env_str("GONGKAI_SITE_SPONSOR")  # 主办单位, e.g. "示范省人民政府办公厅"
GONGKAI_SITE_CONTACT = env_str("GONGKAI_SITE_CONTACT")  # 联系方式, e.g. "电话 0000-12345678"
GONGKAI_SITE_ICP = env_str("GONGKAI_SITE_ICP")  # ICP 备案号, e.g. "示ICP备00000000号"
# 忘记密码: an e-mailed reset link when mail is configured (EMAIL_HOST or EMAIL_BACKEND set in the
# environment), otherwise a page naming who resets accounts (GONGKAI_ACCOUNT_HELP, else the
# agency's administrators).
GONGKAI_PASSWORD_RESET_EMAIL = env_bool(
    "GONGKAI_PASSWORD_RESET_EMAIL",
    default=bool(env_str("EMAIL_HOST")) or env_str("EMAIL_BACKEND") not in ("", _CONSOLE_EMAIL),
)
GONGKAI_ACCOUNT_HELP = env_str("GONGKAI_ACCOUNT_HELP")  # e.g. "省政务公开办 张工 0000-12345678"
# The time an applicant takes to pay a processing fee pauses the reply clock (国办函〔2020〕109号).
GONGKAI_FEE_PAUSES_CLOCK = env_bool("GONGKAI_FEE_PAUSES_CLOCK", default=True)
# Notifications: links in messages point here; text messages go through GONGKAI_SMS_BACKEND (a
# class with send(phone, text); the log backend writes them to the log) and wait out the quiet
# hours (local time of GONGKAI_SMS_TIME_ZONE; "off" for none).
GONGKAI_SITE_URL = env_str("GONGKAI_SITE_URL", "http://127.0.0.1:8000")
GONGKAI_SMS_BACKEND = env_str("GONGKAI_SMS_BACKEND", "gongkai.notifications.sms.LogSmsBackend")
GONGKAI_SMS_QUIET_HOURS = env_str("GONGKAI_SMS_QUIET_HOURS", "21:00-08:00")
GONGKAI_SMS_TIME_ZONE = env_str("GONGKAI_SMS_TIME_ZONE", "Asia/Shanghai")
# The archive: an ended case is archived this many days after its last step (0: at once).
GONGKAI_ARCHIVE_AFTER_DAYS = env_int("GONGKAI_ARCHIVE_AFTER_DAYS", 0)

# gongkai report audit (the command line): the largest file it reads; a larger one is refused
# unread (exit status 2). The same size as one report in an upload.
GONGKAI_REPORT_AUDIT_MAX_FILE_BYTES = env_int("GONGKAI_REPORT_AUDIT_MAX_FILE_BYTES", 20 * 1024 * 1024)

# --- File intake: the reading caps and the upload limits (docs/operations.md, 文件读取上限). ---
# gongkai.core.files turns them into the caps of gongkai.files (every file read in this process)
# and the limits of an upload. Sizes in bytes.
_MB = 1024 * 1024
GONGKAI_FILES_MAX_MEMBERS = env_int("GONGKAI_FILES_MAX_MEMBERS", 2000)
GONGKAI_FILES_MAX_PART_BYTES = env_int("GONGKAI_FILES_MAX_PART_BYTES", 32 * _MB)
GONGKAI_FILES_MAX_UNPACKED_BYTES = env_int("GONGKAI_FILES_MAX_UNPACKED_BYTES", 128 * _MB)
GONGKAI_FILES_MAX_RATIO = env_int("GONGKAI_FILES_MAX_RATIO", 100)
GONGKAI_FILES_PDF_MAX_STREAM_BYTES = env_int("GONGKAI_FILES_PDF_MAX_STREAM_BYTES", 32 * _MB)
GONGKAI_FILES_PDF_MAX_DECODED_BYTES = env_int("GONGKAI_FILES_PDF_MAX_DECODED_BYTES", 128 * _MB)
GONGKAI_FILES_PDF_MAX_PAGES = env_int("GONGKAI_FILES_PDF_MAX_PAGES", 500)
GONGKAI_FILES_PDF_MAX_SECONDS = env_int("GONGKAI_FILES_PDF_MAX_SECONDS", 30)
GONGKAI_FILES_PDF_MAX_MEMORY_BYTES = env_int("GONGKAI_FILES_PDF_MAX_MEMORY_BYTES", 1024 * _MB)
GONGKAI_FILES_HTML_MAX_BYTES = env_int("GONGKAI_FILES_HTML_MAX_BYTES", 32 * _MB)
GONGKAI_FILES_HTML_MAX_DEPTH = env_int("GONGKAI_FILES_HTML_MAX_DEPTH", 128)
GONGKAI_UPLOAD_MAX_FILES = env_int("GONGKAI_UPLOAD_MAX_FILES", 500)  # ZIP members included
GONGKAI_UPLOAD_MAX_FILE_BYTES = env_int("GONGKAI_UPLOAD_MAX_FILE_BYTES", 20 * _MB)
GONGKAI_UPLOAD_MAX_ZIP_BYTES = env_int("GONGKAI_UPLOAD_MAX_ZIP_BYTES", 100 * _MB)
GONGKAI_UPLOAD_MAX_TOTAL_BYTES = env_int("GONGKAI_UPLOAD_MAX_TOTAL_BYTES", 200 * _MB)  # all files, ZIPs unpacked
GONGKAI_UPLOAD_MAX_REQUEST_BYTES = env_int("GONGKAI_UPLOAD_MAX_REQUEST_BYTES", 210 * _MB)  # one request's body
# Attachments to an application (cases: the applicant's at intake, the office's later): the
# largest file accepted, in bytes; a larger one refuses the whole upload (at most 10 files each).
GONGKAI_ATTACHMENT_MAX_BYTES = env_int("GONGKAI_ATTACHMENT_MAX_BYTES", 20 * _MB)
# Django's multipart parser refuses a request with more files than this: the same promise as the form's.
DATA_UPLOAD_MAX_NUMBER_FILES = GONGKAI_UPLOAD_MAX_FILES

# --- Background work (django-tasks, database queue): report audits run off the request. ---
# A worker process runs the queue: `gongkai db_worker` (`make run` starts one beside the server;
# docs/operations.md has the systemd unit for production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- `gongkai serve` (gunicorn): a request may take at most GONGKAI_SERVE_TIMEOUT seconds;
# long work goes to the queue. A worker is recycled after GONGKAI_SERVE_MAX_REQUESTS requests
# (plus up to GONGKAI_SERVE_MAX_REQUESTS_JITTER, so they do not all restart at once).
GONGKAI_SERVE_WORKERS = env_int("GONGKAI_WORKERS", 3)
GONGKAI_SERVE_TIMEOUT = env_int("GONGKAI_SERVE_TIMEOUT", 60)
GONGKAI_SERVE_GRACEFUL_TIMEOUT = env_int("GONGKAI_SERVE_GRACEFUL_TIMEOUT", 30)
GONGKAI_SERVE_MAX_REQUESTS = env_int("GONGKAI_SERVE_MAX_REQUESTS", 1000)
GONGKAI_SERVE_MAX_REQUESTS_JITTER = env_int("GONGKAI_SERVE_MAX_REQUESTS_JITTER", 100)
