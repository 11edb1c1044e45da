"""Views: what pages and feeds need decided about the catalog (the wall, the charter's figures).

They read the catalog and nothing a producer made, so pages, feeds and exports that use them
cannot disagree; Jinja reaches them as filters (``pages.render``).
"""
