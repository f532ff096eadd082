"""Settings shared by every environment, read from the environment through django-environ.

Without DATABASE_URL and REDIS_URL the app runs on its embedded defaults: SQLite and a
filesystem Celery broker, so `make run` needs no server and background jobs still run.
"""

import base64
import hashlib
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from redis.exceptions import ConnectionError as RedisConnectionError

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"  # local state of the embedded default: SQLite, broker files, uploads
for _sub in ("celery/out", "celery/control", "static"):
    (VAR_DIR / _sub).mkdir(parents=True, exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEFAULT_SECRET_KEY = "insecure-development-key-change-me"
DEFAULT_DEMO_PASSWORD = "demo-pass-2026"

SECRET_KEY = env("SECRET_KEY", default=DEFAULT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
DEMO_PASSWORD = env("DEMO_PASSWORD", default=DEFAULT_DEMO_PASSWORD)


def _development_key(label):
    # Fixed and published: lets `make run` and the tests work unconfigured; production refuses it.
    return base64.urlsafe_b64encode(hashlib.sha256(f"pil-development-{label}".encode()).digest()).decode()


# The reporter's identity at rest (core/crypto.py): Fernet keys newest first, and the separate key of
# the keyed hashes that searching uses. Rotation: README, "Rotating the field keys".
DEFAULT_FIELD_ENCRYPTION_KEY = _development_key("field-encryption")
DEFAULT_FIELD_HASH_KEY = _development_key("field-hash")
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[DEFAULT_FIELD_ENCRYPTION_KEY])
FIELD_HASH_KEY = env("FIELD_HASH_KEY", default=DEFAULT_FIELD_HASH_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    # The project's apps in the order of the layers (STYLE.md): each may import only those above it here.
    "core",
    "procuratorates",
    "deadlines",
    "approvals",
    "pil_cases",
    "clues",
    "mechanisms",
    "integrated",
    "oversight",
    "supervision_models",
    "hearings",
    "search",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # NUL bytes and lone surrogates answer 400 before any view can try to store them.
    "config.errors.UnstorableInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it must see the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
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
                "procuratorates.ui.nav_items",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A worker and the web server write to the same file: wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "procuratorates.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "login"

# Five failures lock the username for an hour (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same client address as the portal's throttles: REMOTE_ADDR, or what NUM_PROXIES trusted proxies saw.
AXES_CLIENT_IP_CALLABLE = "config.throttling.client_ip"
AXES_HTTP_RESPONSE_CODE = 429

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploaded files: on S3-compatible object storage (MinIO in docker-compose.yml) when a bucket is
# configured, so every web node and worker sees the same files; on the local disk otherwise.
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default="")  # empty: AWS itself
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            # MinIO and most on-premises stores address buckets by path, not by subdomain.
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
            # Attachments are evidence and photos of reporters' surroundings: private objects, never
            # overwritten; the app streams them to those entitled (clues/api.py), so no public URLs.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Lists count their rows exactly up to this many (a bounded count reads at most this many index entries);
# beyond it they answer the planner's estimate, marked `count_estimated` ("约 1,000,000 件"). DOMAIN.md §10.
LIST_EXACT_COUNT_LIMIT = env.int("LIST_EXACT_COUNT_LIMIT", default=10000)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes "not signed in" a 401, as API.md asks.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DATE_FORMAT": "%Y-%m-%d",
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    # The public portal's limits per client address (config.throttling): submissions and volunteer sign-ups,
    # lookups by a code (tracking code, volunteer code: a scanner must not get far), and reference lists.
    "DEFAULT_THROTTLE_RATES": {
        "public_submit": env("PUBLIC_SUBMIT_RATE", default="10/hour"),
        "public_lookup": env("PUBLIC_LOOKUP_RATE", default="60/hour"),
        "public_read": env("PUBLIC_READ_RATE", default="300/hour"),
    },
    # How many reverse proxies in front of Django append to X-Forwarded-For (README, "Configuration").
    # 0: the client is REMOTE_ADDR and the header is ignored; a client-chosen header never names the client.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "检察公益诉讼办案系统 API",
    "DESCRIPTION": "Procuratorial public interest litigation case management.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Served from drf-spectacular-sidecar: the intranet reaches no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Stable schema names for choice sets: "status" and "kind" are common field names, and
    # without these drf-spectacular invents hashed names (Status5a6Enum) and warns.
    "ENUM_NAME_OVERRIDES": {
        "LevelEnum": "procuratorates.models.Level",
        "ReportJobKindEnum": "reporting.models.ReportJobKind",
        "ReportJobStatusEnum": "reporting.models.ReportJobStatus",
        "AgencyKindEnum": "procuratorates.models.AgencyKind",
        "CaseTypeEnum": "procuratorates.models.CaseType",
        "DeadlineKindEnum": "deadlines.models.DeadlineKind",
        "ClueStatusEnum": "clues.models.ClueStatus",
        "ClueSourceEnum": "clues.models.ClueSource",
        "ClueAttachmentKindEnum": "clues.models.AttachmentKind",
        "ClueTransferKindEnum": "clues.models.ClueTransfer.Kind",
        "ClueDuplicateKindEnum": [("clue", "clue"), ("case", "case")],
        "CaseStatusEnum": "pil_cases.models.CaseStatus",
        "SupervisionStatusEnum": "oversight.models.SupervisionStatus",
        "UpwardReportStatusEnum": "oversight.models.UpwardReportStatus",
        "SuggestionStatusEnum": "pil_cases.models.SuggestionStatus",
        "RectificationEnum": "pil_cases.models.Rectification",
        "CaseRecordKindEnum": "pil_cases.models.CaseRecord.Kind",
        "MetricKindEnum": "pil_cases.models.MetricKind",
        "ClosingReasonEnum": "pil_cases.models.ClosingReason",
        "JudgmentKindEnum": "pil_cases.models.JudgmentKind",
        "DocumentKindEnum": "pil_cases.models.DocumentKind",
        "EnforcementStatusEnum": "pil_cases.models.EnforcementStatus",
        "AppealResultEnum": "pil_cases.models.AppealResult",
        "JudgmentOutcomeEnum": "pil_cases.models.JudgmentOutcome",
        "SettlementKindEnum": "pil_cases.models.SettlementKind",
        "SettlementStatusEnum": "pil_cases.models.SettlementStatus",
        "SupportFormEnum": "pil_cases.models.SupportForm",
        "SupportOutcomeEnum": "pil_cases.models.SupportOutcome",
        "MechanismKindEnum": "mechanisms.models.MechanismKind",
        "MechanismStatusEnum": "mechanisms.models.MechanismStatus",
        "CooperationItemEnum": "mechanisms.models.CooperationItem",
        "MemberRoleEnum": "mechanisms.models.MemberRole",
        "MechanismTransferStatusEnum": "mechanisms.models.TransferStatus",
        "AssistanceStatusEnum": "mechanisms.models.AssistanceStatus",
        "MeetingStatusEnum": "mechanisms.models.MeetingStatus",
        "CampaignTargetKindEnum": "mechanisms.models.CampaignTargetKind",
        "HearingOfficerKindEnum": "hearings.models.OfficerKind",
        "HearingStageEnum": "hearings.models.HearingStage",
        "HearingStatusEnum": "hearings.models.HearingStatus",
        "OpinionStanceEnum": "hearings.models.OpinionStance",
        "ConsultationFormEnum": "pil_cases.models.ConsultationForm",
        "ConsultationResultEnum": "pil_cases.models.ConsultationResult",
    },
}

# Sessions in the database: every web node reads the same ones, and signing in keeps working while Redis
# is down (the cache is optional on every path).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

REDIS_URL = env("REDIS_URL", default="")
# Redis is optional on every path (the portal's throttles fall back to a local limit, background work waits in
# the outbox), so its clients fail fast while it is away and reconnect on the first call after it returns:
# one immediate retry replaces a pooled connection that died with the server; the health check pings a
# connection idle for longer than the interval before using it.
REDIS_CLIENT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "retry_on_timeout": True,
    "health_check_interval": 10,
}
REDIS_BROKER_TRANSPORT_OPTIONS = {**REDIS_CLIENT_OPTIONS, "socket_keepalive": True}


def redis_caches(url):
    """CACHES for a Redis server at `url` (also used by the outage test, which starts a server of its own)."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {**REDIS_CLIENT_OPTIONS, "retry_on_error": [RedisConnectionError]},
        }
    }


if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = REDIS_BROKER_TRANSPORT_OPTIONS
    CACHES = redis_caches(REDIS_URL)
else:
    # Embedded broker: messages are files under var/celery, so no server is needed.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "out"),
        "data_folder_out": str(VAR_DIR / "celery" / "out"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# A failing broker must not hang a web request for long.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_MAX_RETRIES = 1
# A worker started while Redis is down waits for it instead of exiting; one that loses it reconnects.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_RETRY = True
# The outbox (core.outbox): how often beat relays what could not be sent at commit.
OUTBOX_RELAY_SECONDS = env.int("OUTBOX_RELAY_SECONDS", default=30)

# Seconds between worker heartbeats; /health/ reports the worker down after three missed.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=60)
# Deadline reminders (docs/deadlines.md): the sweep's interval, the tiers and the escalation thresholds.
DEADLINE_SWEEP_MINUTES = env.int("DEADLINE_SWEEP_MINUTES", default=5)
# Workers that share one sweep (deadlines.tasks.deadline_sweep): the worker's --concurrency is the useful most.
DEADLINE_SWEEP_WORKERS = env.int("DEADLINE_SWEEP_WORKERS", default=2)
DEADLINE_REMINDER_DAYS = env.list("DEADLINE_REMINDER_DAYS", cast=int, default=[7, 1, 0])  # days before due; 0 = on the day
DEADLINE_OVERDUE_DAILY = env.bool("DEADLINE_OVERDUE_DAILY", default=True)
DEADLINE_ESCALATE_HEAD_WORKING_DAYS = env.int("DEADLINE_ESCALATE_HEAD_WORKING_DAYS", default=3)
DEADLINE_ESCALATE_SUPERIOR_WORKING_DAYS = env.int("DEADLINE_ESCALATE_SUPERIOR_WORKING_DAYS", default=10)
DEADLINE_DIGEST_HOUR = env.int("DEADLINE_DIGEST_HOUR", default=8)  # Asia/Shanghai (CELERY_TIMEZONE)
# Minutes to wait after each failed email attempt (1 min, 5 min, 30 min, 2 h, 6 h); after the last, it is given up.
NOTIFICATION_EMAIL_RETRY_MINUTES = env.list("NOTIFICATION_EMAIL_RETRY_MINUTES", cast=int, default=[1, 5, 30, 120, 360])
NOTIFICATION_EMAIL_SECONDS = env.int("NOTIFICATION_EMAIL_SECONDS", default=60)  # how often due emails are sent
# Statistics rollups (reporting.rollup_refresh): how often beat rebuilds them.
ROLLUP_REFRESH_MINUTES = env.int("ROLLUP_REFRESH_MINUTES", default=10)
ROLLUP_WORK_MEM_MB = env.int("ROLLUP_WORK_MEM_MB", default=256)  # PostgreSQL work_mem for the refresh's GROUP BYs
SITE_URL = env("SITE_URL", default="")  # prefix for links in emails, e.g. https://pil.example.gov.cn

CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {"task": "core.tasks.outbox_relay", "schedule": OUTBOX_RELAY_SECONDS},
    "worker-heartbeat": {"task": "deadlines.tasks.worker_heartbeat", "schedule": WORKER_HEARTBEAT_SECONDS},
    "deadline-sweep": {"task": "deadlines.tasks.deadline_sweep", "schedule": DEADLINE_SWEEP_MINUTES * 60},
    "notifications-email-due": {"task": "deadlines.tasks.notifications_email_due", "schedule": NOTIFICATION_EMAIL_SECONDS},
    "rollups-refresh": {"task": "reporting.tasks.rollups_refresh", "schedule": ROLLUP_REFRESH_MINUTES * 60},
    "calendar-sync": {"task": "deadlines.tasks.calendar_sync", "schedule": crontab(hour=0, minute=5)},
    "notice-schedules-repair": {"task": "deadlines.tasks.notice_schedules_repair", "schedule": crontab(hour=0, minute=15)},
    "mechanisms-expire-due": {"task": "mechanisms.tasks.mechanisms_expire_due", "schedule": crontab(hour=0, minute=30)},
    # Background exports and imports (reporting.jobs): re-queue runs whose worker died, delete week-old files.
    "report-jobs-recover": {"task": "reporting.tasks.report_jobs_recover", "schedule": 300},
    "notification-digest": {
        "task": "deadlines.tasks.notification_digest",
        "schedule": crontab(hour=DEADLINE_DIGEST_HOUR, minute=0),
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="pil@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
