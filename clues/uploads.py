"""Checking uploaded files by what they contain, not by what they are called.

Everything is checked before anything is written: a submission with one bad file stores nothing.
"""

import warnings
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .models import AttachmentKind

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 9
# Images are verified by Pillow as well; PDF is the only document kind accepted from the public.
ALLOWED_IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
ALLOWED_DOCUMENT_TYPES = {"application/pdf": "pdf"}
# Staff may attach video as well (inspection footage, drone flights).
ALLOWED_VIDEO_TYPES = {"video/mp4": "mp4", "video/quicktime": "mov"}
# A photo from any phone is under 50 megapixels. A few hundred bytes of PNG can declare billions of
# pixels (a "decompression bomb"), so the declared size is checked from the header, before decoding.
MAX_IMAGE_PIXELS = 60_000_000


@dataclass
class CheckedFile:
    upload: object
    kind: str
    content_type: str
    extension: str
    size: int
    original_name: str


def _read_head(upload, length=8192):
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def check_file(upload, *, allow_video=False):
    """A CheckedFile, or ValidationError with a message a member of the public understands."""
    name = getattr(upload, "name", "") or "file"
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            _("文件“%(name)s”超过%(limit)sMB的大小限制。"), params={"name": name, "limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if size == 0:
        raise ValidationError(_("文件“%(name)s”是空文件。"), params={"name": name})
    guess = filetype.guess(_read_head(upload))
    mime = guess.mime if guess else None
    if mime in ALLOWED_IMAGE_TYPES:
        _check_image(upload, name)
        return CheckedFile(upload, AttachmentKind.PHOTO, mime, ALLOWED_IMAGE_TYPES[mime], size, name)
    if mime in ALLOWED_DOCUMENT_TYPES:
        return CheckedFile(upload, AttachmentKind.DOCUMENT, mime, ALLOWED_DOCUMENT_TYPES[mime], size, name)
    if allow_video and mime in ALLOWED_VIDEO_TYPES:
        return CheckedFile(upload, AttachmentKind.VIDEO, mime, ALLOWED_VIDEO_TYPES[mime], size, name)
    if allow_video:
        message = _("文件“%(name)s”的格式不受支持：只接受 JPEG、PNG、WebP 图片，PDF 文件和 MP4 视频。")
    else:
        message = _("文件“%(name)s”的格式不受支持：只接受 JPEG、PNG、WebP 图片和 PDF 文件。")
    raise ValidationError(message, params={"name": name})


def _check_image(upload, name):
    """The image's header is sane and declares at most MAX_IMAGE_PIXELS; nothing is decoded."""
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that: make every bomb an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError(f"{width}x{height}")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("图片“%(name)s”的像素过多（至多%(limit)s万像素）。"), params={"name": name, "limit": MAX_IMAGE_PIXELS // 10_000}
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("图片“%(name)s”已损坏，无法读取。"), params={"name": name}) from exc
    finally:
        upload.seek(0)


def check_files(uploads, *, allow_video=False, already=0):
    uploads = list(uploads)
    if len(uploads) + already > MAX_FILES:
        raise ValidationError(_("最多上传%(max)s个文件。"), params={"max": MAX_FILES})
    return [check_file(u, allow_video=allow_video) for u in uploads]
