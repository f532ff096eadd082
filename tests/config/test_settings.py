"""What the settings choose from the environment: where media goes, and shared sessions."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.procuratorates.test_shell import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; media = storages['default']; "
    "print(settings.STORAGES['default']['BACKEND']); print(type(media).__name__); "
    "print(getattr(media, 'endpoint_url', '')); print(settings.SESSION_ENGINE)"
)
S3 = {"AWS_STORAGE_BUCKET_NAME": "pil-media", "S3_ENDPOINT_URL": "http://minio:9000",
      "AWS_ACCESS_KEY_ID": "pil", "AWS_SECRET_ACCESS_KEY": "pil-secret-key"}
STORAGE_VARIABLES = (*S3, "DJANGO_SETTINGS_MODULE", *PRODUCTION_ENV)


def probe(env):
    """Loads the settings in a fresh interpreter (they are read once, at import); no network is touched."""
    inherited = {k: v for k, v in os.environ.items() if k not in STORAGE_VARIABLES and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=inherited | env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:4]


@pytest.mark.parametrize("settings_module", ["config.settings.local", "config.settings.production"])
def test_media_go_to_the_s3_bucket_when_one_is_configured(settings_module):
    env = (PRODUCTION_ENV if settings_module.endswith("production") else {}) | S3
    backend, storage, endpoint, _ = probe(env | {"DJANGO_SETTINGS_MODULE": settings_module})

    assert backend == "storages.backends.s3.S3Storage"
    assert (storage, endpoint) == ("S3Storage", "http://minio:9000")


@pytest.mark.parametrize("settings_module", ["config.settings.local", "config.settings.production"])
def test_media_stay_on_the_local_disk_without_a_bucket(settings_module):
    env = PRODUCTION_ENV if settings_module.endswith("production") else {}
    backend, storage, _, sessions = probe(env | {"DJANGO_SETTINGS_MODULE": settings_module})

    assert (backend, storage) == ("django.core.files.storage.FileSystemStorage", "FileSystemStorage")
    assert sessions == "django.contrib.sessions.backends.db"  # shared by every web node, Redis or not
