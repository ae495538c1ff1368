"""Notes of the `pdf-dump` format: the 【註釋】 section turned into footnotes (source 002).

The dump's notes are ``N.text`` hard-wrapped over several lines, but the two-column layout
scrambled them: they appear out of order (…29, 39, rest of 29, 40, 30, 31, 41, …), one note is
split in two around another, two notes can share a line (``頁12。  46.宋學文，…``), and the
text ends in the middle of note 47. Notes become footnotes *by number*, never by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import SourceFormatError
from ..model import FOOTNOTE_REF, Document, Footnote
from .pdf_dump_lines import ends_paragraph, join_lines

# "N." at the start of a piece: the label of a note (only when N is not taken yet: ``4.htm``
# inside a URL continues note 40, it is not a second note 4).
_NOTE_START = re.compile(r"^\s*(\d{1,2})\.")
# A second note starting on the same line, after a full stop and spaces (``頁12。  46.宋學文``).
_SHARED_LINE = re.compile(r"(?<=[。.）)」])\s+(?=\d{1,2}\.)")
# A note ending with a web page's address is finished (``…/speech901004.htm``).
_PAGE_ENDS = (".htm", ".html", ".shtm", ".shtml")


@dataclass
class _Note:
    """A note being assembled: its label, its text so far and its last raw line."""

    label: str
    text: str
    last_raw: str

    def is_open(self) -> bool:
        """Whether the note looks unfinished (no stop and no web page address at its end)."""
        return not (ends_paragraph(self.text) or self.text.rstrip().endswith(_PAGE_ENDS))


def collect_notes(document: Document) -> Document:
    """002: 【註釋】 notes hard-wrapped, out of order, split in two, two sharing a line.

    Rule: a piece of a line starting ``N.`` starts note N when N is not taken yet and the line
    before did not end inside a word the wrap cut (``speech90100`` / ``4.htm`` is one URL); a
    line holding ``頁12。  46.…`` is cut into two pieces first. Any other line continues the
    latest note if that note is still open (does not end with a stop or a page address);
    otherwise it is an orphan continuation and goes to the most recent note that is still open
    (the rest of note 29 after note 39), or to the latest note when none is open. Notes become
    ``Footnote(label=N, text=…)`` in the order met; the reader's raw note lines
    (``Document.raw_notes``) are used up.

    Raises:
        SourceFormatError: text stands in 【註釋】 before its first ``N.`` note.
    """
    raw_lines = [block.text for block in document.raw_notes]
    notes: dict[str, _Note] = {}
    latest: _Note | None = None
    previous = ""
    for raw in raw_lines:
        for piece in _pieces(raw, notes):
            start = _NOTE_START.match(piece)
            if start and start[1] not in notes and not _cut_word(previous, piece):
                latest = _Note(start[1], piece[start.end() :].strip(), piece)
                notes[latest.label] = latest
            else:
                owner = _owner(latest, notes)
                if owner is None:
                    raise SourceFormatError(
                        document.spec.path,
                        f"text before the first note in 【註釋】: {piece.strip()[:40]!r}",
                    )
                owner.text, owner.last_raw = join_lines(owner.text, owner.last_raw, piece), piece
            previous = piece
    footnotes = tuple(Footnote(label=n.label, text=n.text.strip()) for n in notes.values())
    return replace(document, footnotes=document.footnotes + footnotes, raw_notes=())


def _pieces(raw: str, notes: dict[str, _Note]) -> list[str]:
    """Cut a raw line where a new note (number not seen yet) starts after a full stop."""
    pieces, start = [], 0
    for cut in _SHARED_LINE.finditer(raw):
        number = _NOTE_START.match(raw[cut.end() :])
        if number and number[1] not in notes:
            pieces.append(raw[start : cut.start()])
            start = cut.start()
    pieces.append(raw[start:])
    return pieces


def _cut_word(previous: str, piece: str) -> bool:
    """Whether ``piece`` continues a Latin word or number the wrap cut (``speech90100``/``4.htm``).

    True when the previous raw line has no trailing space and ends, like ``piece`` starts,
    with a Latin letter or digit.
    """
    if not previous or previous != previous.rstrip() or piece != piece.lstrip():
        return False
    return previous[-1].isascii() and previous[-1].isalnum() and piece[0].isascii()


def _owner(latest: _Note | None, notes: dict[str, _Note]) -> _Note | None:
    """The note a continuation line belongs to (see :func:`collect_notes`)."""
    if latest is None or latest.is_open():
        return latest
    for note in reversed(notes.values()):
        if note.is_open():
            return note
    return latest


def resolve_footnotes(document: Document) -> Document:
    """002: notes 37, 38 and 48–57 referenced in the text but absent from 【註釋】.

    Orders the footnotes by first reference (headings and paragraphs, in document order) and
    adds ``Footnote(label, text="", missing=True)`` for each referenced label without a note,
    so every reference resolves; the page then says the note's text is missing from the source.

    Raises:
        SourceFormatError: a note of 【註釋】 is never referenced (its text would be lost).
    """
    order: list[str] = []
    for section in document.sections:
        for text in (section.heading, *(block.text for block in section.blocks)):
            for label in FOOTNOTE_REF.findall(text):
                if label not in order:
                    order.append(label)
    by_label = {note.label: note for note in document.footnotes}
    unreferenced = [label for label in by_label if label not in order]
    if unreferenced:
        raise SourceFormatError(
            document.spec.path,
            f"note(s) {', '.join(unreferenced)} of 【註釋】 are never referenced in the text",
        )
    footnotes = tuple(by_label.get(label) or Footnote(label=label, text="", missing=True) for label in order)
    return replace(document, footnotes=footnotes)


# An address, then a space the dump put in it, then the rest of the address: a file name
# ending in a web page's suffix (``…/tien/speech 000601.htm``, ``…/magz/1st/ per1.htm``).
_SPLIT_ADDRESS = re.compile(
    r"(https?://[!-~]*[A-Za-z0-9/]) +([A-Za-z0-9_\-./]*(?:\.s?html?|\.php|\.aspx?))(?![A-Za-z0-9])"
)


def join_split_addresses(document: Document) -> Document:
    """002: notes 4 and 44, a space the dump put inside a web address (``…/speech 000601.htm``).

    Within a note, a space between an address and a file name ending in a web page's suffix
    (``.htm``, ``.html``, ``.shtml``, ``.php``, ``.asp``, ``.aspx``) goes, so the address is
    whole: ``http://www.mofa.gov.tw/tien/speech000601.htm``. An address holds no space; the
    wraps that cut notes 40 and 43 are mended earlier (:func:`.pdf_dump_lines.join_lines`).
    """
    notes = tuple(replace(note, text=_SPLIT_ADDRESS.sub(r"\1\2", note.text)) for note in document.footnotes)
    return replace(document, footnotes=notes)
