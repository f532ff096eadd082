"""Uploads are judged by their header before anything is decoded: a decompression bomb is a 400."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from clues.models import Clue, ClueAttachment

from .test_public import submit


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width=50_000, height=50_000):
    """A few hundred bytes declaring width × height pixels (2.5 billion by default)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024, 9)
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", png, content_type="image/png")


def test_the_public_portal_refuses_a_decompression_bomb_in_chinese_and_stores_nothing(org):
    response = submit(procuratorate=org["金川"].pk, photos=[bomb_png()])

    assert response.status_code == 400
    assert "像素过多" in str(response.json())
    assert Clue.objects.count() == 0


def test_an_image_just_past_the_limit_is_refused_too(org):
    response = submit(procuratorate=org["金川"].pk, photos=[bomb_png(10_000, 7_000)])

    assert response.status_code == 400 and "像素过多" in str(response.json())


def test_staff_upload_refuses_a_decompression_bomb(make_clue, handler, client_for):
    clue = make_clue(handler=handler)

    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/attachments/", {"files": [bomb_png()]}, format="multipart")

    assert response.status_code == 400
    assert "像素过多" in str(response.json())
    assert ClueAttachment.objects.filter(clue=clue).count() == 0
