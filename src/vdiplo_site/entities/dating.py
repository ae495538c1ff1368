"""Dates the texts write, and the one date that governs a sentence's event about an entity.

Only Western years 1900–2099 written with 年 are read (民國 years and bare numbers are not):
2007年9月21日 -> ``2007-09-21``, 2024 年 8 月 -> ``2024-08``, 2003年 -> ``2003``, 1990年代 ->
``1990s`` (a decade), 1975年到 1988年 -> ``1975–1988`` (a span of years): the precision the text
gives, never more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

_YEAR = r"(?:19|20)\d{2}"
# A year with 年, then a month (and day), or 年代; or a span "1972至1974年", "1975年到 1988年".
_DATE = re.compile(
    rf"(?<!\d)(?:(?P<first>{_YEAR})\s*年?\s*(?:至|到|～|~|–|－)\s*)?(?P<year>{_YEAR})\s*年"
    r"(?:(?P<decade>代)|\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*[日號])?)?"
)
# 代 opening a verb or noun rather than closing 年代: 2001年代替總統… is "in 2001, standing in
# for the president", not "the 2001s". 代替 代表 代理 代言 代辦 代購 代工 代收 代付 代價 代號.
_NOT_DECADE_NEXT = frozenset("替表理言辦購工收付價號")
# Clause marks a sentence is split at to find the date in a mention's own clause.
_CLAUSE_MARKS = re.compile(r"[，,﹐；;﹔、﹑：:「」『』（）()]")
_SEGMENT_MARKS = re.compile(r"[；;﹔]")
# A date inside 「…」 that the quoted name goes on after (「台日論壇2004年台北會議」,
# 「2001年國際自由獎」) is part of a name, not the date of an event.
_NAME_AFTER_DATE = re.compile(r"[^「」，,。；;、]*」")
# 、 followed by a short item of an enumeration (菲律賓、南韓與臺灣等亞太國家在1980年代…) joins
# rather than separates clauses.
_LIST_ITEM = re.compile(r"[^，,﹐；;﹔、﹑：:「」『』（）()與及和等]{1,6}(?:[與及和等、﹑]|$)")
_BEFORE = re.compile(r"\s*(?:之前|以前)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ENGLISH_DATE = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>[A-Za-z]+)|(?P<m2>[A-Za-z]+)\s+(?P<d2>\d{{1,2}}),?)\s+(?P<y>{_YEAR})"
)
_NUMERIC_DATE = re.compile(rf"(?P<y>{_YEAR})[-/](?P<m>\d{{1,2}})(?:[-/](?P<d>\d{{1,2}}))?")


@dataclass(frozen=True)
class Date:
    """A date written in a text.

    Attributes:
        value: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYYs`` (decade) or ``YYYY–YYYY``.
        start, end: where it is written, in the text it was read from.
    """

    value: str
    start: int
    end: int


def find_dates(text: str) -> list[Date]:
    """Every date written in ``text`` (see the module docstring), in text order.

    A month outside 1–12 leaves the year alone (2019 年 13 月 -> ``2019``); a day outside
    1–31 leaves the month. ``N年代`` is a decade only when N ends in 0 and 代 is not the first
    character of a word such as 代替 or 代表 (2001年代替總統 -> ``2001``).
    """
    found = []
    for match in _DATE.finditer(text):
        year, end = match["year"], match.end()
        if match["decade"]:
            after = text[end : end + 1]
            if year.endswith("0") and after not in _NOT_DECADE_NEXT:
                found.append(Date(f"{year}s", match.start(), end))
                continue
            end -= 1  # 年 closes the year; 代 belongs to the next word
        value = f"{match['first']}–{year}" if match["first"] and match["first"] < year else year
        month, day = match["month"], match["day"]
        if not match["first"] and month and 1 <= int(month) <= 12:
            value = f"{year}-{int(month):02d}"
            if day and 1 <= int(day) <= 31:
                value += f"-{int(day):02d}"
        found.append(Date(value, match.start(), end))
    return found


def dates(text: str) -> list[str]:
    """The distinct dates of ``text`` (:func:`find_dates`' values), in order of first appearance."""
    return list(dict.fromkeys(date.value for date in find_dates(text)))


def citation_date(field: str) -> str | None:
    """The date of a citation's ``date`` field as ``YYYY[-MM[-DD]]``, or ``None``.

    Handles the forms the Wikipedia ``<ref>`` templates use: 2002年08月26日, 2011-09-16,
    2005/10/27, June 05, 1989, 17 June 2011, and a bare year.
    """
    written = find_dates(field)
    if written:
        return written[0].value
    for pattern in (_NUMERIC_DATE, _ENGLISH_DATE):
        match = pattern.search(field)
        if match is None:
            continue
        groups = match.groupdict()
        month_name = groups.get("m1") or groups.get("m2")
        month = _MONTHS.get(month_name.lower()) if month_name else int(groups["m"])
        day = groups.get("d") or groups.get("d1") or groups.get("d2")
        if month is None or not 1 <= month <= 12:
            return match["y"]
        return f"{match['y']}-{month:02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")
    year = re.search(rf"(?<!\d){_YEAR}(?!\d)", field)
    return year.group(0) if year else None


def governing_date(
    text: str, sentence: tuple[int, int], positions: Sequence[int], excluded: Sequence[tuple[int, int]]
) -> str | None:
    """The date that governs what the sentence ``text[sentence[0]:sentence[1]]`` says at
    ``positions`` (offsets of an entity's mentions in ``text``), or ``None``.

    The sentence is cut into clauses at ，；、：「」（）. For each position in turn, the date
    nearest to it in its own clause governs; else the nearest time frame before it in its
    ；-segment (a clause that is only a date: 從 1972至1974年間，…); else the date that opens its
    ；-segment (in its first clause); else the date that opens the sentence (its first clause). A
    date of another clause does not: in 出身東德、1989年柏林圍牆被拆之後投身民主運動…的梅克爾
    標舉…, 1989 dates her biography, not what she 標舉. Dates inside ``excluded`` spans (titles
    of cited works, reference notes) and dates inside a quoted name (「台日論壇2004年台北會議」)
    are never read. An enumeration's short items (菲律賓、南韓與臺灣等…在1980年代) share the
    clause of the last one. 在1988年之前 gives ``1988 之前``.
    """
    start, end = sentence
    found = [
        d
        for d in find_dates(text[start:end])
        if not any(a <= start + d.start < b for a, b in excluded)
        and not _in_name(text, start + d.start, start + d.end)
    ]
    if not found:
        return None
    clauses = _cuts(_CLAUSE_MARKS, text[start:end])
    for position in positions:
        clause = _piece(clauses, position - start)
        here = [d for d in found if clause[0] <= d.start < clause[1]]
        if here:
            return _qualified(text, start, min(here, key=lambda d: abs(d.start - (position - start))))
    sentence_text = text[start:end]
    for position in positions:
        framing = _framing_date(sentence_text, clauses, found, position - start)
        if framing is not None:
            return _qualified(text, start, framing)
    opening = _piece(clauses, 0)
    leading = [d for d in found if opening[0] <= d.start < opening[1]]
    return _qualified(text, start, leading[0]) if leading else None


def _framing_date(
    sentence: str, clauses: list[tuple[int, int]], found: list[Date], offset: int
) -> Date | None:
    """The nearest time frame before ``offset`` in its ；-segment, else the date in the
    segment's first clause (offsets relative to ``sentence``)."""
    segment = _piece(_cuts(_SEGMENT_MARKS, sentence), offset)
    framing = [
        d for d in found if segment[0] <= d.start < offset and _frames(sentence, _piece(clauses, d.start), d)
    ]
    if framing:
        return framing[-1]
    opening = _piece(clauses, segment[0])
    return next((d for d in found if opening[0] <= d.start < opening[1]), None)


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` is part of a 「quoted name」 that goes on after it."""
    opened = text.rfind("「", 0, start) > text.rfind("」", 0, start)
    after = _NAME_AFTER_DATE.match(text, end)
    return opened and after is not None and after.end() - end > 1


def _qualified(text: str, offset: int, date: Date) -> str:
    """``date``'s value, ``YYYY 之前`` when the text says before it (在1988年之前)."""
    return f"{date.value} 之前" if _BEFORE.match(text, offset + date.end) else date.value


def _frames(sentence: str, clause: tuple[int, int], date: Date) -> bool:
    """Whether ``clause`` of ``sentence`` is no more than ``date`` (從 1972至1974年間, 1996年時,
    在1988年之前): a time frame that governs the clauses after it."""
    rest = sentence[clause[0] : date.start] + sentence[date.end : clause[1]]
    return len(_CLAUSE_MARKS.sub("", rest).strip()) <= 3


def _cuts(marks: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces of ``text`` between ``marks``; a 、 between the items of
    an enumeration does not cut."""
    bounds = [0]
    for mark in marks.finditer(text):
        if not (mark.group() in "、﹑" and _LIST_ITEM.match(text, mark.end())):
            bounds.append(mark.end())
    return list(pairwise([*bounds, len(text) + 1]))


def _piece(pieces: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The piece holding ``offset`` (the last one for an offset past the end)."""
    return next((p for p in pieces if p[0] <= offset < p[1]), pieces[-1])
