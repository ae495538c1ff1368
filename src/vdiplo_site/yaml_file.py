"""Reading the project's curated YAML files (manifest, gazetteer) with one-line errors.

Curated files are plain data: no anchors, no aliases (an alias chain can expand exponentially,
the "billion laughs" bomb), no repeated keys. A file is parsed once into its node tree, which
is kept beside the data so that a problem found later (by the schema) can name its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.events import AliasEvent, NodeEvent

from .errors import VdiploError

#: A position in a file's data, as pydantic reports it: keys and 0-based list indices.
Loc = Sequence[str | int]


class _CuratedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors, aliases and repeated mapping keys.

    The refusal happens while composing, event by event, so an alias is never expanded.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, NodeEvent) and event.anchor is not None:
            sign = "alias *" if isinstance(event, AliasEvent) else "anchor &"
            mark = cast(Mark, event.start_mark)
            raise ComposerError(None, None, f"{sign}{event.anchor} is not allowed in a curated file", mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    mark = cast(Mark, key.start_mark)
                    raise ConstructorError(None, None, f"key {key.value!r} repeats", mark)
                seen.add(key.value)
        return super().construct_mapping(node, deep)


@dataclass(frozen=True)
class CuratedYaml:
    """A curated YAML file, parsed.

    Attributes:
        path: the file.
        data: its content as plain Python data (dicts, lists, str, int, bool, None).
        root: its node tree (``None`` for an empty file), for :meth:`line`.
    """

    path: Path
    data: Any
    root: yaml.Node | None

    def line(self, loc: Loc) -> int | None:
        """1-based line of the deepest node of ``loc`` that exists (``None`` for an empty file).

        A mapping key gives the line of the key, a list index the line of the item; a key or
        index that is absent (a missing field) gives the line of its parent. A ``"[key]"`` part
        (pydantic's marker of a bad mapping key) stops at the key.
        """
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in loc:
            found = _child(node, part)
            if found is None:
                break
            line, node = found
        return line


def _child(node: yaml.Node, part: str | int) -> tuple[int, yaml.Node] | None:
    """``(line, child node)`` of ``node`` at key or index ``part``, or ``None``."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key.start_mark.line + 1, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item.start_mark.line + 1, item
    return None


def read_curated_yaml(path: Path, error: type[VdiploError], what: str) -> CuratedYaml:
    """Parse the curated YAML file at ``path``, refusing anchors, aliases and repeated keys.

    Args:
        path: the file; error: the error class to raise; what: how messages name the file
            (e.g. "source manifest").

    Raises:
        error: the file is missing ("<what> not found") or unreadable, is not YAML, or holds an
            anchor, an alias or a repeated key ("malformed <what>: …", with the line).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(path, f"{what} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(path, f"cannot read {what}: {exc.__class__.__name__}") from None
    loader = _CuratedLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise error(path, f"malformed {what}: {problem}", mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    return CuratedYaml(path, data, root)
