"""The bibliography page: every work the sources' notes cite, grouped by source, each linked back
to the passages that cite it.

Each note is shown as its text, its web addresses linked; a note the source gives as a
structured citation (the wiki's ``{{cite …}}``, read into :class:`~vdiplo_site.model.Citation`)
is followed by its fields: the title linked to its address, the publisher, the date and the
archived copy. A work is *shared* when notes of two or more sources give the same address;
those are listed first (none in the present five sources).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..knowledge import KnowledgeBase
from ..model import FOOTNOTE_REF, Citation, Document, Footnote, iter_passages
from ..text import URL
from .front_matter import dump_front_matter
from .markdown_text import escape_inline, escape_text, web_target
from .paths import href, source_path

#: Where the page lives in kb/.
BIBLIOGRAPHY = "bibliography.md"
TITLE = "參考文獻 Bibliography"


def citing_passages(document: Document) -> dict[str, list[str]]:
    """Note label -> the ids of the passages (headings, blocks, other notes) referring to it,
    in page order."""
    found: dict[str, list[str]] = defaultdict(list)
    for passage in iter_passages(document):
        for label in dict.fromkeys(FOOTNOTE_REF.findall(passage.text)):
            found[label].append(passage.id)
    return found


def note_addresses(note: Footnote) -> tuple[str, ...]:
    """The web addresses a note gives (its citation's, its delimited ones, the plain ones),
    without a trailing full stop or slash, for finding works that several sources cite."""
    found = [note.citation.url] if note.citation and note.citation.url else []
    found += [*note.addresses, *(match.group(0) for match in URL.finditer(note.text))]
    return tuple(dict.fromkeys(address.rstrip("。，./") for address in found if address))


def render_bibliography(kb: KnowledgeBase) -> str:
    """``kb/bibliography.md``: the works shared by several sources, then each source's notes."""
    parts = [dump_front_matter({"type": "bibliography", "title": TITLE}), f"# {TITLE}\n"]
    parts.append(
        "本頁列出各來源註釋所引用的文獻，依來源分組，每筆連回引用它的段落。"
        "Every work the sources' notes cite, by source, each linked back to the passages citing it.\n"
    )
    parts.append("## 多個來源引用的文獻 Works cited by more than one source\n")
    parts.append(_shared(kb.documents))
    for document in kb.documents:
        parts.append(f"## {escape_inline(document.spec.label)}\n")
        parts.append(_source_entries(document))
    return "\n".join(parts)


def _shared(documents: Iterable[Document]) -> str:
    """The works whose address notes of two or more sources give, with each citing note."""
    by_address: dict[str, list[tuple[Document, Footnote]]] = defaultdict(list)
    for document in documents:
        for note in document.footnotes:
            for address in note_addresses(note):
                by_address[address].append((document, note))
    lines = []
    for address, notes in sorted(by_address.items()):
        if len({document.spec.id for document, _ in notes}) < 2:
            continue
        cited = "、".join(_note_link(document, note) for document, note in notes)
        lines.append(f"- {escape_text(address)}：{cited}")
    return (
        "\n".join(lines)
        if lines
        else "（各來源之間沒有共同引用的文獻 No work is cited by more than one source.）"
    ) + "\n"


def _source_entries(document: Document) -> str:
    """One list item per note of ``document`` that has text, with its citing passages."""
    citing = citing_passages(document)
    lines = []
    for note in document.footnotes:
        if note.missing:
            continue
        back = "、".join(
            f"[{_place(passage)}]({href(BIBLIOGRAPHY, source_path(document.spec.id), passage)})"
            for passage in citing.get(note.label, ())
        )
        entry = _note_text(note) + (f" {_citation(note.citation)}" if note.citation else "")
        lines.append(
            f"- {_note_link(document, note)} {entry}" + (f" — 引用於 cited in：{back}" if back else "")
        )
    return ("\n".join(lines) if lines else "（此來源沒有註釋 This source has no notes.）") + "\n"


def _note_link(document: Document, note: Footnote) -> str:
    target = href(BIBLIOGRAPHY, source_path(document.spec.id), f"fn:{note.label}")
    return f"[註 {escape_inline(note.label)}]({target})"


def _place(passage_id: str) -> str:
    if passage_id.startswith("fn:"):
        return f"註 {passage_id[3:]}"
    return f"¶ {passage_id[2:]}" if passage_id.startswith("p-") else passage_id


def _note_text(note: Footnote) -> str:
    """A note without a structured citation: its text, addresses linked, references dropped."""
    return escape_text(FOOTNOTE_REF.sub("", note.text), addresses=note.addresses)


def _citation(citation: Citation) -> str:
    """A structured citation's fields: title (linked to its address), publisher, date and the
    archived copy, in brackets after the note's own text (which may hold more, an author)."""
    pieces = []
    if citation.title:
        title = escape_inline(citation.title)
        if citation.url and citation.url.startswith(("http://", "https://")):
            title = f"[{title}]({web_target(citation.url)})"
        pieces.append(f"題名 Title：{title}")
    if citation.publisher:
        pieces.append(f"出版者 Publisher：{escape_inline(citation.publisher)}")
    if citation.date:
        pieces.append(f"日期 Date：{escape_inline(citation.date)}")
    if citation.archive_url and citation.archive_url.startswith(("http://", "https://")):
        archived = (
            f"存檔 Archived {escape_inline(citation.archive_date)}"
            if citation.archive_date
            else "存檔 Archived"
        )
        pieces.append(f"[{archived}]({web_target(citation.archive_url)})")
    return f"（{'；'.join(pieces)}）" if pieces else ""
