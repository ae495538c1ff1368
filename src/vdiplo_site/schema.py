"""The declared schema of curated YAML: field types shared by the manifest and the gazetteer,
and validation that reports the first problem as ``file:line: field: problem``.

The models themselves live with their loaders (:mod:`.manifest`, :mod:`.entities.gazetteer`);
they are pydantic models with no coercion (a string is never read as a list of characters, a
boolean never as a number) and no unknown fields. Kinds of text:

* ``Prose``: notes and licences; any printable text, line breaks and tabs allowed.
* ``Line``: one line of printable text without surrounding whitespace (titles, authors…).
* ``Name``: a ``Line`` without ``<``, ``>``, ``"`` or a backtick: names and labels are shown as
  page titles, and a faithful name never needs markup.
* ``Alias``: a ``Name`` of at least two characters holding a letter or digit (one character,
  a space or a bracket would match everywhere); ``ShortAlias``: the deliberate one-character
  exception.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from .errors import VdiploError
from .model import ID, RESERVED_IDS
from .yaml_file import CuratedYaml, Loc, shown

#: Unicode categories no curated line may hold: controls, invisible format characters (bidi
#: overrides, zero-width spaces), line and paragraph separators, surrogates, private use.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
_MARKUP = re.compile(r'[<>"`]')
MIN_YEAR, MAX_YEAR = 1000, 2100


class CuratedModel(BaseModel):
    """Base of the curated-file models: strict types, unknown fields refused, frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _fail(kind: str, message: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(kind, message + " (got {value})", {"value": shown(value)})


def _prose(value: str) -> str:
    if not value.strip():
        raise _fail("blank", "must not be blank", value)
    bad = [c for c in value if unicodedata.category(c) in _INVISIBLE and c not in "\n\t"]
    if bad:
        raise _fail("invisible", f"holds the invisible character U+{ord(bad[0]):04X}", value)
    return value


def _line(value: str) -> str:
    _prose(value)
    bad = [c for c in value if unicodedata.category(c) in _INVISIBLE]
    if bad:
        raise _fail("invisible", f"holds the control or invisible character U+{ord(bad[0]):04X}", value)
    if value != value.strip():
        raise _fail("whitespace", "must not start or end with whitespace", value)
    return value


def _name(value: str) -> str:
    if _MARKUP.search(value):
        raise _fail("markup", 'must not hold <, >, " or ` (names are shown as page titles)', value)
    return value


def _alias(value: str) -> str:
    if not any(c.isalnum() for c in value):
        raise _fail("alias", "must hold a letter or digit", value)
    if len(value) < 2:
        raise _fail("alias", "must be at least 2 characters (list a deliberate one: short_aliases)", value)
    return value


def _short_alias(value: str) -> str:
    if len(value) != 1 or not value.isalnum():
        raise _fail("alias", "must be one letter or character (longer forms go in aliases)", value)
    return value


def _id(value: str) -> str:
    if not ID.match(value):
        raise _fail("id", "must be lower-case ASCII letters, digits and '-'", value)
    if value in RESERVED_IDS:
        raise _fail("id", "is reserved: a generated page has that name", value)
    return value


def _sha256(value: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{64}", value):
        raise _fail("sha256", "must be 64 lower-case hex digits", value)
    return value


Prose = Annotated[str, AfterValidator(_prose)]
Line = Annotated[str, AfterValidator(_line)]
Name = Annotated[str, AfterValidator(_line), AfterValidator(_name)]
Alias = Annotated[str, AfterValidator(_line), AfterValidator(_name), AfterValidator(_alias)]
ShortAlias = Annotated[str, AfterValidator(_line), AfterValidator(_name), AfterValidator(_short_alias)]
Id = Annotated[str, AfterValidator(_id)]
Sha256 = Annotated[str, AfterValidator(_sha256)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]

M = TypeVar("M", bound=CuratedModel)

_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "model_type": "expected a mapping",
}


def field_path(loc: Loc) -> str:
    """A readable field path: ``sources[2].authors``, entries counted from 1."""
    out = ""
    for part in loc:
        if part == "[key]":
            out += " (key)"
        elif isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{_key(part)}" if out else _key(part)
    return out or "top level"


def _key(part: object) -> str:
    """A mapping key as written, or its cut ``repr`` when it is empty, long or not printable
    (an unknown field ``"\\x1b[2J"``), so that a field path stays one short, inert line."""
    if isinstance(part, str) and part.isprintable() and 0 < len(part) <= 40:
        return part
    return shown(part)


def validate(model: type[M], doc: CuratedYaml, error: type[VdiploError]) -> M:
    """``doc``'s data validated against ``model``.

    Raises:
        error: one line for the first problem in the file (by line): ``path:line: field:
            problem``, e.g. ``sources.yaml:9: sources[1].year: input should be a valid
            integer (got True)``.
    """
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = exc.errors(include_url=False)
        first = min(problems, key=lambda p: doc.line(p["loc"]) or 0)
        kind, loc = first["type"], first["loc"]
        message = _MESSAGES.get(kind) or first["msg"][:1].lower() + first["msg"][1:]
        if kind.endswith("_type") and kind != "model_type" or "_than" in kind:
            message += f" (got {shown(first['input'])})"
        raise error(doc.path, f"{field_path(loc)}: {message}", doc.line(loc)) from None


def refuse(doc: CuratedYaml, loc: Loc, message: str, error: type[VdiploError]) -> VdiploError:
    """The one-line error ``path:line: field: message`` for a problem found after validation
    (a repeated id, a path outside the folder…), to raise."""
    return error(doc.path, f"{field_path(loc)}: {message}", doc.line(loc))
