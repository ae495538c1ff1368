"""Abbreviations a source declares for itself: 中華人民共和國（以下簡稱中共）.

A source may bind a short form to the name just before it, for the rest of that text:
``（以下簡稱X）``, ``（簡稱X）``, ``（下稱X）``, ``（以下稱X）``, ``（以下稱為X）``, the same after a
comma (``，以下簡稱X``), X bare or quoted (「X」), and English ``(hereinafter "X")`` /
``(hereinafter referred to as "X")``. The second-track paper declares 中華人民共和國（以下簡稱中共）
and 中華民國（以下簡稱我國）: in that paper 中共 is the PRC, whatever the gazetteer says 中共 means
elsewhere. :func:`find_declarations` finds them; :func:`bind` puts them over a source's surface
forms before mentions are found, so they hold for that source only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model import FOOTNOTE_REF, Passage

#: Longest declared short form, in characters (a longer "X" is a phrase, not an abbreviation).
MAX_ABBREVIATION = 12
#: Longest stretch shown as the unknown name before a declaration (candidate report).
MAX_NAME = 12

_KEYWORD = (
    r"以下簡稱為?|以下简称为?|以下稱為|以下称为|以下稱|以下称|下稱|下称|簡稱為?|简称为?"
    r"|hereinafter(?:\s+(?:referred\s+to\s+as|called))?"
)
_QUOTED = r"[「『“\"']\s*(?P<quoted>[^」』”\"'\n]+?)\s*[」』”\"']"
_BARE = r"(?P<bare>[^\s，,。；;：:、（）()「」『』“”\"'\[\]]+)"
_DECLARATION = re.compile(
    rf"(?:(?P<paren>[（(])|[，,])\s*(?:{_KEYWORD})\s*[：:]?\s*(?:{_QUOTED}|{_BARE})\s*(?(paren)[）)]|(?=[，,。；;）)]|$))"
)
# What may stand between a name and its declaration: spaces, footnote references, a closing quote.
_BETWEEN = re.compile(rf"(?:\s|{FOOTNOTE_REF.pattern}|[」』”\"])*$")
_NAME_TAIL = re.compile(r"[^\s，,。；;：:、（）()「」『』“”\"'\[\]]+$")


@dataclass(frozen=True)
class Declaration:
    """A short form a source declares for the name before it.

    Attributes:
        source_id: the source that declares it; the binding holds in that source only.
        passage_id: the passage of the declaration.
        abbreviation: the declared short form X, as written (without quotes).
        start: offset of X in the passage text.
        end: offset just past X.
        name: the name the declaration follows, as written: the gazetteer surface form it ends
            with, or (when the gazetteer has none) the text before the declaration, at most
            :data:`MAX_NAME` characters.
        entity_id: the entity of ``name``, or ``None`` when the gazetteer does not have it (then
            the declaration is reported, not bound).
    """

    source_id: str
    passage_id: str
    abbreviation: str
    start: int
    end: int
    name: str
    entity_id: str | None


def find_declarations(
    source_id: str, passages: Iterable[Passage], forms: Mapping[str, str]
) -> tuple[Declaration, ...]:
    """Every declared abbreviation in ``passages`` of one source, in page order.

    Args:
        source_id: the source's id.
        passages: its passages (:func:`~vdiplo_site.model.iter_passages`).
        forms: the source's surface forms (surface -> entity id), without declarations.

    Returns:
        One :class:`Declaration` per ``以下簡稱X`` … whose X has 1–:data:`MAX_ABBREVIATION`
        characters. The name before it is the longest surface form the text before the
        declaration ends with (spaces, a footnote reference ``[^N]`` or a closing quote may stand
        between); a declaration after no known name has ``entity_id`` ``None``.
    """
    found = []
    for passage in passages:
        if "稱" not in passage.text and "称" not in passage.text and "hereinafter" not in passage.text:
            continue
        for match in _DECLARATION.finditer(passage.text):
            group = "quoted" if match.group("quoted") is not None else "bare"
            abbreviation = match.group(group)
            if len(abbreviation) > MAX_ABBREVIATION:
                continue
            before = passage.text[: match.start()]
            before = before[: _BETWEEN.search(before).start()]  # type: ignore[union-attr]
            name, entity_id = _name_before(before, forms)
            declaration = Declaration(
                source_id, passage.id, abbreviation, match.start(group), match.end(group), name, entity_id
            )
            found.append(declaration)
    return tuple(found)


def _name_before(before: str, forms: Mapping[str, str]) -> tuple[str, str | None]:
    """The longest surface form ``before`` ends with and its entity, else the unknown tail."""
    known = [form for form in forms if before.endswith(form) and not _cuts_latin_word(before, form)]
    if known:
        form = max(known, key=len)
        return form, forms[form]
    tail = _NAME_TAIL.search(before)
    return (tail.group()[-MAX_NAME:] if tail else ""), None


def _cuts_latin_word(before: str, form: str) -> bool:
    """Whether ``form`` at the end of ``before`` starts inside a Latin word (``EU`` in ``SEU``)."""
    start = len(before) - len(form)
    return start > 0 and before[start - 1].isascii() and before[start - 1].isalnum() and form[0].isascii()


def bind(forms: Mapping[str, str], declarations: Iterable[Declaration]) -> dict[str, str]:
    """``forms`` with each declared abbreviation bound to its entity, over the default.

    Input: a source's surface forms (surface -> entity id) and that source's declarations.
    Output: a new mapping; a declaration whose name is not in the gazetteer binds nothing, and
    when one source declares the same X twice the first declaration holds. X need not be a
    word of the tokenizer: the matcher finds it as a run of tokens.
    """
    bound = dict(forms)
    seen: set[str] = set()
    for declaration in declarations:
        if declaration.entity_id is None or declaration.abbreviation in seen:
            continue
        seen.add(declaration.abbreviation)
        bound[declaration.abbreviation] = declaration.entity_id
    return bound
