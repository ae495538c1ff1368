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
  ``[[Category:…]]`` links, and the names the article links to (:func:`link_names`);
* a wikitable ``{| … |}`` as one ``table_head`` block (its first row, when all its cells are
  ``!`` headers) and one ``table_row`` block per row, the cells' texts joined by
  :data:`~vdiplo_site.model.CELL`; a caption ``|+`` as a paragraph line.

Language-converter markup ``-{…}-`` is resolved to the Taiwan/Traditional text first
(:func:`~.wikitext_templates.resolve_conversions`). Templates outside the known families are
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
from .wikitext_refs import template_key
from .wikitext_render import NOTES_TEMPLATES, InlineRenderer, collapse, without_switches
from .wikitext_templates import is_infobox, resolve_conversions

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

    def add(self, node: Node) -> None:
        """Add one top-level node: text splits at line breaks, list markers open an item;
        ``{{Reflist}}`` or ``<references/>`` makes the section the notes section."""
        if _places_notes(node):
            self.notes = True
            if isinstance(node, Template) and node.has("refs"):
                self.renderer.node(node)  # registers its list-defined notes; shows nothing
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
            self.blocks.extend(_apart(self.table(node), self.blocks))
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
        if isinstance(node, Template) and is_infobox(template_key(node)):
            self.flush()
            self.blocks.extend(self.infobox(node))
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

    def infobox(self, template: Template) -> list[Block]:
        """An infobox as a table of two columns, a row per field that shows text: the field's
        name as written (``developer``, ``首都``) and its value, rendered like any text (its
        ``<ref>`` notes included; files show nothing, so an image field has no row). The first
        such field is the header row (usually ``name``)."""
        rows = []
        for param in template.params:
            value = self.renderer.render(param.value)
            if value:
                rows.append(CELL.join((collapse(str(param.name)) if param.showkey else "", value)))
        kinds = ["table_head"] + ["table_row"] * (len(rows) - 1)
        return [Block(kind=kind, text=text) for kind, text in zip(kinds, rows, strict=False)]

    def table(self, table: Tag) -> list[Block]:
        """A table's caption (a ``line``) and rows (``table_head`` / ``table_row`` blocks).

        Quirks of mwparserfromhell 0.7: cells before the first ``|-`` stand directly in the
        table (an implicit first row), and a caption ``|+ …`` comes as a cell whose text starts
        with ``+``. Cell attributes (``style=…``) are not text; a cell spanning rows or columns
        (``rowspan=2 |``, ``colspan=2 |``) has its text in its first row and column and empty
        cells in the others, so the columns stay aligned. A cell holding tables (a layout table
        side by side) gives those tables, after its row.
        """
        rows: list[list[Tag]] = [[]]
        for node in table.contents.nodes if table.contents is not None else ():
            if not isinstance(node, Tag):
                continue
            name = str(node.tag).strip().casefold()
            if name == "tr":
                cells = [c for c in node.contents.nodes if isinstance(c, Tag)] if node.contents else []
                rows.append([c for c in cells if str(c.tag).strip().casefold() in ("td", "th")])
            elif name in ("td", "th"):
                rows[-1].append(node)
        blocks: list[Block] = []
        spans: dict[int, int] = {}  # column -> rows still covered by a cell with rowspan above
        for number, row in enumerate(rows):
            texts: list[str] = []
            nested: list[list[Block]] = []
            kinds: set[str] = set()  # td, th: of the cells that make the row
            for cell in row:
                inner = [
                    n for n in cell.contents.nodes if isinstance(n, Tag) and str(n.tag).strip() == "table"
                ]
                if inner:  # a layout cell holding tables: each becomes a table of its own
                    nested += [self.table(inner_table) for inner_table in inner]
                    continue
                attributes, contents = _cell_parts(cell)
                text = self.renderer.render(contents)
                caption = str(cell.contents).startswith("+") and cell.wiki_markup == "|"
                if not number and not blocks and caption:
                    blocks += [
                        Block(kind="line", text=text.removeprefix("+").strip()),
                        Block(kind="line", text=""),
                    ]
                    continue
                while spans.get(len(texts)):  # the column is the lower part of a taller cell
                    spans[len(texts)] -= 1
                    texts.append("")
                kinds.add(str(cell.tag).strip().casefold())
                rowspan, colspan = _span(attributes, "rowspan"), _span(attributes, "colspan")
                for column in range(len(texts), len(texts) + colspan):
                    spans[column] = rowspan - 1
                texts += [text] + [""] * (colspan - 1)
            while spans.get(len(texts)):
                spans[len(texts)] -= 1
                texts.append("")
            if any(texts):
                has_head = kinds == {"th"} and not any(b.kind.startswith("table") for b in blocks)
                blocks.append(Block(kind="table_head" if has_head else "table_row", text=CELL.join(texts)))
            for inner_blocks in nested:
                blocks += _apart(inner_blocks, blocks)
        return blocks

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


#: HTML elements that wrap blocks for layout only (``<div style="…">{{Infobox …}}</div>``).
BLOCK_WRAPPERS = frozenset({"div", "center"})


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
        code = mwparserfromhell.parse(resolve_conversions(text))
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


def _apart(table: list[Block], before: list[Block]) -> list[Block]:
    """``table``'s blocks, kept apart from a table just before them: a table without a header
    row gets an empty one there (rows in a row are one table on the page)."""
    previous = next((b for b in reversed(before) if b.kind != "line" or b.text), None)
    if table and table[0].kind == "table_row" and previous is not None and previous.kind.startswith("table"):
        return [Block(kind="table_head", text=""), *table]
    return table


def _cell_parts(cell: Tag) -> tuple[Tag, list[Node]]:
    """A cell's attributes (the tag that holds them) and the nodes of its text.

    Quirk: a cell template expands to attributes and text (``{{yes|8.0}}`` to
    ``style="…" | 8.0``), so articles write ``| rowspan="3" {{yes|8.0}}`` with no ``|`` of
    their own between the attributes and the template: mwparserfromhell then reads the
    attributes as text. When a cell without attributes starts with a text that parses as
    attributes alone, followed by a template, those are the cell's attributes (parsed by
    mwparserfromhell, as one cell of a table of their own) and the rest is its text.
    """
    nodes = list(cell.contents.nodes) if cell.contents is not None else []
    if cell.attributes or len(nodes) < 2 or not isinstance(nodes[0], Text):
        return cell, nodes
    if not isinstance(nodes[1], Template) or "=" not in str(nodes[0].value):
        return cell, nodes
    lead = str(nodes[0].value).strip()
    probe = mwparserfromhell.parse(f"{{|\n| {lead} | x\n|}}\n").filter_tags(
        matches=lambda node: str(node.tag).strip().casefold() == "td"
    )
    if len(probe) != 1 or not probe[0].attributes or str(probe[0].contents).strip() != "x":
        return cell, nodes
    if not all(str(a.name).strip().casefold() in CELL_ATTRIBUTES for a in probe[0].attributes):
        return cell, nodes
    return probe[0], nodes[1:]


#: The attributes a table cell takes (others mean the text is not attributes after all).
CELL_ATTRIBUTES = frozenset(
    {
        "rowspan",
        "colspan",
        "style",
        "align",
        "valign",
        "class",
        "width",
        "bgcolor",
        "height",
        "nowrap",
        "scope",
    }
)


def _span(cell: Tag, attribute: str) -> int:
    """A cell's ``rowspan`` or ``colspan`` (1 when absent or not a number from 1 to 100)."""
    if not cell.has(attribute):
        return 1
    value = str(cell.get(attribute).value).strip().strip('"')
    return int(value) if value.isdigit() and 1 <= int(value) <= 100 else 1


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
