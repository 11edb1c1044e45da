"""Image files as the checks see them: what a file is, whether it is safe, before anything decodes it.

Validation refuses unsafe logos and photos here; the image pipeline, the issue-form workflow
and the scaffolder use the same checks, so they sit below all of them.
"""
