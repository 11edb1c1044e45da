"""Files made from the catalog besides pages: badges, the Atom feed, open data (JSON, CSV).

Each module offers an asset producer (registered in ``build.ASSET_PRODUCERS``); they run
after validation and before pages are generated, so what they attach to ``record.media``
(a badge, share links) is there when the templates lay out the signatory pages.
"""
