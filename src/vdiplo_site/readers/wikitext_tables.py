"""Wikitables (``{| … |}``) of wikitext sources as ``table_head`` / ``table_row`` blocks."""

from __future__ import annotations

import mwparserfromhell
from mwparserfromhell.nodes import Node, Tag, Template, Text

from ..model import CELL, Block
from .wikitext_render import InlineRenderer


def table_blocks(table: Tag, renderer: InlineRenderer) -> list[Block]:
    """A table's caption (a ``line``) and rows (``table_head`` / ``table_row`` blocks).

    Quirks of mwparserfromhell 0.7: cells before the first ``|-`` stand directly in the
    table (an implicit first row), and a caption ``|+ …`` comes as a cell whose text starts
    with ``+``. Cell attributes (``style=…``) are not text; a cell spanning rows or columns
    (``rowspan=2 |``, ``colspan=2 |``) has its text in its first row and column and empty
    cells in the others, so the columns stay aligned. A cell holding tables (a layout table
    side by side, or a small table inside a data cell) keeps its place with its other text, and
    its tables follow the whole table, each a table of its own (Markdown tables do not nest; a
    row of the outer table after them would otherwise join the inner one). Cell text is
    rendered by ``renderer``.
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
    nested: list[list[Block]] = []  # the tables inside cells, in their order
    spans: dict[int, int] = {}  # column -> rows still covered by a cell with rowspan above
    for number, row in enumerate(rows):
        texts: list[str] = []
        kinds: set[str] = set()  # td, th: of the cells that make the row
        for cell in row:
            attributes, contents = _cell_parts(cell)
            inner = [n for n in contents if isinstance(n, Tag) and str(n.tag).strip().casefold() == "table"]
            nested += [table_blocks(inner_table, renderer) for inner_table in inner]
            text = renderer.render([n for n in contents if not any(n is table for table in inner)])
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
        blocks += apart(inner_blocks, blocks)
    return blocks


def apart(table: list[Block], before: list[Block]) -> list[Block]:
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
