"""Generated record pages skip Python-Markdown (stemsite.mkdocs_adapter): prove it changes nothing.

Their bodies are single ``markdown="0"`` blocks, which Markdown returns as they are; the build
hands that HTML to MkDocs directly. If a template ever relied on Markdown (a heading for the
table of contents, Markdown inside the block), these pages would differ, and this test says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from mkdocs.config import load_config

from stemsite.build import prepare
from stemsite.mkdocs_adapter import _split_html_body
from stemsite.project import Project


def _squeeze(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def test_record_pages_are_what_markdown_would_make_of_them(sample_project: Path):
    config = load_config(str(sample_project / "mkdocs.yml"))
    result = prepare(Project(sample_project))
    record_pages = [page for page in result.pages if not page.in_nav]
    assert len(record_pages) > 10
    for page in record_pages:
        front, body = _split_html_body(page.text)
        assert front.startswith("---\n") and front.endswith("---\n")
        converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        expected = converter.convert(page.text[len(front):])
        # Markdown keeps the attribute; the shortcut drops it (it is no HTML attribute).
        assert _squeeze(body) == _squeeze(expected.replace(' markdown="0"', "")), page.src_uri
