"""Page writers: turn documents into the Markdown files of ``kb/`` (renderer-independent)."""
