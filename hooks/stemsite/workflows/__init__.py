"""Continuous integration helpers: what the GitHub Actions workflows call.

Each module is one job's logic, runnable as ``python -m stemsite.workflows.<module>`` and testable
without GitHub:

``annotations``
    validation problems as workflow annotations on file and line, plus the pull request's
    job summary (records added or changed, errors in Dutch).
``linkcheck``
    the weekly check of every external link and proof page, and of records nobody has
    confirmed for over a year.
``issue_form``
    turns an approved "STEM-charter ondertekenen" issue into a signatory file and logo,
    treating every answer as untrusted.

Everything GitHub renders (summaries, issue and pull-request bodies) comes from the
templates in ``templates/``, where every value is escaped by default (see ``markdown``).
"""
