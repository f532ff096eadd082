"""Checking uploaded files by what they contain, not by what they are called.

Everything is checked before anything is written: a submission with one bad file stores nothing.
"""

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
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(_("图片“%(name)s”已损坏，无法读取。"), params={"name": name}) from exc
        finally:
            upload.seek(0)
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


def check_files(uploads, *, allow_video=False, already=0):
    uploads = list(uploads)
    if len(uploads) + already > MAX_FILES:
        raise ValidationError(_("最多上传%(max)s个文件。"), params={"max": MAX_FILES})
    return [check_file(u, allow_video=allow_video) for u in uploads]
