"""Continuous integration helpers: what the GitHub Actions workflows call.

Each module is one job's logic, runnable as ``python -m stemsite.workflows.<module>`` and testable
without GitHub:

``annotations``
    validation problems as workflow annotations on file and line, plus the pull request's
    job summary (records added or changed, errors in Dutch).
``linkcheck``
    the weekly check of every external link and proof page, and of records nobody has
    confirmed for over a year.
``proposal``
    turns any proposal issue (every form in ``editors.proposals``) into the files of a pull
    request, or a Dutch answer saying what to fix: one path per form. ``proposal_answers`` reads
    every form generated from a schema (the signing form included), ``form_checks`` checks the
    record before anything is fetched (schema, cross-checks, the trust rules of signing),
    ``intake_issue`` answers the short public form of a proposal about a person, and
    ``change_request`` reads the change-or-withdrawal form. ``mail_route`` does the same for a
    proposal sent by e-mail (``stemsite voorstel``; ``mail_message`` reads the saved message).
``build_outputs``
    the data check's refusal of tracked build and tool output (``.cache/``, ``site/``...).
``public_net``
    requests that reach public internet addresses only (the link check's filter).
``pr_comment``
    the one comment on a pull request, from the data check's verdict read as untrusted data,
    with the pictures of the pages it adds or changes.
``previews``
    names those pictures, and checks and re-encodes them (Pillow) before they are published.

Everything GitHub renders (summaries, issue and pull-request bodies) comes from the
templates in ``templates/``, where every value is escaped by default (see ``markdown``).
"""
