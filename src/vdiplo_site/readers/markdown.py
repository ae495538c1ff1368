"""Reader for the `markdown` format: a CommonMark text a user brings (with tables and footnotes).

The text is parsed with markdown-it-py (CommonMark, GFM tables, mdit-py-plugins' footnotes),
never with regexes over markup. The document keeps what a reader of the rendered page sees:

* one section per ATX/Setext heading, levels shifted so the outermost heading used is 1, the
  text before the first heading as the lead (level 0);
* paragraphs, block quotes and code blocks as ``paragraph`` blocks (soft line breaks joined
  with :func:`~vdiplo_site.text.join_wrapped`, so a hard-wrapped Chinese line gets no space);
  list items as ``item`` blocks at their nesting depth; a table's header row as a
  ``table_head`` block and each body row as a ``table_row`` block, cells joined by
  :data:`~vdiplo_site.model.CELL`;
* emphasis and code as their text, a link as its label, an image as nothing (files are not
  text), raw HTML dropped (source text never becomes live HTML);
* footnotes ``[^x]`` as :class:`~vdiplo_site.model.Footnote` labelled ``1``, ``2``… in order of
  first reference, with their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import SourceFormatError
from ..model import CELL, Block, Document, Footnote, Section, SourceSpec
from ..text import join_wrapped

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


def _parser() -> MarkdownIt:
    # Imported here: only Markdown sources need them (a twentieth of a second at start-up).
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def inline_text(token: Token) -> str:
    """The plain text of an ``inline`` token: text, code, link labels and ``[^n]`` references.

    Soft and hard line breaks join the lines as a hard wrap does (no space between CJK).
    """
    lines = [""]
    for child in token.children or ():  # an image's alt text is a child of the image: skipped
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "footnote_ref":
            lines[-1] += f"[^{child.meta['id'] + 1}]"
    text = lines[0]
    for line in lines[1:]:
        text = join_wrapped(text, line)
    return " ".join(text.split())


@dataclass
class _Builder:
    """Collects sections and blocks while walking the token stream."""

    sections: list[Section] = field(default_factory=list)
    heading: str = ""
    level: int = 0
    blocks: list[Block] = field(default_factory=list)

    def close(self) -> None:
        """End the current section: append it (heading, level, blocks so far) and start a new
        list of blocks."""
        self.sections.append(Section(heading=self.heading, level=self.level, blocks=tuple(self.blocks)))
        self.blocks = []


class MarkdownReader:
    """Reads CommonMark Markdown (format ``markdown``) into a :class:`Document`."""

    format = "markdown"

    def read(self, spec: SourceSpec, text: str) -> Document:
        """Parse ``text`` into sections, paragraph/item blocks and footnotes.

        Raises:
            SourceFormatError: the text holds no text after parsing.
        """
        tokens = _parser().parse(text)
        top = min((int(t.tag[1]) for t in tokens if t.type == "heading_open"), default=1)
        built = _Builder()
        notes: dict[int, list[str]] = {}
        depth = 0  # list nesting
        note: int | None = None  # inside footnote n
        row: list[str] | None = None
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "footnote_open":
                note = token.meta["id"]
                notes[note] = []
            elif kind == "footnote_close":
                note = None
            elif kind in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            elif kind == "tr_open":
                row = []
            elif kind == "tr_close" and row is not None:
                head = tokens[index - 1].type == "th_close"
                if any(row):
                    built.blocks.append(
                        Block(kind="table_head" if head else "table_row", text=CELL.join(row))
                    )
                row = None
            elif kind == "heading_open" and note is None:
                built.close()
                built.heading = inline_text(tokens[index + 1])
                built.level = int(token.tag[1]) - top + 1
            elif kind == "inline" and tokens[index - 1].type != "heading_open":
                content = inline_text(token)
                if note is not None:
                    notes[note].append(content)
                elif row is not None:
                    row.append(content)
                elif content:
                    item = depth > 0
                    level = depth - 1 if item else 0
                    built.blocks.append(
                        Block(kind="item" if item else "paragraph", text=content, level=level)
                    )
            elif kind in ("fence", "code_block") and note is None:
                built.blocks.extend(
                    Block(kind="paragraph", text=line.strip())
                    for line in token.content.splitlines()
                    if line.strip()
                )
        built.close()
        if not any(section.blocks or section.heading for section in built.sections):
            raise SourceFormatError(spec.path, "no text found after parsing the Markdown")
        footnotes = tuple(
            Footnote(label=str(n + 1), text=" ".join(parts).strip(), missing=not " ".join(parts).strip())
            for n, parts in sorted(notes.items())
        )
        return Document(spec=spec, sections=tuple(built.sections), footnotes=footnotes)
