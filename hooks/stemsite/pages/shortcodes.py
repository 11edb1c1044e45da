"""Data blocks inside hand-written pages: ``<!-- stem:name -->`` becomes a rendered template.

Like Material's own ``shortcodes`` hook: a marker names a template in
``theme/shortcodes/<name>.html``, rendered with the catalog; an unknown name fails the build
instead of leaving a silent gap on a public page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..sitebuild import SiteBuild
from .campaign_view import honest_links
from .launch_day import ConditionError, conditional_blocks
from .render import environment

MARKER = re.compile(r"<!--\s*stem:([a-z0-9-]+)\s*-->")


class ShortcodeError(ValueError):
    """A marker that names no template."""


def expand(markdown: str, build: SiteBuild, templates: Path, root: str, page_uri: str = "", **context: Any) -> str:
    """Keep the conditional blocks that hold (``launch_day.conditional_blocks``), replace every marker with its
    rendered template (HTML, left untouched by Markdown), and point links into filtered lists that would show
    nothing at the whole list (``campaign_view.honest_links``).

    Templates get the catalog and ``media_of(record)``, what the producers made for a record,
    and ``context`` (the proposals and their links, from the adapter).
    """

    def render(match: re.Match[str]) -> str:
        name = match.group(1)
        if not (templates / f"{name}.html").is_file():
            raise ShortcodeError(f"{page_uri}: onbekende shortcode 'stem:{name}' "
                                 f"(geen sjabloon theme/shortcodes/{name}.html)")
        html = environment(templates).get_template(f"{name}.html").render(catalog=build.catalog, media_of=build.media_of, root=root,
                                                                        **context)
        return "\n\n" + html.strip() + "\n\n"

    try:
        kept = conditional_blocks(markdown, build.catalog, page_uri)
    except ConditionError as error:
        raise ShortcodeError(str(error)) from None
    return MARKER.sub(render, honest_links(kept, build.catalog))


def with_share_image(meta: dict[str, Any], card: str | None) -> dict[str, Any]:
    """A hand-written page's metadata with its share card (front matter may name another image), site-relative.

    Templates print ``site_url`` and the image side by side; a leading ``/`` is dropped here, in
    Python, so no template needs a string method the other template engines lack (MiniJinja).
    """
    image = meta.get("image") or card
    return {**meta, "image": str(image).lstrip("/")} if image else meta
