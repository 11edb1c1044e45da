"""Files made from the catalog besides pages: badges, feeds (Atom, iCalendar), JSON-LD, open data.

Each module offers a producer (listed in ``build.PRODUCERS``) that returns a
:class:`~stemsite.sitebuild.Produced`: its files and what it made per record (a badge, a
calendar file), which pages read as the record's media.
"""
