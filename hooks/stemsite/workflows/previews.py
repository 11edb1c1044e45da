"""Pictures of a pull request's pages: named here, checked and re-encoded here before anyone publishes them.

``scripts/voorbeeld.py`` (``make voorbeeld``) takes the pictures of records' pages with headless
Chromium, in the job that builds the pull request without write rights (``pr-beelden.yml``).
That job ran the pull request's code, so what it uploads may be anything. ``python -m
stemsite.workflows.previews --in DIR --out DIR`` runs from the default branch in the trusted
workflow (``pr-reactie.yml``) and treats it as data: the list is checked field by field, every
file name is made here from the checked fields (never read from the artifact), each file must be
a PNG within :data:`MAX_BYTES`, of the width it claims and at most :data:`MAX_HEIGHT` high, and
is decoded and written anew by Pillow as a plain RGB PNG without any metadata. Only what passes
goes to ``--out``, with a list of its own; the job that publishes reads nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from PIL import Image

from .preview_names import FILE, KINDS, MAX_BYTES, MAX_HEIGHT, MAX_PICTURES, WIDTHS, BadPreview, Picture
from .step_outputs import write_step_outputs

__all__ = ["FILE", "KINDS", "MAX_BYTES", "MAX_HEIGHT", "WIDTHS", "BadPreview", "Picture", "clean", "manifest",
           "read_manifest", "reencode"]

def manifest(pictures: list[Picture], pull_request: int = 0) -> dict[str, Any]:
    """The list of pictures, as ``voorbeelden.json``."""
    return {"version": 1, "pull_request": pull_request,
            "pictures": [{"collection": p.collection, "slug": p.slug, "kind": p.kind, "width": p.width}
                         for p in pictures]}


def read_manifest(raw: bytes) -> tuple[int, list[Picture]]:
    """The pull request's number and its pictures, from an untrusted ``voorbeelden.json``."""
    if len(raw) > 200_000:
        raise BadPreview("te groot")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadPreview("geen JSON") from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("pictures"), list):
        raise BadPreview("onbekende versie")
    number = data.get("pull_request")
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number < 10**9:
        raise BadPreview("ongeldig nummer")
    pictures = list(dict.fromkeys(Picture.checked(item) for item in data["pictures"][:MAX_PICTURES]))
    return number, pictures


def reencode(source: Path, picture: Picture, target: Path) -> None:
    """Check one picture and write it anew as a plain PNG; :class:`BadPreview` when it is not fit."""
    if source.is_symlink() or not source.is_file():
        raise BadPreview("geen gewoon bestand")
    if source.stat().st_size > MAX_BYTES:
        raise BadPreview("te groot")
    with source.open("rb") as handle:
        if handle.read(8) != b"\x89PNG\r\n\x1a\n":
            raise BadPreview("geen PNG")
    try:
        with Image.open(source, formats=["PNG"]) as image:
            width, height = image.size  # from the header: nothing is decoded yet
            wide_enough = width == picture.width if picture.kind == "pagina" else 1 <= width <= picture.width
            if not wide_enough or not 1 <= height <= MAX_HEIGHT:
                raise BadPreview(f"afmetingen {width}×{height} passen niet bij {picture.width} px")
            image.load()
            plain = image.convert("RGB")
    except Image.DecompressionBombError:  # Pillow's own guard, from the header, before decoding
        raise BadPreview(f"afmetingen te groot voor {picture.width} px") from None
    except (OSError, SyntaxError, ValueError) as error:
        if isinstance(error, BadPreview):
            raise
        raise BadPreview("onleesbare PNG") from None
    plain.save(target, "PNG")  # no info, no text chunks, no ICC profile: only pixels


def clean(source: Path, target: Path) -> tuple[int, list[Picture], list[str]]:
    """Every fit picture from ``source`` re-encoded into ``target``, with its list; and what was refused."""
    number, pictures = read_manifest((source / "voorbeelden.json").read_bytes())
    target.mkdir(parents=True, exist_ok=True)
    kept, refused = [], []
    for picture in pictures:
        try:
            reencode(source / picture.file, picture, target / picture.file)
            kept.append(picture)
        except BadPreview as error:
            refused.append(f"{picture.file}: {error}")
    (target / "voorbeelden.json").write_text(json.dumps(manifest(kept, number), indent=1) + "\n", encoding="utf-8")
    return number, kept, refused


def main(argv: list[str] | None = None) -> int:
    """Check and re-encode; the step output ``pull_request`` is the number the list claims (checked later)."""
    parser = argparse.ArgumentParser(prog="python -m stemsite.workflows.previews", description=__doc__.splitlines()[0])
    parser.add_argument("--in", dest="source", type=Path, required=True, help="het artefact van make voorbeeld")
    parser.add_argument("--out", type=Path, required=True, help="map voor de gecontroleerde beelden")
    args = parser.parse_args(argv)
    try:
        number, kept, refused = clean(args.source, args.out)
    except (OSError, BadPreview) as error:
        print(f"De beelden zijn onbruikbaar ({error}); geen beelden.")
        return 1
    for line in refused:
        print(f"geweigerd: {line}", file=sys.stderr)
    print(f"{len(kept)} beeld(en) in orde, {len(refused)} geweigerd.")
    write_step_outputs(pull_request=number, count=len(kept))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
