"""What ``stemsite generate`` writes: a complete ``docs_dir`` that another generator builds without hooks.

The MkDocs adapter does three things while MkDocs runs: it adds the generated pages and files,
fills the data blocks (``<!-- stem:name -->``) of hand-written pages and gives them their share
card, and gives record pages their edit links. A generator that runs no hooks (Zensical) gets
all of that as files instead: every hand-written page with its blocks filled and its card in
front matter, every generated page with its links in front matter, every image, feed and export.
The theme's templates read only front matter and the generator's own context, so the folder is
all such a generator needs besides ``mkdocs.yml`` and ``theme/`` (docs/decisions.md, the runbook).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .build import prepare
from .editors.proposals import Links
from .editors.signing_links import shortcode_context
from .pages.shortcodes import expand, with_share_image
from .project import Project
from .sitebuild import SiteBuild, front_matter, root_prefix

# MkDocs' own pattern for front matter (mkdocs.utils.meta), so a page splits here as it does there.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


@dataclass(frozen=True)
class Written:
    """What :func:`write_docs` wrote."""

    generated: int
    hand_written: int
    files: int


class _SettingsLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without MkDocs: ``!ENV`` as MkDocs resolves it, any other tag as nothing."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [node.value] if isinstance(node, yaml.ScalarNode) else [child.value for child in node.value]
    default = names.pop() if isinstance(node, yaml.SequenceNode) and len(names) > 1 else None
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_SettingsLoader.add_constructor("!ENV", _env_tag)
_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(root: Path) -> dict[str, Any]:
    """The settings of ``mkdocs.yml`` the pages depend on (site URL, repository, contact), read as data."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as handle:
        settings = yaml.load(handle, Loader=_SettingsLoader) or {}  # noqa: S506 (a safe loader)
    site_url = settings.get("site_url") or ""
    return {**settings, "site_url": site_url if not site_url or site_url.endswith("/") else site_url + "/"}


def write_docs(root: Path, out: Path) -> Written:
    """Validate and generate the site of ``root`` and write it as one ``docs_dir`` into ``out`` (or raise DataError)."""
    settings = site_settings(root)
    project = Project(root, site_url=settings["site_url"])
    links = Links.from_config(settings.get("repo_url"), settings.get("edit_uri"), settings.get("extra"), root)
    build = prepare(project)
    hand_written = _write_hand_written(build, links, out)
    generated = 0
    for page in build.pages:
        if page.src_uri in hand_written:  # a hand-written page wins, as in the MkDocs build
            continue
        meta = dict(page.meta, stem_generated=True)  # no file under content/: no "edit this page" (page-edit.html)
        record = meta.get("record")
        if record and links.repo_url:
            meta["stem_links"] = links.record(record["collection"], record["slug"], meta.get("title", ""))
        _write(out / page.src_uri, (front_matter(meta) + page.body).encode("utf-8"))
        generated += 1
    for asset in build.assets:
        _write(out / asset.dest_uri, asset.source.read_bytes() if asset.source else asset.content or b"")
    return Written(generated, len(hand_written), len(build.assets))


def _write_hand_written(build: SiteBuild, links: Links, out: Path) -> set[str]:
    """Copy ``content/``, every Markdown page with its data blocks filled and its share card; return their paths."""
    content = build.project.content_dir
    pages = set()
    context = shortcode_context(build, links)
    for path in sorted(content.rglob("*")):
        if path.is_symlink() or not path.is_file():  # validation reports links under content/; never followed
            continue
        src_uri = path.relative_to(content).as_posix()
        target = out / src_uri
        if path.suffix != ".md":
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            continue
        meta, markdown = _split(path.read_text(encoding="utf-8"))
        meta = with_share_image(meta, build.share_cards.get(src_uri))
        body = expand(markdown, build, build.project.theme / "shortcodes", root_prefix(src_uri), src_uri, **context)
        head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" if meta else ""
        _write(target, (head + body).encode("utf-8"))
        pages.add(src_uri)
    return pages


def _split(text: str) -> tuple[dict[str, Any], str]:
    """Front matter and Markdown of a hand-written page, as MkDocs splits them."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    meta = yaml.safe_load(match.group(1))
    return (meta, text[match.end():].lstrip("\n")) if isinstance(meta, dict) else ({}, text)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
