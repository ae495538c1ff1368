"""Writing chosen candidates into the gazetteer (``vdiplo-site candidates --add 名稱=type``).

The gazetteer files are curated YAML with comments; an entry is added as the files write
theirs, at its place in id order (or last, in a file not kept in id order), comments and
layout untouched::

    - id: north-atlantic-treaty-organization
      name: 北大西洋公約組織
      english: North Atlantic Treaty Organization
      aliases: []

The canonical name is Traditional Chinese (the gazetteer's convention): a name written in
Simplified characters (a source from the zh-Hans Wikipedia) becomes its OpenCC ``s2t`` form, the
name as written its alias. After writing, the whole gazetteer is loaded again; a problem (an id
or form another entry holds) restores the file and is raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .chinese_script import to_traditional
from .entities.gazetteer import FILES, load_gazetteer
from .errors import GazetteerError
from .model import ID

#: What a user types after ``=`` -> gazetteer file.
FILE_OF = {
    "country": "countries.yaml",
    "place": "countries.yaml",
    "organisation": "organisations.yaml",
    "organization": "organisations.yaml",
    "person": "people.yaml",
    "concept": "concepts.yaml",
    "value": "values.yaml",
}


@dataclass(frozen=True)
class NewEntry:
    """An entry to add: ``name`` as the source writes it, its type word (a key of
    :data:`FILE_OF`) and its English name (from the source's gloss, or given)."""

    name: str
    type: str
    english: str | None


def parse_choice(text: str, glosses: dict[str, str | None]) -> NewEntry:
    """Parse a ``--add`` value: ``名稱=type`` or ``名稱=type=English``; the English defaults
    to the gloss the candidate report found (``glosses``: name -> English).

    Raises:
        GazetteerError: the type is not one of :data:`FILE_OF`, or no English name is known
            (the id is made from it).
    """
    name, _, rest = text.partition("=")
    kind, _, given = rest.partition("=")
    name, kind = name.strip(), kind.strip().lower()
    if kind not in FILE_OF:
        known = ", ".join(sorted(FILE_OF))
        raise GazetteerError(None, f"--add {text!r}: type must be one of {known} (as in 名稱=country)")
    english = given.strip() or glosses.get(name)
    if not english:
        raise GazetteerError(
            None, f"--add {text!r}: no English name known; write it as {name}={kind}=English"
        )
    return NewEntry(name, kind, english)


def entry_id(english: str) -> str:
    """The id made from an English name: its ASCII words, lower-case, joined by ``-``
    (``North Atlantic Treaty Organization`` -> ``north-atlantic-treaty-organization``)."""
    return "-".join(re.findall(r"[a-z0-9]+", english.lower()))


def entry_text(entry: NewEntry) -> tuple[str, str]:
    """``(id, YAML text of the entry)`` in the files' layout (``- id:`` at the left margin)."""
    traditional = to_traditional(entry.name)
    aliases = [entry.name] if traditional != entry.name else []
    new_id = entry_id(entry.english or "")
    record = {
        "id": new_id,
        "name": traditional,
        "english": entry.english,
        "aliases": aliases,
    }
    return new_id, yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=200)


def with_entry(text: str, new_id: str, entry: str) -> str:
    """The file ``text`` with ``entry`` inserted before the first entry whose id sorts after
    ``new_id`` when the file's ids are in order, else appended."""
    ids = [(match.start(), match.group(1)) for match in re.finditer(r"(?m)^- id: (\S+)\s*$", text)]
    if [i for _, i in ids] == sorted(i for _, i in ids):
        for start, existing in ids:
            if existing > new_id:
                return text[:start] + entry + text[start:]
    return text.rstrip("\n") + "\n" + entry


def add_entries(folder: Path, entries: list[NewEntry], source_ids: frozenset[str]) -> list[str]:
    """Write ``entries`` into the gazetteer files in ``folder``; return their ids.

    Raises:
        GazetteerError: an id is not valid, or the gazetteer no longer loads (an id or a
            surface form taken already); every file is then as it was.
    """
    before = {name: (folder / name).read_text(encoding="utf-8") for name in FILES}
    ids = []
    try:
        for entry in entries:
            new_id, text = entry_text(entry)
            if not ID.match(new_id):
                raise GazetteerError(None, f"no id can be made from the English name {entry.english!r}")
            path = folder / FILE_OF[entry.type]
            path.write_text(with_entry(path.read_text(encoding="utf-8"), new_id, text), encoding="utf-8")
            ids.append(new_id)
        load_gazetteer(folder, source_ids)
    except BaseException:
        for name, text in before.items():
            (folder / name).write_text(text, encoding="utf-8")
        raise
    return ids
