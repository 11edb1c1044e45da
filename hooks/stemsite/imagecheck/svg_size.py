"""The size an SVG logo declares: its ``viewBox``, or ``width`` and ``height`` in px, as finite numbers.

The build fits a logo into its box with this size (``raster.fit``): ``inf``, ``nan``, ``1e400`` (a
float's inf) or ``1e-320`` (its reciprocal overflows) crashed the build after a clean validation,
so a size outside :data:`MIN_SIDE` … :data:`MAX_SIDE` is refused by :mod:`.svg` with its line, and
so are proportions beyond :data:`MAX_ASPECT` (for raster images too, in :mod:`.inspect`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_LENGTH = re.compile(r"\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[a-zA-Z]+)\s*(px)?\s*")
MIN_SIDE, MAX_SIDE = 0.001, 100_000.0
"""Sides of a viewBox or of a size in px: anything outside breaks the arithmetic of fitting a logo in its box."""
MAX_ASPECT = 10
"""How many times wider than high (or higher than wide) an image may be: a 64 × 600,000 px logo
fits the pixel limit but shows as an invisible line in its box; wide word marks stay well within."""


def aspect_problem(width: float, height: float, unit: str = "") -> tuple[str, str] | None:
    """The Dutch message and fix for an image stretched beyond :data:`MAX_ASPECT`, or None."""
    if max(width, height) <= MAX_ASPECT * min(width, height):
        return None
    ratio = max(width, height) / min(width, height)
    return (f"de afbeelding is te langgerekt ({width:g} × {height:g}{unit}, {ratio:.0f} keer zo "
            f"{'breed als hoog' if width > height else 'hoog als breed'}); hoogstens {MAX_ASPECT} keer is toegelaten",
            f"snij de afbeelding bij of exporteer ze met meer ruimte rond het beeld, zodat ze hoogstens {MAX_ASPECT} keer "
            "zo breed als hoog is (of omgekeerd)")


@dataclass(frozen=True)
class SvgSize:
    """The intrinsic size the SVG declares (viewBox, or width and height in px)."""

    width: float
    height: float


def _number(text: str) -> float | None:
    """A plain finite number as written in SVG (``12``, ``-1.5``, ``2e3``); None for ``inf``, ``nan``, ``1e400``."""
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _side(text: str) -> float | None:
    value = _number(text)
    return value if value is not None and MIN_SIDE <= value <= MAX_SIDE else None


def declared_size(attrs) -> SvgSize | None:
    """The size from ``viewBox``, else from ``width`` and ``height`` in px; :class:`ValueError` for an absurd one."""
    box = attrs.get((None, "viewBox"))
    if box is not None:
        parts = box.replace(",", " ").split()
        origin = [_number(p) for p in parts[:2]]
        sides = [_side(p) for p in parts[2:]]
        if len(parts) != 4 or None in origin or None in sides or max(abs(o) for o in origin) > MAX_SIDE * 10:
            raise ValueError(f"viewBox=\"{box[:40]}\"")
        return SvgSize(sides[0], sides[1])
    given = {k: attrs.get((None, k), "").strip() for k in ("width", "height")}
    lengths = {k: _LENGTH.fullmatch(v) for k, v in given.items()}
    for key, match in lengths.items():
        if match and _side(match.group(1)) is None:
            raise ValueError(f"{key}=\"{given[key][:40]}\"")
    if lengths["width"] and lengths["height"]:
        return SvgSize(float(lengths["width"].group(1)), float(lengths["height"].group(1)))
    return None
