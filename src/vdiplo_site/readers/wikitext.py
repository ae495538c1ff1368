"""Reader for the `wikitext` format: MediaWiki markup (the Chinese Wikipedia article 價值觀外交).

The text is parsed with mwparserfromhell, never with regexes over markup. The reader produces a
crude document that :mod:`vdiplo_site.normalise.wikitext` refines:

* one section per heading (``==`` -> level 1, ``===`` -> level 2 …), the text before the first
  heading as a level-0 section with heading ``""``; ``== {{USA}} ==`` flag headings become the
  country's name (:data:`~vdiplo_site.readers.wikitext_render.FLAGS`);
* per section, one ``Block(kind="line")`` per physical line of rendered text (``text=""`` for
  lines that are blank or hold only files and templates: paragraph breaks), one
  ``Block(kind="item", level=n)`` per ``*``/``#`` list line (``n`` = depth - 1) and one
  ``Block(kind="see_also")`` per ``{{seealso|…}}``;
* footnotes from ``<ref>`` tags (labels ``1``, ``2``… in order of first use), tags from
  ``[[Category:…]]`` links, and the names the article links to (:func:`link_names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Node, Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from ..errors import SourceFormatError
from ..model import Block, Document, Section, SourceSpec
from .wikitext_refs import template_key
from .wikitext_render import NOTES_TEMPLATES, InlineRenderer, collapse


@dataclass
class _Lines:
    """Turns the top-level nodes of one section into line, item and see_also blocks."""

    renderer: InlineRenderer
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    depth: int = 0
    lacks_citation: bool = False
    uncited: list[str] = field(default_factory=list)
    notes: bool = False

    def add(self, node: Node) -> None:
        """Add one top-level node: text splits at line breaks, list markers open an item;
        ``{{Reflist}}`` or ``<references/>`` makes the section the notes section."""
        if _places_notes(node):
            self.notes = True
            return
        if isinstance(node, Text):
            for i, piece in enumerate(str(node.value).split("\n")):
                if i:
                    self.flush()
                self.parts.append(piece)
            return
        at_line_start = not "".join(self.parts).strip()
        if isinstance(node, Tag) and node.wiki_markup in ("*", "#") and at_line_start:
            self.depth += 1
            return
        see_also = self.renderer.see_also(node) if isinstance(node, Template) else None
        if see_also is not None:
            self.flush()
            self.blocks.append(Block(kind="see_also", text=see_also))
            return
        seen = len(self.renderer.uncited)
        self.parts.append(self.renderer.node(node))
        self.uncited.extend(self.renderer.uncited[seen:])
        self.lacks_citation |= len(self.renderer.uncited) > seen

    def flush(self) -> None:
        """End the current physical line: emit it as an item or a (possibly empty) line."""
        text = collapse("".join(self.parts))
        # a {{Fact}} inside a <ref> marks the note's text, not the line's
        uncited = tuple(marked for marked in self.uncited if marked in text)
        if self.depth:
            if text:
                self.blocks.append(
                    Block("item", text, self.depth - 1, lacks_citation=self.lacks_citation, uncited=uncited)
                )
        else:
            self.blocks.append(Block("line", text, lacks_citation=self.lacks_citation, uncited=uncited))
        self.parts, self.depth, self.lacks_citation, self.uncited = [], 0, False, []

    def section(self, heading: str, level: int) -> Section:
        """The section of ``heading`` holding the blocks gathered (flushed first)."""
        return Section(heading=heading, level=level, blocks=tuple(self.blocks), notes=self.notes)


def _places_notes(node: Node) -> bool:
    """Whether ``node`` is ``{{Reflist}}`` / ``{{References}}`` or a ``<references/>`` tag."""
    if isinstance(node, Template):
        return template_key(node) in NOTES_TEMPLATES
    return isinstance(node, Tag) and str(node.tag).strip().lower() == "references"


class WikitextReader:
    """Reads MediaWiki wikitext (format ``wikitext``) into a crude :class:`Document`."""

    format = "wikitext"

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Parse ``text`` into sections of line/item/see_also blocks, footnotes and tags.

        Returns:
            a document whose line blocks still need :mod:`vdiplo_site.normalise.wikitext`.

        Raises:
            SourceFormatError: the text holds no article text after parsing, or uses markup
                the reader does not support (an unknown template, a nested ``<ref>``…); the
                error names the file and line.
        """
        renderer = InlineRenderer(spec.path)
        sections: list[Section] = []
        heading, level, lines = "", 0, _Lines(renderer)
        line = 1
        code = mwparserfromhell.parse(text)
        for node in code.nodes:
            renderer.line = line  # counted node by node: counting from the top each time is quadratic
            line += str(node).count("\n")
            if isinstance(node, Heading):
                lines.flush()
                sections.append(lines.section(heading, level))
                heading, level = renderer.render(node.title), max(1, node.level - 1)
                lines = _Lines(renderer)
                continue
            lines.add(node)
        lines.flush()
        sections.append(lines.section(heading, level))
        if not any(block.text for section in sections for block in section.blocks):
            raise SourceFormatError(spec.path, "no article text found after parsing the wikitext")
        return Document(
            spec=spec,
            sections=tuple(sections),
            footnotes=renderer.footnotes.footnotes(),
            tags=tuple(renderer.tags),
            links=link_names(code),
        )


def link_names(code: Wikicode) -> tuple[str, ...]:
    """Targets and labels of the wikilinks of ``code``, anywhere (≥ 2 characters, in order).

    A target loses its ``#section`` part and a trailing disambiguator (``基本權_(憲法學)`` ->
    ``基本權``), ``_`` becomes a space. Links with a ``:`` in the target are skipped: they are
    files, categories or other namespaces (``File:``, ``Category:``, ``:en:…``), not names.
    """
    names: list[str] = []
    for link in code.filter_wikilinks():
        if ":" in str(link.title):
            continue
        target = str(link.title).split("#")[0].replace("_", " ").strip()
        target = re.sub(r"\s*[(（][^()（）]*[)）]$", "", target)
        label = link.text.strip_code().strip() if link.text is not None else ""
        names.extend(name for name in dict.fromkeys((target, label)) if len(name) >= 2)
    return tuple(names)
