"""Tools for the people who edit the data: the scaffolder (``stemsite new``), the YAML they
get, the issue forms generated from the schemas, and the links from pages to their source files."""
