"""Page writers: render a knowledge base as the Markdown files of ``kb/`` (renderer-independent).

Writers only render what :class:`~vdiplo_site.knowledge.KnowledgeBase` holds; every link goes
through :func:`.paths.href`."""
