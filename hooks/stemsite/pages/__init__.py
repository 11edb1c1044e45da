"""Pages: every record and collection index as Markdown with front matter (virtual files)."""
