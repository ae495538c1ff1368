"""Reader for the `wikitext` format: MediaWiki markup (the Chinese Wikipedia article 價值觀外交).

The text is parsed with mwparserfromhell, never with regexes over markup. The reader produces a
crude document that :mod:`vdiplo_site.normalise.wikitext` refines:

* one section per heading (``==`` -> level 1, ``===`` -> level 2 …), the text before the first
  heading as a level-0 section with heading ``""``; ``== {{USA}} ==`` flag headings become the
  country's name (:data:`~vdiplo_site.readers.wikitext_names.COUNTRY_CODES`);
* per section, one ``Block(kind="line")`` per physical line of rendered text (``text=""`` for
  lines that are blank or hold only files and templates: paragraph breaks), one
  ``Block(kind="item", level=n)`` per ``*``/``#`` list line (``n`` = depth - 1) and one
  ``Block(kind="see_also")`` per ``{{seealso|…}}``;
* footnotes from ``<ref>`` tags (labels ``1``, ``2``… in order of first use), tags from
  ``[[Category:…]]`` links, and the names the article links to (:func:`link_names`);
* a wikitable ``{| … |}`` as one ``table_head`` block (its first row, when all its cells are
  ``!`` headers) and one ``table_row`` block per row, the cells' texts joined by
  :data:`~vdiplo_site.model.CELL`; a caption ``|+`` as a paragraph line.

A table opened after indentation colons (``:{|``) is read as a table
(:func:`~.wikitext_markup.unindented_tables`). Language-converter markup ``-{…}-`` is resolved
to the Taiwan/Traditional text first
(:func:`~.wikitext_convert.resolve_conversions`). Templates outside the known families are
shown by their arguments and listed in one warning per source with their counts; in a source
read strictly (:data:`~vdiplo_site.readers.STRICT_TEMPLATES`, ``vdiplo-site add --strict``) the
first one is an error.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import mwparserfromhell
from mwparserfromhell.nodes import Heading, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from ..errors import SourceFormatError
from ..model import CELL, Block, Document, Section, SourceSpec
from . import STRICT_TEMPLATES
from .wikitext_convert import resolve_conversions
from .wikitext_markup import unindented_tables, without_switches
from .wikitext_names import BLOCK_TEMPLATES, is_infobox
from .wikitext_refs import template_key
from .wikitext_render import NOTES_TEMPLATES, InlineRenderer, collapse
from .wikitext_tables import apart, table_blocks
from .wikitext_templates import infobox_fields

log = logging.getLogger(__name__)


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
    block: bool = False  # the current line is a block template's: a paragraph of its own

    def add(self, node: Node) -> None:
        """Add one top-level node: text splits at line breaks, list markers open an item;
        ``{{Reflist}}`` or ``<references/>`` makes the section the notes section."""
        if _places_notes(node):
            self.notes = True
            if isinstance(node, Template) and node.has("refs"):  # {{Reflist|refs=<ref name=…>…}}
                self.renderer.list_defined(node.get("refs").value)
            if isinstance(node, Tag) and node.contents is not None:  # <references>…</references>
                self.renderer.list_defined(node.contents)
            return
        caption = self.renderer.file_caption(node) if isinstance(node, Wikilink) else None
        if caption is not None:  # a framed image: its caption, a line of its own
            self.flush()
            self.parts.append(caption)
            self.flush()
            return
        if isinstance(node, Text):
            for i, piece in enumerate(without_switches(str(node.value)).split("\n")):
                if i:
                    self.flush()
                self.parts.append(piece)
            return
        if isinstance(node, Heading):  # a heading inside a <div>: its title, a line of its own
            self.flush()
            self.parts.append(self.renderer.render(node.title))
            self.flush()
            return
        at_line_start = not "".join(self.parts).strip()
        if isinstance(node, Tag) and str(node.tag).strip().casefold() == "table":
            self.flush()
            self.blocks.extend(apart(table_blocks(node, self.renderer), self.blocks))
            return
        if isinstance(node, Tag) and str(node.tag).strip().casefold() in BLOCK_WRAPPERS and at_line_start:
            self.flush()  # a <div> around blocks (an infobox, a table): its blocks, as if bare
            for child in node.contents.nodes if node.contents is not None else ():
                self.add(child)
            self.flush()
            return
        if isinstance(node, Tag) and node.wiki_markup in ("*", "#", ";", ":") and at_line_start:
            self.depth += 1
            return
        if isinstance(node, Template) and is_infobox(template_key(node)) and at_line_start and not self.depth:
            self.flush()
            self.blocks.extend(self.infobox(node))
            return
        see_also = self.renderer.see_also(node) if isinstance(node, Template) else None
        if see_also is not None:
            self.flush()
            self.blocks.append(Block(kind="see_also", text=see_also))
            return
        if _is_block(node) and at_line_start and not self.depth:
            self.flush()  # {{ubl|…}}, {{Quote box|…}}, <gallery> starting a line: a paragraph of its own
            self.blocks.append(Block("line", ""))
            self.block = True
        seen = len(self.renderer.uncited)
        self.parts.append(self.renderer.node(node))
        self.uncited.extend(self.renderer.uncited[seen:])
        self.lacks_citation |= len(self.renderer.uncited) > seen

    def infobox(self, template: Template) -> list[Block]:
        """An infobox as a table of two columns, a row per field that shows text: the field's
        name as written (``developer``, ``首都``) and its value, rendered like any text (its
        ``<ref>`` notes included; files show nothing, so an image field has no row). The first
        such field is the header row (usually ``name``); see
        :func:`~.wikitext_templates.infobox_fields`."""
        rows = [CELL.join(field) for field in infobox_fields(template, self.renderer.render)]
        kinds = ["table_head"] + ["table_row"] * (len(rows) - 1)
        return [Block(kind=kind, text=text) for kind, text in zip(kinds, rows, strict=False)]

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
        if self.block:
            self.blocks.append(Block("line", ""))
        self.parts, self.depth, self.lacks_citation, self.uncited, self.block = [], 0, False, [], False

    def section(self, heading: str, level: int) -> Section:
        """The section of ``heading`` holding the blocks gathered (flushed first)."""
        return Section(heading=heading, level=level, blocks=tuple(self.blocks), notes=self.notes)


#: HTML elements that wrap blocks for layout only (``<div style="…">{{Infobox …}}</div>``).
BLOCK_WRAPPERS = frozenset({"div", "center"})


def _is_block(node: Node) -> bool:
    """Whether MediaWiki renders ``node`` as a block when it starts a line: a list or quotation
    template (:data:`~.wikitext_names.BLOCK_TEMPLATES`) or a ``<gallery>``."""
    if isinstance(node, Template):
        return template_key(node) in BLOCK_TEMPLATES
    return isinstance(node, Tag) and str(node.tag).strip().casefold() == "gallery"


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
                the reader does not support (an unknown template, when strict); the
                error names the file and line.
        """
        renderer = InlineRenderer(spec.path, strict=spec.id in STRICT_TEMPLATES.get())
        sections: list[Section] = []
        heading, level, lines = "", 0, _Lines(renderer)
        line = 1
        code = mwparserfromhell.parse(unindented_tables(resolve_conversions(text)))
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
        if renderer.unknown:
            listed = ", ".join(f"{{{{{name}}}}} x{count}" for name, count in sorted(renderer.unknown.items()))
            log.warning(
                "%s: templates shown by their arguments (unknown to the reader): %s", spec.path, listed
            )
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
