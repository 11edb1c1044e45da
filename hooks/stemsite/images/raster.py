"""Logos, photos and practice images: from one checked source file to the sizes a page needs.

One job per source file decodes it once and writes every variant: for each recipe (a box
in CSS pixels, fit or crop) a 1x file and one for sharp screens (up to 2x, never enlarged:
:func:`densities`) in WebP, and the 1x file in a fallback format (PNG or JPEG) for the few
browsers without WebP: they get a slightly softer picture on a sharp screen, while a cold
build saves an encode of the largest file for every logo. A file for sharp screens that the
source limits holds all of the cropped source's pixels, so two recipes of one shape (a
portrait for the gallery and for its own page) share it: encoded once, fetched once. What a page needs is the
:class:`Picture` the macro ``theme/records/_picture.html`` reads.

Jobs run in worker processes (see ``pipeline``), so everything here is picklable and the
only state is :data:`DECODES`, a per-process counter the tests read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageCms, ImageOps

from ..stored import reuse, write_atomic
from ..image_cache import cached_file, code_version, read_manifest, write_manifest
from ..imagecheck.inspect import open_image
from ..sitebuild import Picture

VERSION = "raster-" + code_version("images/raster.py", "imagecheck/inspect.py")
"""Part of every key: a change to the code makes new files instead of reusing old ones."""
DENSITIES = (1, 2)
"""The screens files are made for: 1x, and 2x where the source has the pixels."""
SHARPER_FROM = 1.1
"""A file for sharp screens is made when the source has at least this many times the 1x pixels across."""
FALLBACK = {"png": "image/png", "jpeg": "image/jpeg"}
ENCODE: dict[str, dict[str, Any]] = {
    "webp-logo": {"format": "WEBP", "quality": 90, "method": 2},
    "webp-photo": {"format": "WEBP", "quality": 80, "method": 4},
    "png": {"format": "PNG", "compress_level": 1},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}
# Logos are many (one per signatory) and small: WebP method 2 encodes a logo's two sizes ~3× faster
# than method 4 for files under 10 % larger. The PNG is only the fallback for a browser without WebP
# (the <source> comes first), so it is written for speed: level 1 takes half the time of level 6
# (7 instead of 13.5 ms a logo, the largest part of a cold build) for files ~25 % larger.
TRIM_TOLERANCE = 24
"""How far (0–255) a border pixel may differ from the corner colour and still count as empty."""
DECODES = 0
"""Source files decoded by this process."""


@dataclass(frozen=True)
class Recipe:
    """One shape an image is shown in."""

    name: str
    """Field of :class:`~stemsite.sitebuild.RecordMedia` and part of the file name (``picture``, ``picture_large``)."""
    box: tuple[int, int]
    """Width and height in CSS pixels."""
    crop: bool
    """True: fill the box, cropping around the focal point (photos); False: fit inside it (logos)."""
    fallback: str
    """``png`` (keeps transparency) or ``jpeg``."""


LOGO = (Recipe("picture", (240, 120), crop=False, fallback="png"),)
PHOTO = (Recipe("picture", (320, 400), crop=True, fallback="jpeg"),
         Recipe("picture_large", (480, 600), crop=True, fallback="jpeg"))
"""4:5 like the cards of the gallery; the larger one for the role model's own page."""
PRACTICE = (Recipe("picture", (480, 320), crop=True, fallback="jpeg"),)
"""3:2: a scene of an activity, not a portrait."""
STORY = (Recipe("picture", (480, 320), crop=True, fallback="jpeg"),
         Recipe("picture_large", (720, 480), crop=True, fallback="jpeg"))
"""3:2 like a practice (a scene, not a portrait), with a larger one for the story's own page like a role model's."""
RECIPES = {"logo": LOGO, "photo": PHOTO, "wide": PRACTICE, "story": STORY}
"""By ``Collection.image_recipe``."""


@dataclass(frozen=True)
class RasterJob:
    """Turn one source file into every variant of its recipes."""

    source: Path
    format: str
    """The sniffed format: png, jpeg or webp."""
    recipes: tuple[Recipe, ...]
    focus: tuple[float, float]
    key: str
    out_dir: Path

    @property
    def manifest_path(self) -> Path:
        return cached_file(self.out_dir, f"{self.key}.json")

    def run(self) -> int:
        """Write the variants and the manifest; return how many files were decoded."""
        global DECODES
        image = load_oriented(self.source, self.format, max(max(r.box) for r in self.recipes) * max(DENSITIES))
        DECODES += 1
        logo = any(not r.crop for r in self.recipes)
        image = flatten(image, transparent=logo)
        if logo:
            image = trim(image)
        manifest: dict[str, Any] = {}
        written: dict[tuple, str] = {}
        for recipe in self.recipes:
            manifest[recipe.name] = self._variants(image, recipe, written)
        write_manifest(self.manifest_path, manifest)
        return 1

    def _variants(self, image: Image.Image, recipe: Recipe, written: dict[tuple, str]) -> dict[str, Any]:
        """The recipe's files; one the job already wrote for another recipe (same pixels, format) is reused."""
        width, height = recipe.box
        region = (0, 0, image.width, image.height)
        if recipe.crop:
            region = crop_region(image.size, recipe.box, self.focus)
        else:
            scale = min(width / image.width, height / image.height)
            width, height = max(1, round(image.width * scale)), max(1, round(image.height * scale))
        webp = "webp-logo" if recipe.fallback == "png" else "webp-photo"
        files: dict[str, list[str]] = {"webp": [], recipe.fallback: []}
        made = densities(region[2] - region[0], width)
        for density in made:
            size = (max(1, round(width * density)), max(1, round(height * density)))
            if 1 < density < max(DENSITIES):  # as sharp as the source allows: all of the region's pixels
                size = (max(1, round(region[2] - region[0])), max(1, round(region[3] - region[1])))
            formats = [("webp", ENCODE[webp])]
            if density == 1:  # the fallback only at 1x (see the module's docstring)
                formats.append((recipe.fallback, ENCODE[recipe.fallback]))
            variant = None
            for fmt, settings in formats:
                same = (region, size, fmt, repr(settings))
                if same not in written:  # e.g. a portrait's sharp file for the gallery and for its own page
                    if variant is None:
                        variant = image.resize(size, Image.Resampling.LANCZOS, box=region, reducing_gap=3.0)
                        variant.info = {}  # no EXIF, XMP, ICC or text chunk may ride along
                    name = f"{self.key}-{recipe.name}-{density:g}x.{'jpg' if fmt == 'jpeg' else fmt}"
                    buffer = io.BytesIO()
                    variant.save(buffer, **settings)
                    write_atomic(cached_file(self.out_dir, name), buffer.getvalue())
                    written[same] = name
                files[fmt].append(written[same])
        return {"width": width, "height": height, "files": files, "fallback": recipe.fallback, "densities": made}


def densities(source_width: float, width: int) -> list[float]:
    """The screen densities to make files for: 1x, and the sharpest the source allows up to 2x.

    A file enlarged from the source has no detail the browser's own enlargement of the 1x file
    lacks; it only costs bytes on every visit and time in a cold build (logos are often a few
    hundred pixels wide). A source of 300 pixels for a 240-pixel box gets a 1x and a 1.25x file;
    one of 250 pixels only a 1x file.
    """
    sharper = min(max(DENSITIES), round(source_width / width, 2))
    return [1, sharper] if sharper >= SHARPER_FROM else [1]


def load_oriented(source: Path, fmt: str, largest: int) -> Image.Image:
    """Decode once (JPEG at the smallest scale that still covers ``largest``), upright, in sRGB."""
    image = open_image(source.read_bytes(), fmt)
    if fmt == "jpeg":
        image.draft("RGB", (largest, largest))
    image.load()
    image = ImageOps.exif_transpose(image)
    return to_srgb(image)


_SRGB = ImageCms.createProfile("sRGB")


def to_srgb(image: Image.Image) -> Image.Image:
    """Apply an embedded colour profile, so dropping it does not change the colours."""
    icc = image.info.get("icc_profile")
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA")
    if image.mode == "CMYK" and not icc:
        return image.convert("RGB")
    if not icc:
        return image
    mode = "RGBA" if "A" in image.getbands() else "RGB"
    try:
        return ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image.convert(mode)


def flatten(image: Image.Image, transparent: bool) -> Image.Image:
    """RGBA for logos; RGB on white for photos (JPEG has no transparency)."""
    rgba = image.convert("RGBA")
    if transparent:
        return rgba
    canvas = Image.new("RGB", rgba.size, "white")
    canvas.paste(rgba, mask=rgba.getchannel("A"))
    return canvas


def trim(image: Image.Image) -> Image.Image:
    """Cut empty borders: transparent ones, or a plain border of the corners' colour."""
    alpha = image.getchannel("A")
    if alpha.getextrema()[0] < 255:
        box = alpha.point(lambda a: 255 if a > 8 else 0).getbbox()
    else:
        rgb = image.convert("RGB")
        corners = [rgb.getpixel(p) for p in ((0, 0), (rgb.width - 1, 0), (0, rgb.height - 1),
                                             (rgb.width - 1, rgb.height - 1))]
        if max(max(c) - min(c) for c in zip(*corners)) > TRIM_TOLERANCE:
            return image  # no plain border to cut
        background = Image.new("RGB", rgb.size, corners[0])
        difference = ImageChops.difference(rgb, background).convert("L")
        box = difference.point(lambda v: 255 if v > TRIM_TOLERANCE else 0).getbbox()
    return image.crop(box) if box else image


def crop_region(size: tuple[int, int], box: tuple[int, int], focus: tuple[float, float]
                ) -> tuple[float, float, float, float]:
    """The largest region of the box's shape, as centred on the focal point as the edges allow."""
    width, height = size
    ratio = box[0] / box[1]
    crop_w, crop_h = (height * ratio, height) if width / height > ratio else (width, width / ratio)
    left = min(max(focus[0] * width - crop_w / 2, 0), width - crop_w)
    top = min(max(focus[1] * height - crop_h / 2, 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def pictures(manifest: dict[str, Any]) -> dict[str, Picture]:
    """The media entries of a finished job, by recipe name."""
    result = {}
    for name, entry in manifest.items():
        webp, fallback = entry["files"]["webp"], entry["files"][entry["fallback"]]
        result[name] = Picture(
            kind="raster", src=f"media/{fallback[0]}", width=entry["width"], height=entry["height"],
            srcset_webp=", ".join(f"media/{f} {d:g}x" for f, d in zip(webp, entry["densities"])),
            srcset_fallback=", ".join(f"media/{f} {d:g}x" for f, d in zip(fallback, entry["densities"])),
            fallback_type=FALLBACK[entry["fallback"]])
    return result


def output_files(manifest: dict[str, Any]) -> list[str]:
    """Every file name a finished job wrote."""
    return [name for entry in manifest.values() for names in entry["files"].values() for name in names]


def finished(job: RasterJob) -> dict[str, Any] | None:
    """The job's manifest when all its files are in the cache (a warm build reads only this).

    Checking a file marks it used (:func:`~stemsite.stored.reuse`, no dearer than a ``stat``), so a
    build pruning the cache at the same moment keeps it.
    """
    manifest = read_manifest(job.manifest_path)
    if manifest is None or not reuse(job.manifest_path):
        return None
    if not all(reuse(cached_file(job.out_dir, name)) for name in output_files(manifest)):
        return None
    return manifest


def fit(size: tuple[float, float], box: tuple[int, int]) -> tuple[int, int]:
    """Width and height of ``size`` scaled to fit inside ``box`` (for SVG logos)."""
    scale = min(box[0] / size[0], box[1] / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))
