"""MkDocs hooks, in the order MkDocs fires them; each hands over to the stemsite package.

MkDocs puts this folder first on sys.path while loading hooks, so the package is imported
at module level (a hook file cannot import siblings later) and no module here may share a
name with the standard library.
"""

from stemsite import mkdocs_adapter


def on_files(files, config):
    """Validate the data and add every generated page and asset (priority: before nav)."""
    return mkdocs_adapter.add_generated_files(files, config)


def on_page_markdown(markdown, page, config, files):
    """Fill the data blocks (``<!-- stem:name -->``) of hand-written pages."""
    return mkdocs_adapter.expand_shortcodes(markdown, page, config)
