"""The data of entity-link previews: for each entity page, what a preview of a link to it shows.

``kb/previews.json`` maps an entity page's path without ``.md`` (``countries/japan``) to its
name, English name, type, one defining sentence where a source gives one (a quotation, cut to
:data:`DEFINITION_LENGTH` characters with …) and its mention count. ``previews.js`` shows it
beside a link on hover, keyboard focus or a long press; nothing here is new text: every field
is the gazetteer's, a source's quotation or a count.
"""

from __future__ import annotations

import json

from ..knowledge import KnowledgeBase
from .paths import ACTOR_KIND_NAMES, TYPE_NAMES, entity_path
from .tree import KbFile

#: Where the data lives in kb/.
PREVIEWS = "previews.json"
DEFINITION_LENGTH = 80


def render_previews(kb: KnowledgeBase) -> KbFile:
    """``kb/previews.json`` for every entity of ``kb`` (keys sorted: byte-identical rebuilds)."""
    data = {}
    for entity in kb.entities:
        definitions = kb.definitions.get(entity.id, ())
        definition = definitions[0].text if definitions else None
        if definition and len(definition) > DEFINITION_LENGTH:
            definition = definition[:DEFINITION_LENGTH] + "…"
        kind = ACTOR_KIND_NAMES.get(entity.kind or "", "")
        data[entity_path(entity).removesuffix(".md")] = {
            "name": entity.name,
            "english": entity.english,
            "type": TYPE_NAMES[entity.type] + (f"（{kind}）" if kind else ""),
            "definition": definition,
            "mentions": len(kb.mentions_by_entity.get(entity.id, ())),
        }
    return KbFile.page(PREVIEWS, json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
