"""How a source's manifest metadata is shown: front matter fields and a readable summary."""

from __future__ import annotations

import re
from typing import Any

from ..model import Document, SourceSpec
from .citations import CITATION_FORMATS, CITATIONS_DIR
from .markdown_text import escape_inline
from .paths import href, source_path

KIND_NAMES = {
    "encyclopedia article": "百科條目 (encyclopedia article)",
    "journal article": "期刊論文 (journal article)",
    "government review": "政府工作回顧 (government review)",
}
UNSTATED = "文本未載 (not stated in the text)"
_ZH_DIGITS = "零一二三四五六七八九"
_EN_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def count_words(count: int) -> dict[str, str]:
    """``{"zh": …, "en": …}``: ``count`` (of sources) in words, as the home page writes it.

    Chinese numerals up to 99 (5 -> 五, 12 -> 十二, 25 -> 二十五), digits beyond; English words up
    to twelve, digits beyond (5 -> five, 13 -> 13).
    """
    if count < 10:
        zh = _ZH_DIGITS[count]
    elif count < 100:
        tens, ones = divmod(count, 10)
        zh = ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")
    else:
        zh = str(count)
    return {"zh": zh, "en": _EN_NUMBERS[count] if count < len(_EN_NUMBERS) else str(count)}


def kind_name(kind: str | None) -> str:
    """How a source's ``kind`` is shown: bilingual for the known kinds, escaped as written for
    others, :data:`UNSTATED` when the manifest records none (a source added by ``vdiplo-site add``)."""
    if kind is None:
        return UNSTATED
    return KIND_NAMES.get(kind, escape_inline(kind))


def source_front_matter(document: Document) -> dict[str, Any]:
    """Front-matter fields of a source page, in their fixed order.

    ``title`` is the label the site shows; ``source_title`` is the title the text states
    (``None`` when it states none). Counts are of the converted document.
    """
    spec = document.spec
    return {
        "type": "source",
        "id": spec.id,
        "title": spec.label,
        "sha256": spec.sha256,
        "source_title": spec.title,
        "english_title": spec.english_title,
        "authors": list(spec.authors),
        "publisher": spec.publisher,
        "year": spec.year,
        "kind": spec.kind,
        "language": spec.language,
        "licence": spec.licence,
        "format": spec.format,
        "file": spec.file,
        "notes": list(spec.notes),
        "categories": list(document.tags),
        "passages": sum(len(section.blocks) for section in document.sections),
        "footnotes": len(document.footnotes),
    }


def metadata_rows(spec: SourceSpec) -> list[tuple[str, str]]:
    """``(label, escaped Markdown value)`` rows describing ``spec``; unknowns say so."""

    def value(text: str | None) -> str:
        return escape_inline(text) if text else UNSTATED

    return [
        ("題名 Title", value(spec.title)),
        ("英文題名 English title", value(spec.english_title)),
        ("作者 Authors", "；".join(escape_inline(a) for a in spec.authors) or UNSTATED),
        ("出版者／刊物 Publisher", value(spec.publisher)),
        ("年份 Year", str(spec.year) if spec.year else UNSTATED),
        ("類型 Kind", kind_name(spec.kind)),
        ("語言 Language", escape_inline(spec.language)),
        ("授權 Licence", value(spec.licence)),
        ("檔案 File", f"{code_span(spec.file)} (sha256 `{spec.sha256[:16]}…`)"),
        ("引用檔 Citation files", citation_links(spec)),
    ]


def citation_links(spec: SourceSpec) -> str:
    """Links from the source's page to its BibTeX, RIS and CSL-JSON files (:mod:`.citations`)."""
    page = source_path(spec.id)
    base = f"{CITATIONS_DIR}/{spec.id}"
    return " · ".join(f"[{name}]({href(page, base + suffix)})" for name, suffix in CITATION_FORMATS)


def code_span(text: str) -> str:
    """``text`` as one Markdown code span that nothing in it can close.

    Quirk handled: a backtick in ``text`` (a file name may hold one) would end a one-backtick
    span early and let what follows (``<img onerror=…>``) render as HTML. The fence is one
    backtick longer than the longest run inside, padded with a space where ``text`` starts or
    ends with a backtick (Python-Markdown strips that padding); inside a span, Markdown escapes
    ``<``, ``>`` and ``&``. Input: one line of text without surrounding whitespace.
    """
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def metadata_block(spec: SourceSpec) -> str:
    """An admonition listing the source's metadata and the manifest's notes (Markdown)."""
    lines = ['!!! info "來源資料 About this source"', ""]
    lines += [f"    - **{label}**：{text}" for label, text in metadata_rows(spec)]
    lines += [f"    - {escape_inline(note)}" for note in spec.notes]
    return "\n".join(lines) + "\n"
