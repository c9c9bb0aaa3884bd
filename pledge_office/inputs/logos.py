"""Logos: checked before any document is written, because they come from anywhere."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from pledge_office.errors import LogoProblem
from pledge_office.model.logo import Logo

MAX_LOGO_BYTES = 10_000_000
MAX_LOGO_PIXELS = 40_000_000  # a 6000 x 6000 logo is already absurd for a letterhead
WORD_IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "BMP"}


def check_logo(value: str, folder: Path, council_file: Path, where: str, alt: str,
               owner: str = "council file") -> Logo:
    """Resolve a logo path against the folder of the file naming it and check it is a safe image."""
    candidate = folder / value
    if Path(value).is_absolute() and _inside(Path(value), folder):
        candidate = Path(value)
    elif Path(value).is_absolute() or ".." in Path(value).parts:
        raise LogoProblem(
            f"logo '{value}' must be inside the {owner}'s folder; copy it there",
            file=council_file, where=where,
        )
    if not candidate.is_file():
        raise LogoProblem(
            f"logo file '{value}' not found in the folder of {council_file.name}; check the name",
            file=council_file, where=where,
        )
    real_folder = Path(os.path.realpath(folder))
    real = Path(os.path.realpath(candidate))
    if real_folder not in real.parents:
        raise LogoProblem(
            f"logo '{value}' is a link to a file outside the {owner}'s folder; copy the file there instead",
            file=council_file, where=where,
        )
    return _inspect(candidate, alt, council_file, where)


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(folder)) in Path(os.path.realpath(path)).parents


@contextmanager
def _pixel_limit(limit: int) -> Iterator[None]:
    """Lower Pillow's decompression-bomb limit for one logo only: the setting is process-wide."""
    import warnings

    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # over the limit is refused, not warned
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _inspect(path: Path, alt: str, report_file: Path, where: str) -> Logo:
    from PIL import Image

    from pledge_office.office.files import check_regular

    check_regular(path, 10**12, "an image")  # a FIFO or device: one line, no hang
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise LogoProblem(f"logo '{path.name}' is over 10 MB; use a smaller PNG", file=report_file, where=where)
    try:
        with _pixel_limit(MAX_LOGO_PIXELS), Image.open(path) as image:
            fmt, (width, height) = image.format, image.size
            if width * height > MAX_LOGO_PIXELS:
                raise Image.DecompressionBombError()
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LogoProblem(
            f"logo '{path.name}' is too large in pixels; use one under 6000 x 6000",
            file=report_file, where=where,
        ) from None
    except Exception:
        raise LogoProblem(
            f"logo '{path.name}' is not a readable image; save it as PNG or JPEG",
            file=report_file, where=where,
        ) from None
    if fmt not in WORD_IMAGE_FORMATS:
        raise LogoProblem(
            f"logo '{path.name}' is a {fmt} image, which Word cannot show; save it as PNG or JPEG",
            file=report_file, where=where,
        )
    return Logo(path=path, alt=alt, width_px=width, height_px=height, converted=_for_word(path))


def _for_word(path: Path) -> Optional[bytes]:
    """Return a PNG copy of a logo Word cannot read as it is (a CMYK JPEG from a designer, say)."""
    import io

    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image as WordImage
    from PIL import Image

    data = path.read_bytes()
    try:
        WordImage.from_blob(data)
        with Image.open(io.BytesIO(data)) as image:
            if image.mode not in ("CMYK", "YCbCr"):
                return None
    except (UnrecognizedImageError, Exception):
        pass
    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        image.convert("RGBA" if "A" in image.mode else "RGB").save(out, format="PNG")
        return out.getvalue()
