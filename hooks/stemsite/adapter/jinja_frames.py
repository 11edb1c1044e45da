"""The one place that reaches into Jinja's internals: render a template with some blocks held open.

Record pages in one folder share all of Material's ``main.html`` but a few blocks
(``record_pages``). Jinja has no public API for "render this template, but give me block X
as a placeholder, then render only block X for each page", so these two functions use what
Jinja itself uses for ``{% extends %}``: ``Template.new_context``, ``Context.blocks``,
``Template.root_render_func`` and ``Template.blocks`` (stable since Jinja 2.x, used by
``jinja2.runtime`` itself). If a Jinja release changes them,
``tests/sitebuild/test_record_page_shortcuts.py`` fails: it builds the site with and without
frames and compares every page byte for byte.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Template


def render_with_slots(template: Template, variables: dict[str, Any], slots: dict[str, str]
                      ) -> tuple[str, dict[str, list], dict[str, Any]]:
    """Render ``template`` whole with each block named in ``slots`` replaced by its slot text.

    Returns the text, the block functions to render those blocks later (each block's own
    function first, then its parents', as ``{% extends %}`` chains them), and the top-level
    variables the render set (``{% set %}`` outside blocks), which the blocks may read.
    """
    context = template.new_context(dict(variables))
    for name, slot in slots.items():
        context.blocks[name] = [lambda _, text=slot: iter([text])]
    text = "".join(template.root_render_func(context))
    blocks = dict(context.blocks)
    for name in slots:
        blocks[name] = [template.blocks[name], *context.blocks[name][1:]]
    top_level = {k: v for k, v in context.vars.items() if k not in variables}
    return text, blocks, top_level


def render_blocks(template: Template, blocks: dict[str, list], variables: dict[str, Any], names: tuple[str, ...]
                  ) -> dict[str, str]:
    """Render only the blocks ``names`` of ``template`` with ``variables``, from :func:`render_with_slots`' blocks."""
    context = template.new_context(variables)
    context.blocks = blocks
    return {name: "".join(blocks[name][0](context)) for name in names}
