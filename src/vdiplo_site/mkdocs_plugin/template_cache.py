"""The template-cache MkDocs plugin: the theme's templates are compiled once per process.

MkDocs makes a new Jinja environment for every build, which compiles Material's templates again
(a fifth of a second, most of an incremental build's rendering of a few pages). ``vdiplo-site
serve`` builds many times in one process, so this plugin, added programmatically to every build
by :func:`vdiplo_site.site_build.run_mkdocs`, gives each environment a bytecode cache kept in
memory (:class:`MemoryBytecodeCache`). Jinja checks each cached template against its source, so
an edited template is compiled again; the output is the same with or without the cache.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket
from mkdocs.plugins import BasePlugin

#: The name the plugin is registered under in a build's configuration.
NAME = "vdiplo-template-cache"


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by Jinja's key (template name and file); Jinja
    discards an entry whose source checksum differs."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` with the compiled template kept for its key, if any."""
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep ``bucket``'s compiled template."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


#: One cache per set of Jinja extensions (they change what a template compiles to).
_CACHES: dict[tuple[str, ...], MemoryBytecodeCache] = {}


class TemplateCachePlugin(BasePlugin):
    """Sets the build's Jinja environment's bytecode cache (``on_env``) to this process's."""

    def on_env(self, env, *, config, files):
        """Give ``env`` the process's bytecode cache for its extensions; return ``env``."""
        env.bytecode_cache = _CACHES.setdefault(tuple(sorted(env.extensions)), MemoryBytecodeCache())
        return env
