"""Fairfield settings, read from the environment.

FAIRFIELD_ENV selects the mode: "development" (the default: SQLite, console
e-mail, debug on), "production" (every secret must be given, see README) or
"test" (set by fairfield.settings.test).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from fairfield.lib.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    smtp_from_url,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

FAIRFIELD_ENV = env_str("FAIRFIELD_ENV", "development")
if FAIRFIELD_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("FAIRFIELD_ENV must be development, production or test.")
PRODUCTION = FAIRFIELD_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=FAIRFIELD_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when FAIRFIELD_ENV=production.")

if PRODUCTION:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 random characters.")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names, comma-separated.")
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "development-only-not-secret-" + "x" * 40)
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

SITE_URL = env_str("FAIRFIELD_SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("FAIRFIELD_SITE_URL must be the site's https:// address.")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = "Fairfield"

INSTALLED_APPS = [
    "fairfield.accounts",
    "fairfield.audit",
    "fairfield.safety",
    "fairfield.base",
    "fairfield.publishing",
    "fairfield.comments",
    "fairfield.moderation",
    "fairfield.notifications",
    "fairfield.review",
    "fairfield.roundtables",
    "fairfield.donations",
    "fairfield.testimony",
    "fairfield.newsletter",
    "fairfield.search",
    "fairfield.wordpress",
    "fairfield.privacy",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "fairfield.accounts.apps.FairfieldUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fairfield.base.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "fairfield.notifications.middleware.MailStoppedNoticeMiddleware",
    "fairfield.accounts.middleware.RequireMfaForStaffMiddleware",
    "fairfield.accounts.middleware.AdminIsForStaffMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "fairfield.publishing.page_cache.PageCacheMiddleware",
    "fairfield.lib.errors.RefusalMiddleware",
]

ROOT_URLCONF = "fairfield.urls"
WSGI_APPLICATION = "fairfield.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fairfield" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "fairfield.publishing.reading.context",
            ],
        },
    },
]

# Database: SQLite next to the code unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL", "")
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must be set in production, e.g. postgres://fairfield@db:5432/fairfield.")
DATABASES = {
    "default": database_from_url("DATABASE_URL", DATABASE_URL, base_dir=BASE_DIR)
    if DATABASE_URL
    else sqlite_database(VAR_DIR / "fairfield.sqlite3")
}
if not DATABASE_URL:
    VAR_DIR.mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: local memory unless REDIS_URL is given.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("FAIRFIELD_CACHE_PREFIX", "fairfield"),
            # A Redis that accepts connections but never answers must fail fast, not hang every page.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Files, not process memory: every web worker must see the same cache, or one worker's cached page
    # outlives a change made through another.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# How long an article page rendered for readers who are not logged in is reused (0 turns it off).
PAGE_CACHE_SECONDS = env_int("FAIRFIELD_PAGE_CACHE_SECONDS", 600, minimum=0)

# Background work: Django's tasks framework with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HEALTH_MAX_TASK_AGE_SECONDS = env_int("FAIRFIELD_HEALTH_MAX_TASK_AGE", 900, minimum=1)
# /healthz answers everyone with its bare status; the details (database vendor, cache backend, queue length) go
# only to staff with admin access or to a monitor sending "Authorization: Bearer <this token>" (empty: no token).
HEALTHZ_TOKEN = env_str("FAIRFIELD_HEALTHZ_TOKEN", "")
# The shared secret the mail provider signs bounce and complaint reports with (/notifications/mail-events/);
# empty: the endpoint answers 404.
MAIL_EVENTS_SECRET = env_str("FAIRFIELD_MAIL_EVENTS_SECRET", "")

# E-mail: printed to the console unless SMTP_URL is given.
SMTP_URL = env_str("SMTP_URL", "")
if PRODUCTION and not SMTP_URL:
    raise ImproperlyConfigured("SMTP_URL must be set in production, e.g. smtp://user:password@mail:587?starttls=1.")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": smtp_from_url("SMTP_URL", SMTP_URL),
    }
    if SMTP_URL
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "" if PRODUCTION else "Fairfield <noreply@fairfield.localhost>")
if PRODUCTION and not DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured("DEFAULT_FROM_EMAIL must be set in production.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Donations (fairfield/donations/README.md). Card gifts go through Stripe Checkout when the card gateway is on;
# the test gateway ("test mode", no money moves) exists only outside production.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
DONATIONS_CARD_GATEWAY = env_bool("DONATIONS_CARD_GATEWAY", default=bool(STRIPE_SECRET_KEY))
if DONATIONS_CARD_GATEWAY and PRODUCTION and not (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET):
    raise ImproperlyConfigured(
        "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set when DONATIONS_CARD_GATEWAY is on."
    )
DONATIONS_TEST_GATEWAY = env_bool("DONATIONS_TEST_GATEWAY", default=not PRODUCTION)
if DONATIONS_TEST_GATEWAY and PRODUCTION:
    raise ImproperlyConfigured("DONATIONS_TEST_GATEWAY takes no real money and must be off in production.")

# Testimony (fairfield/testimony/README.md). The writers' own words are encrypted at rest with these Fernet keys,
# newest first; `manage.py testimony_rotate_keys` re-encrypts everything under the first. Outside production a key
# derived from the secret key stands in.
TESTIMONY_KEYS = env_list("FAIRFIELD_TESTIMONY_KEYS", [])
if PRODUCTION and not TESTIMONY_KEYS:
    raise ImproperlyConfigured("FAIRFIELD_TESTIMONY_KEYS must list at least one Fernet key in production.")

# Accounts.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "fairfield.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "pseudonym*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "pseudonym"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Fairfield] "
ACCOUNT_FORMS = {
    "signup": "fairfield.accounts.forms.SignupForm",
    "login": "fairfield.accounts.forms.LoginForm",
    "reset_password": "fairfield.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "fairfield.accounts.forms.ResetPasswordKeyForm",
    "change_password": "fairfield.accounts.forms.ChangePasswordForm",
    "add_email": "fairfield.accounts.forms.AddEmailForm",
    "reauthenticate": "fairfield.accounts.forms.ReauthenticateForm",
}
MFA_ADAPTER = "fairfield.accounts.adapter.MFAAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Fairfield"
# One 30-second step either side, as RFC 6238 suggests for clock drift; each code still works only once.
MFA_TOTP_TOLERANCE = 1

# Wagtail.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Pages restricted to members send readers to the same log-in as everything else.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = []
# Office files, and the recordings articles and podcast episodes carry (publishing.models.AUDIO_TYPES).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_EXTENSIONS += ["mp3", "m4a", "ogg", "oga", "opus", "wav"]
WAGTAIL_I18N_ENABLED = False

# Internationalisation.
LANGUAGE_CODE = "en"
# Addresses carry no language prefix: the reader's choice lives in the language cookie (set by the footer's
# switcher), and without one the browser's Accept-Language decides.
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "fairfield" / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = env_str("FAIRFIELD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static and media files, served from this process unless a CDN or object store is configured.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("FAIRFIELD_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers. Pages load nothing from elsewhere; Wagtail's admin gets its own policy.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Tells the writer of a refused form that their text was not saved and is still there when they go back.
CSRF_FAILURE_VIEW = "fairfield.comments.views.csrf_failure"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 63072000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = [SITE_URL]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("FAIRFIELD_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Moderation: rate limits on comments (fairfield/moderation/README.md); off only where tests turn them off.
MODERATION_RATE_LIMITS = env_bool("FAIRFIELD_COMMENT_RATE_LIMITS", True)
