"""Titles of cited works, and the reference notes that cite them.

A name inside the title of a cited work (〈日本政府：G7 國家都挺台灣參加世衛大會〉,
《台灣國際研究季刊》) is not a discourse mention: the text does not speak of Japan or Taiwan
there, it names a work. This module finds, passage by passage, the spans that are titles:

* ``《…》`` (books, journals, laws, newspapers) and ``〈…〉`` (articles, chapters). The
  Taiwan–Japan paper twice closes an article title early (〈陳文甲專欄〉當前…台日關係〉): a
  second 〉 soon after, with no clause mark or bracket between, still closes the same title.
* 「…」 naming a speech: 題為「民之所欲，長在我心」的演說, 以「台灣民主化與美國精神的價值同盟」
  為題演說 (elsewhere 「…」 quotes words or names a thing, and stays text);
* the ``title`` of a Wikipedia ``<ref>`` citation (``Footnote.citation``), as the note writes it;
* each entry of a Wikipedia 參見 line (``see_also`` block, ``參見：A、B、C`` as
  ``readers.wikitext_render`` writes it): each names another article, so 美国 inside
  美国支持的威权政体列表 or 亞洲 inside 亞洲民主人權獎 names a title, not the country.

『…』 is not a title mark in these texts: the Wikipedia article and the reviews use it for a
quotation inside a quotation (『價值同盟』, 『世界衛生大會』), so names in it stay mentions. Nor
is a wikilink label in running prose a title: 美國國務院 linked in a sentence is the sentence
speaking of it. A mention that is a whole title (《美國憲法》, 《台灣關係法》) is the work itself
and stays a mention.

It also finds the *reference* parts of notes (where a note cites a work rather than says
something), so that a publication date is never read as the date of an event, and web
addresses (:data:`URL`), where a name (日本政府 in …/20240524-日本政府-g7) is no mention at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Document, Footnote
from .dating import citation_date, find_dates

_BOOK = re.compile(r"《[^《》\n]*》")
_ARTICLE = re.compile(r"〈[^〈〉\n]*〉")
# What may stand between an early 〉 and the one that really closes an article title.
_STRAY_CLOSE = re.compile(r"[^〈〉《》。，,；;、\n]{1,60}〉")
# A speech or lecture's title: 題為「民之所欲，長在我心」的演說, 以「…價值同盟」為題演說.
_SPEECH = re.compile(r"題為(「[^「」\n]*」)|以(「[^「」\n]*」)為題")
_SEE_ALSO = re.compile(r"^(參見|参见)：")
# A part of a note that cites a work: a title, a URL, pages, a publisher, ibid.
_REFERENCE = re.compile(
    r"《|〈|https?://|頁\s*\d|\bpp?\.\s*\d|出版|前揭|同上|同前|轉引|\bibid\b|\beds?\.|\(\s*[A-Z][A-Za-z .]+:\s*[A-Z]"
)
_NOTE_SEGMENT = re.compile(r"[^。；;]*(?:[。；;]|$)")
#: A web address as the notes write it (up to a space or a clause mark; the Taiwan–Japan paper's
#: addresses hold Han characters: …/tw/國際/20240524-日本政府-g7).
URL = re.compile(r"https?://[^\s，,。；;）)]+")


@dataclass(frozen=True)
class TitleSpan:
    """Where a passage's text names a cited work.

    Attributes:
        start, end: the title as written, with its brackets (``《台灣國際研究季刊》``).
        inner_start, inner_end: the title without its brackets (equal to ``start``/``end``
            for titles written without brackets).
        date: in a note, the work's date as the note gives it (``YYYY[-MM[-DD]]``): the
            citation's date field, or the first date the reference writes after the title
            and before a title of another reference (〈article〉，《journal》（2021 年 8 月 26
            日） dates both); ``None`` elsewhere or when it gives none.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    date: str | None = None

    def holds(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside the title without being the whole title."""
        inside = self.inner_start <= start and end <= self.inner_end
        return inside and (start, end) != (self.inner_start, self.inner_end)


def bracketed_titles(text: str) -> list[TitleSpan]:
    """The ``《…》`` and ``〈…〉`` titles of ``text``, and the 「…」 title of a speech (題為「…」,
    以「…」為題), in text order."""
    spans = [TitleSpan(m.start(), m.end(), m.start() + 1, m.end() - 1) for m in _BOOK.finditer(text)]
    for match in _ARTICLE.finditer(text):
        end = match.end()
        stray = _STRAY_CLOSE.match(text, end)
        if stray is not None:
            end = stray.end()
        spans.append(TitleSpan(match.start(), end, match.start() + 1, end - 1))
    for match in _SPEECH.finditer(text):
        group = 1 if match.group(1) else 2
        spans.append(
            TitleSpan(match.start(group), match.end(group), match.start(group) + 1, match.end(group) - 1)
        )
    return sorted(spans, key=lambda span: (span.start, span.end))


def title_spans(document: Document) -> dict[str, tuple[TitleSpan, ...]]:
    """Passage id -> the titles of cited works in its text (see the module docstring).

    Passages without a title are absent. Headings are not searched (a heading is the text's
    own, never a citation).
    """
    found: dict[str, tuple[TitleSpan, ...]] = {}
    for section in document.sections:
        for block in section.blocks:
            spans = bracketed_titles(block.text)
            if block.kind == "see_also":
                spans += _see_also_entries(block.text)
            if spans:
                found[block.passage_id] = tuple(spans)
    references = reference_spans(document)
    for note in document.footnotes:
        spans = sorted(bracketed_titles(note.text) + _citation_title(note), key=lambda s: (s.start, s.end))
        if spans and not note.missing:
            found[f"fn:{note.label}"] = _dated(note, spans, references.get(f"fn:{note.label}", ()))
    return found


def _dated(
    note: Footnote, spans: list[TitleSpan], references: tuple[tuple[int, int], ...]
) -> tuple[TitleSpan, ...]:
    """``spans`` (sorted) of ``note`` with the date of each cited work."""
    if note.citation is not None:
        date = citation_date(note.citation.date) if note.citation.date else None
        return tuple(replace(span, date=date) for span in spans)
    dated = []
    for index, span in enumerate(spans):
        own = next(((a, b) for a, b in references if a <= span.start < b), (span.start, span.end))
        later = (s.start for s in spans[index + 1 :] if s.start >= own[1])
        stop = next(later, len(note.text))
        written = [
            d.value
            for d in find_dates(note.text[span.end : stop])
            if any(a <= span.end + d.start < b for a, b in references)
        ]
        dated.append(replace(span, date=written[0] if written else None))
    return tuple(dated)


def reference_spans(document: Document) -> dict[str, tuple[tuple[int, int], ...]]:
    """Note passage id (``fn:3``) -> the spans of its text that cite works.

    A Wikipedia ``<ref>`` with citation fields is a reference as a whole. Another note is cut
    at 。 and ；; a piece that holds a title, a URL, a page number, a publisher (出版), ibid or
    前揭 is a reference; the rest (高朗's figures in the second-track paper's note 1, the
    explanation of soft power in its note 28) is the note's own text.
    """
    found: dict[str, tuple[tuple[int, int], ...]] = {}
    for note in document.footnotes:
        if note.missing:
            continue
        if note.citation is not None:
            spans = [(0, len(note.text))]
        else:
            spans = [
                m.span()
                for m in _NOTE_SEGMENT.finditer(note.text)
                if m.group(0) and _REFERENCE.search(m.group(0))
            ]
        if spans:
            found[f"fn:{note.label}"] = tuple(spans)
    return found


def _see_also_entries(text: str) -> list[TitleSpan]:
    """Each entry of a ``參見：A、B、C`` line (the article titles it lists)."""
    prefix = _SEE_ALSO.match(text)
    if prefix is None:
        return []
    spans, cursor = [], prefix.end()
    for entry in text[cursor:].split("、"):
        stripped = entry.strip()
        start = cursor + entry.index(stripped) if stripped else cursor
        if stripped:
            spans.append(TitleSpan(start, start + len(stripped), start, start + len(stripped)))
        cursor += len(entry) + 1
    return spans


def _citation_title(note: Footnote) -> list[TitleSpan]:
    """The citation's title where the note's text writes it (its first occurrence)."""
    title = (note.citation.title or "").strip() if note.citation else ""
    start = note.text.find(title) if title else -1
    if start < 0:
        return []
    return [TitleSpan(start, start + len(title), start, start + len(title))]
