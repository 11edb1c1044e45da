"""stemsite: the STEM campaign and charter site's build logic, free of MkDocs.

The pipeline reads like its folders: ``load`` (strict YAML with line numbers) →
``validate`` (JSON Schema plus cross-checks, every problem in one Dutch report) →
``catalog`` (typed records, views) → ``pages`` / ``images`` / ``feeds``, see docs/architecture.md.
Only ``adapter`` (called by ``hooks/mkdocs_hooks.py``) knows MkDocs; the command-line tool
(``python -m stemsite``) and the tests import this package directly.
"""

__version__ = "0.1.0"
