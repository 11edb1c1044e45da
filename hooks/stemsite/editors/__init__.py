"""Tools for the people who edit the data: the scaffolder (``stemsite new``), the YAML they
get, and the web form editor's configuration at ``/admin/``, all read from the schemas."""
