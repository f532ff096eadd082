"""Fixtures for clue tests: small real images, a throwaway media folder, ready-made clues."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from procuratorates.models import Field

REPORTER_NAME = "卓玛拉姆"
REPORTER_PHONE = "13800009876"
REPORTER_ID = "513228199001011234"


def jpeg(name="photo.jpg", colour=(40, 120, 60), size=(64, 48)):
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png(name="photo.png"):
    buffer = BytesIO()
    Image.new("RGB", (20, 20), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def stored_files(root):
    return [p for p in Path(root).rglob("*") if p.is_file()]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_throttle_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ecology(db):
    return Field.objects.get(code=1)


@pytest.fixture
def clerk(demo):
    return demo["jinchuan_clerk"]


@pytest.fixture
def make_clue(demo, org, ecology):
    """make_clue(**overrides) → a clue registered at 金川 by its clerk through the service."""
    from clues import services

    def make(**overrides):
        values = {
            "actor": demo["jinchuan_clerk"], "procuratorate": org["金川"], "title": "勒乌镇河道非法采砂",
            "description": "勒乌镇大金川河段有人夜间非法采砂，河床破坏严重。", "source": "public_report",
            "received_on": date(2026, 3, 2), "field": ecology,
        }
        values.update(overrides)
        return services.clue_register(**values)

    return make


@pytest.fixture
def named_reporter():
    return {"anonymous": False, "name": REPORTER_NAME, "phone": REPORTER_PHONE, "id_number": REPORTER_ID,
            "address": "金川县金川镇"}
