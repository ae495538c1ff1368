"""Reading the project's curated YAML files (manifest, gazetteer) with one-line errors.

Curated files are plain data: no anchors, no aliases (an alias chain can expand exponentially,
the "billion laughs" bomb), no repeated keys, no nesting deeper than :data:`MAX_DEPTH`. A file
is parsed once into its node tree, which is kept beside the data so that a problem found later
(by the schema) can name its line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.events import AliasEvent, NodeEvent
from yaml.reader import ReaderError

from .errors import VdiploError

#: A position in a file's data, as pydantic reports it: keys and 0-based list indices.
Loc = Sequence[str | int]
#: How deep lists and mappings may nest (the curated files need 5): PyYAML composes nodes
#: recursively, so ``[[[[…`` a few hundred deep would end in Python's RecursionError.
MAX_DEPTH = 20


def shown(value: object, limit: int = 40) -> str:
    """``repr`` of a value cut to ``limit`` characters: safe on a terminal (no control
    characters: ``repr`` escapes them) and short. An integer too long to write in decimal
    (Python refuses more than 4300 digits) is shown by its size."""
    try:
        text = repr(value)
    except ValueError:
        text = f"<an integer of {value.bit_length()} bits>" if isinstance(value, int) else "<value>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _CuratedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors, aliases, repeated mapping keys, nesting deeper
    than :data:`MAX_DEPTH` and scalars its constructors cannot build.

    The refusal happens while composing, event by event, so an alias is never expanded. Every
    refusal is a ``yaml.YAMLError`` with the position of the node.
    """

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        mark = cast(Mark, event.start_mark)
        if isinstance(event, NodeEvent) and event.anchor is not None:
            sign = "alias *" if isinstance(event, AliasEvent) else "anchor &"
            raise ComposerError(None, None, f"{sign}{event.anchor} is not allowed in a curated file", mark)
        if self.depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"lists and mappings nest deeper than {MAX_DEPTH} levels", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """The node's value; a scalar PyYAML's constructor fails on (``!!int ``, ``2001-13-45``,
        an integer of 5000 digits, ``!!bool x``) is a ``ConstructorError`` at the node."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            kind = str(node.tag).rsplit(":", 1)[-1]
            problem = f"cannot read {shown(node.value)} as {kind}"
            raise ConstructorError(None, None, problem, cast(Mark, node.start_mark)) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # ``!!set 0``: PyYAML's own check refuses it
            return super().construct_mapping(node, deep)
        seen: set[str] = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    mark = cast(Mark, key.start_mark)
                    raise ConstructorError(None, None, f"key {shown(key.value)} repeats", mark)
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
    try:
        data, root = _parse(text)
    except yaml.YAMLError as exc:
        problem, line = _problem(exc, text)
        raise error(path, f"malformed {what}: {problem}", line) from None
    return CuratedYaml(path, data, root)


@lru_cache(maxsize=16)
def _parse(text: str) -> tuple[Any, yaml.Node | None]:
    """``(data, root node)`` of ``text``, parsed once per process for equal text (``serve``
    re-reads every curated file on each rebuild, most of them unchanged; nobody changes the
    result: it is validated into frozen records). Raises yaml.YAMLError (not remembered)."""
    loader = _CuratedLoader(text)  # its reader refuses a non-printable character at once
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def _problem(exc: yaml.YAMLError, text: str) -> tuple[str, int | None]:
    """``(problem, 1-based line or None)`` of a YAML error raised while reading ``text``."""
    if isinstance(exc, ReaderError):  # a character YAML does not allow, at a text position
        line = text.count("\n", 0, exc.position) + 1
        return f"character U+{exc.character:04X} is not allowed in YAML", line
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "not valid YAML"
    return problem, mark.line + 1 if mark else None
