"""Search: Material's Dutch lunr script with accent folding, and the record pages' entries.

Record pages skip Material's HTML parser (``record_pages.RecordPage``); their entries are
added to the index file Material wrote. Only that output file is touched (same JSON layout),
so nothing depends on the plugin's internals; without the plugin there is no index and
nothing to add.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..search import LANGUAGE_SCRIPT, with_accent_folding
from ..search.cache import SectionCache


def fold_search_accents(files: Files, config: MkDocsConfig) -> None:
    """Serve Material's Dutch lunr script with the accent folding appended (``stemsite.search``)."""
    script = files.get_file_from_path(LANGUAGE_SCRIPT)
    if script is None or script.abs_src_path is None:
        raise PluginError(f"Het thema levert geen {LANGUAGE_SCRIPT}; de zoekfunctie kan geen accenten negeren.")
    original = Path(script.abs_src_path).read_text(encoding="utf-8")
    files.remove(script)
    files.append(File.generated(config, LANGUAGE_SCRIPT, content=with_accent_folding(original)))


def add_record_entries(config: MkDocsConfig, entries: list[dict], sections: SectionCache | None) -> None:
    """Add ``entries`` to the index Material's search plugin has written; keep them for the next build."""
    if sections is not None:
        sections.save()
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not entries or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(entries)
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
