"""Source formats: each format's reader and its normalisation steps, registered together.

One :class:`SourceFormat` per manifest ``format`` value, in :data:`FORMATS`, in the manner of
Pelican's reader registry and Python-Markdown's processor registry. A format is chosen by the
manifest's ``format`` key, never by file extension (several sources are ``.txt``).

The contract of a format:

* **in**: the manifest entry and the source's decoded text (bytes already checked by
  :func:`vdiplo_site.manifest.read_source_text`);
* **reader**: parses only; returns a crude document (raw ``line`` blocks, notes handed over in
  ``Document.raw_notes``, inline markup) or raises ``SourceFormatError``;
* **steps**: an ordered, non-empty tuple of ``Document -> Document`` functions, each handling one
  source quirk (its docstring's first line names it);
* **out** (checked by :func:`check_normalised` after the last step): the text conventions of
  :mod:`vdiplo_site.model` hold: no ``line`` block and no raw note is left, no text holds a
  line break, and every ``[^label]`` names one of the document's footnotes, each label once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import SourceFormatError
from .model import FOOTNOTE_REF, Document, SourceSpec, iter_passages
from .normalise import Step, markdown, mofa_review, pdf_dump, pdf_paper, plain_text, wikitext
from .readers import Reader
from .readers.markdown import MarkdownReader
from .readers.mofa_review import MofaReviewReader
from .readers.pdf_dump import PdfDumpReader
from .readers.pdf_paper import PdfPaperReader
from .readers.plain_text import PlainTextReader
from .readers.wikitext import WikitextReader

#: Block kinds a normalised document may hold (``line`` is the readers' raw kind).
BLOCK_KINDS = frozenset({"paragraph", "item", "see_also", "table_head", "table_row"})


@dataclass(frozen=True)
class SourceFormat:
    """A source format: its reader and its ordered normalisation steps (see the module contract).

    Attributes:
        name: the manifest's ``format`` value (``wikitext``, ``pdf-paper`` …).
        reader: parses a source's text into a crude document.
        steps: the normalisation steps, in order (never empty).

    Raises:
        ValueError: on construction, when ``steps`` is empty: a format without steps would
            pass its reader's raw lines through silently.
    """

    name: str
    reader: Reader
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"source format {self.name!r} has no normalisation steps")

    def read(self, spec: SourceSpec, text: str) -> Document:
        """The reader's crude document for ``spec``'s decoded ``text``.

        Raises:
            SourceFormatError: the text lacks the structure the reader needs.
        """
        return self.reader.read(spec, text)

    def normalise(self, document: Document) -> Document:
        """Apply the steps in order and check the result keeps the text conventions.

        Raises:
            SourceFormatError: a step refused the text, or the result breaks the contract
                (the message names the file and the broken rule).
        """
        for step in self.steps:
            document = step(document)
        check_normalised(document)
        return document

    def step(self, name: str) -> Step:
        """The step whose function is called ``name``.

        Raises:
            KeyError: no step of this format has that name.
        """
        for step in self.steps:
            if step.__name__ == name:
                return step
        raise KeyError(f"{self.name} has no step {name!r}")


FORMATS: dict[str, SourceFormat] = {
    source_format.name: source_format
    for source_format in (
        SourceFormat("wikitext", WikitextReader(), wikitext.STEPS),
        SourceFormat("pdf-paper", PdfPaperReader(), pdf_paper.STEPS),
        SourceFormat("pdf-dump", PdfDumpReader(), pdf_dump.STEPS),
        SourceFormat("mofa-review", MofaReviewReader(), mofa_review.STEPS),
        SourceFormat("markdown", MarkdownReader(), markdown.STEPS),
        SourceFormat("plain-text", PlainTextReader(), plain_text.STEPS),
    )
}


def format_for(spec: SourceSpec) -> SourceFormat:
    """The format registered for ``spec.format``.

    Raises:
        SourceFormatError: no format has that name; the message names the known ones.
    """
    try:
        return FORMATS[spec.format]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise SourceFormatError(
            spec.path, f"unknown format {spec.format!r} for source '{spec.id}' (known: {known})"
        ) from None


def check_normalised(document: Document) -> None:
    """Check that a normalised ``document`` keeps the text conventions of :mod:`.model`.

    Raises:
        SourceFormatError: a raw ``line`` block or raw note is left, a text holds a line break,
            a footnote label repeats, or a ``[^label]`` names no footnote of the document.
    """
    path = document.spec.path

    def fail(problem: str) -> SourceFormatError:
        return SourceFormatError(path, f"after normalisation as {document.spec.format}: {problem}")

    if document.raw_notes:
        raise fail(f"{len(document.raw_notes)} raw note line(s) were not turned into footnotes")
    labels = [note.label for note in document.footnotes]
    if len(labels) != len(set(labels)):
        raise fail("a footnote label appears twice")
    for section in document.sections:
        for block in section.blocks:
            if block.kind not in BLOCK_KINDS:
                raise fail(f"a {block.kind!r} block is left in section {section.heading!r}")
    known = set(labels)
    for passage in iter_passages(document):
        if "\n" in passage.text:
            raise fail(f"a line break is left in {passage.text[:30]!r}")
        unknown = [label for label in FOOTNOTE_REF.findall(passage.text) if label not in known]
        if unknown:
            raise fail(f"reference [^{unknown[0]}] names no footnote")
