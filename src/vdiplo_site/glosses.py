"""``中文（English）`` glosses in source text: the names the sources give English for.

Used by ``vdiplo-site candidates`` (the ``gloss`` evidence and a candidate's English) and by
the search's bilingual glossary (:mod:`vdiplo_site.search.aliases`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jieba

from .model import Entity, strip_footnote_refs
from .search.folding import t2s_single
from .segment import dictionary_verbs, tokenizer_for, tokens
from .text import HAN

if TYPE_CHECKING:
    from jieba.posseg import POSTokenizer

#: Longest name a gloss or quote detector returns, in characters.
MAX_NAME = 12
# CJK run, optionally in 「」, then an English phrase in （） or () (no URL: ':' and '/' excluded).
_GLOSS = re.compile(f"「?([{HAN}]+)」?[ \u3000]?[（(] ?([A-Za-z][A-Za-z0-9 .,'’&-]*?) ?[）)]")
#: Most words an English gloss may have (longer ones are sentences, not names).
MAX_GLOSS_WORDS = 8
#: jieba tokens after which a gloss's name starts: particles, conjunctions, prepositions,
#: copulas and dates ("…的五眼聯盟", "如台積電", "特別是在世界衛生組織", "2月日本戰略研究論壇").
# fmt: off
CUT_WORDS = frozenset({"的", "之", "與", "及", "以及", "和", "或", "如", "例如", "即", "在", "於", "為", "是",
                       "稱為", "而", "並", "由", "對", "向", "從", "以", "年", "月", "將", "把", "被", "了"})
# fmt: on


def fold_chars(text: str) -> str:
    """``text`` with each Traditional character replaced by its Simplified one (OpenCC t2s,
    single characters only, so offsets are kept)."""
    table = t2s_single()
    return "".join(table.get(char, char) for char in text)


def folded_names_tokenizer(entities: Iterable[Entity]) -> jieba.Tokenizer:
    """A private tokenizer holding every gazetteer surface form, folded to Simplified."""
    return tokenizer_for(fold_chars(form) for entity in entities for form in entity.surface_forms())


def name_tagger(entities: Iterable[Entity]) -> POSTokenizer:
    """A part-of-speech tagger over :func:`folded_names_tokenizer` (for
    :func:`~vdiplo_site.candidates.pos_names`)."""
    from jieba.posseg import POSTokenizer  # its import alone loads jieba's word tags (~0.4 s)

    return POSTokenizer(folded_names_tokenizer(entities))


@dataclass(frozen=True)
class GlossTagger:
    """What :func:`trim_name` needs to cut a gloss's name out of a CJK run.

    Attributes:
        tokenizer: the private jieba tokenizer the run is cut with (HMM off).
        verbs: the words jieba's dictionary tags as verbs (:func:`.segment.dictionary_verbs`).
    """

    tokenizer: jieba.Tokenizer
    verbs: frozenset[str]

    @classmethod
    def over(cls, tokenizer: jieba.Tokenizer) -> GlossTagger:
        """The gloss tagger cutting with ``tokenizer``, with jieba's dictionary's verbs."""
        return cls(tokenizer, dictionary_verbs())


def gloss_pairs(text: str, tagger: GlossTagger) -> list[tuple[str, str]]:
    """``(name, english)`` for each ``中文（English）`` or ``中文 (English)`` of ``text``.

    The name is the end of the CJK run before the parenthesis, cut by :func:`trim_name`;
    pairs whose trimmed name is shorter than two characters or whose English has more than
    :data:`MAX_GLOSS_WORDS` words are dropped.
    """
    pairs = []
    for match in _GLOSS.finditer(strip_footnote_refs(text)):
        name = trim_name(match.group(1), tagger)
        if len(name) >= 2 and len(match.group(2).split()) <= MAX_GLOSS_WORDS:
            pairs.append((name, match.group(2).strip()))
    return pairs


def trim_name(run: str, tagger: GlossTagger) -> str:
    """The shortest plausible name at the end of the CJK ``run``.

    ``run`` is segmented (HMM off); everything up to the last token in :data:`CUT_WORDS` is cut
    (a token, so 和平 and 共和國 stay whole), then a leading verb of jieba's dictionary (加入,
    支持: only leading, as verbs occur inside names such as 國際特赦組織), then leading tokens
    until at most :data:`MAX_NAME` characters remain. Returns ``""`` when nothing remains.
    A title or verb jieba does not know stays in front (會見裴洛西); the curator trims it.
    """
    words = [word for word, _, _ in tokens(tagger.tokenizer, run)]
    start = max((i + 1 for i, word in enumerate(words) if word in CUT_WORDS), default=0)
    kept = words[start:]
    if len(kept) > 1 and len(kept[0]) > 1 and kept[0] in tagger.verbs:
        kept = kept[1:]
    while sum(map(len, kept)) > MAX_NAME:
        kept = kept[1:]
    return "".join(kept)
