"""Image limits: a decompression bomb (a small file that decodes to gigapixels) is refused before
any decoding, with a clear Chinese message.

Pillow's ``Image.MAX_IMAGE_PIXELS`` is set to ``MAX_IMAGE_PIXELS`` (Pillow then refuses to open
anything twice as large), and :func:`check_image_pixels` reads only the header to refuse anything
larger than the limit itself. 100 megapixels is well above any camera or scanner in use.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import IO

from PIL import Image

from yangguang.core.errors import DomainError

MAX_IMAGE_PIXELS = 100_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


class ImageTooLarge(DomainError):
    http_status = 400


def check_image_pixels(source: str | Path | IO[bytes], *, limit: int = MAX_IMAGE_PIXELS) -> None:
    """Refuse an image whose header declares more than ``limit`` pixels (nothing is decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as img:
                width, height = img.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        width, height = limit + 1, 1
    except (OSError, ValueError, SyntaxError):
        return  # not an image Pillow can read: the file-type checks judge it
    if width * height > limit:
        raise ImageTooLarge(
            f"图片像素过多（{width}×{height}），超过上限{limit // 10_000}万像素，可能是“解压炸弹”，未保存",
            code="image_too_large",
        )
