"""Where a source defines an entity, and the English names it glosses it with.

A definition is a sentence in which the entity is what a defining construction defines, not
any sentence that names it near one (中國的「戰略機遇期」是指… defines 戰略機遇期, not 中國):

* the entity is the term right before the defining verb (係指, 是指, 意指, 乃指, 即指, 泛指,
  通常指, 指的是, 是一種, 定義為…), with nothing between but closing quote marks, an English
  gloss, 一詞, an adverb (通常, 則, 亦…) and at most one comma: 「價值共同體」係指…,
  認為第二軌道外交是一種…, 至於脆弱性，意指…;
* the entity opens the sentence and a later clause opens with the verb (價值外交（…），有時亦
  稱為原則外交（…）等，通常指…);
* 所謂X defines X when something defining follows (所謂「全球公民社會」，是指…) or precedes
  (…非正式外交，即所謂「第二軌道外交」); 所謂的X alone is "so-called" (中國利用所謂的
  「戰略機遇期」), not a definition;
* 稱為X, 稱之為X: the source names the thing it describes X;
* 何謂X？ followed by a sentence giving a definition (根據朱雲漢教授的定義為，「…」), and
  對於「X」的定義，… followed by the definition it announces (該委員會認為：「治理是…」): both
  sentences are quoted.

A 中文（English） gloss is the English name the source gives, not a definition
(:func:`english_gloss`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Mention
from ..text import HAN
from .context import sentence_span

# A defining verb whose subject comes before it. 指出 (points out), 指示, 指責 are not 指.
_POINTING = (
    r"(?:(?:係|是|意|乃|即|泛|通常|一般|多|專)指(?![出示責控稱涉向揮引導派定摘])|指的是|(?:被|可)?定義為)"
)
_VERB = rf"(?:{_POINTING}|(?:乃是|即是|是|為|乃)一(?:種|個)|被視為一(?:種|個)|本質(?:則|乃|即)?是|即是)"
_FILLER = r"(?:[」』\s]|（[^（）]*）|\([^()]*\)|一詞|這個概念|此一概念|此概念|的概念|其|的|通常|一般|主要|則|乃|即|係|也|亦|就|可|[，,])*"
# A short head after the name (第二軌道的外交政策，即是…) before a verb that opens its clause.
_AFTER = re.compile(rf"^({_FILLER}(?:的[^\s，,。；「」（）()]{{1,4}}[，,])?){_VERB}")
_CLAUSE_OPENING_VERB = re.compile(rf"[，,；;](?:通常|一般|則|乃|即|其|也|亦|\s)*{_POINTING}")
# 是 as a copula: not 是否, 是由 (who proposed it), 是以, 是在…, nor a ranking (是世界上第一個,
# 是唯一).
_COPULA = r"是(?![否由以在為因從要故說])(?![^，,。；;]{0,4}(?:第[一二三四五六七八九十]|唯一|最))"
# What may open a clause whose subject the mention is, when a comma stands between it and the
# verb (至於脆弱性，意指…; 因為第二軌道的外交政策，即是…; …相對的是「相對利得」，即是一種…;
# not 之所以形成X，即是…).
_SUBJECT_OPENING = re.compile(
    r"(?:(?:^|[，,；;：:])[\s「『]*(?:因為|由於|而|但|至於|所謂|對於)?|的是)[\s「『]*$"
)
_OPENING_COPULA = re.compile(rf"^(?:[」』\s]|（[^（）]*）|\([^()]*\)|則|也|其|本身)*{_COPULA}")
_COMMA_COPULA = re.compile(rf"^[」』]?\s*(?:（[^（）]*）|\([^()]*\))?[，,]{_COPULA}")
_SO_CALLED = re.compile(r"所謂的?[「『]?\s*$")
_NAMELY_SO_CALLED = re.compile(r"(?:即|亦即|也就是|就是|此即|乃)所謂的?[「『]?\s*$")
_SO_CALLED_THEN = re.compile(
    r"^[」』]?\s*(?:（[^（）]*）|\([^()]*\))?\s*[，,]?\s*(?:是指|係指|意指|指的是|泛指|意即|亦即|就是|即|是|乃|指(?![出示責]))"
)
# 稱為X, 稱之為X, 稱這樣的國際體系是「X」.
_NAMED = re.compile(r"(?:稱為|稱之為|稱作|叫做|稱[^，,。；;「」]{0,10}?是)[「『]?\s*$")
_WHAT_IS = re.compile(r"何謂[「『]?\s*$")
_QUESTION_END = re.compile(r"^[」』]?\s*[？?]")
_DEFINING_WORD = re.compile(r"定義|是指|係指|意指|泛指|指的是|所謂")
# 對於「全球治理」的定義，…: the next sentence gives it (該委員會認為：「治理是…」).
_ABOUT = re.compile(r"對於[「『]?\s*$")
_ITS_DEFINITION = re.compile(r"^[」』]?\s*的定義")
_STATED = re.compile(r"認為[：:]\s*[「『]")
_OPENING = re.compile(r"^[\s「『]*(?:所謂的?[「『]?)?\s*$")
_FIRST_CLAUSE = re.compile(r"^[^，,；;：:]*$")
_GLOSS = re.compile(r"[」』]?\s*[（(]\s*(?:英語|英文)?[：:]?\s*([^（）()]+?)\s*[）)]")
_HAN = re.compile(f"[{HAN}]")
_NOT_A_NAME = re.compile(r"://|^www\.|^(?:eds?|et al|ibid|op\. cit)\.?$", re.IGNORECASE)


def definition_span(
    text: str, mention: Mention, others: Sequence[tuple[int, int]] = ()
) -> tuple[int, int] | None:
    """The span of ``text`` (a passage's text) to quote as the source's definition of what
    ``mention`` names, or ``None`` when no defining construction has it as its subject.

    ``others`` are the spans of the passage's mentions of other entities: a defining verb with
    another name nearer before it defines that name. The span is the mention's sentence, or (何謂X？)
    that sentence and the next (何謂X？, 對於X的定義).
    """
    start, end = sentence_span(text, mention)
    before, after = text[start : mention.start], text[mention.end : end]
    if _defined_by_what_follows(before, after, mention.end, others):
        return start, end
    if _NAMELY_SO_CALLED.search(before) or _NAMED.search(before):
        return start, end
    if _SO_CALLED.search(before) and _SO_CALLED_THEN.match(after):
        return start, end
    if _OPENING.match(before) and (_CLAUSE_OPENING_VERB.search(after) or _OPENING_COPULA.match(after)):
        return start, end
    if _FIRST_CLAUSE.match(before) and _COMMA_COPULA.match(after):
        return start, end
    asked = _WHAT_IS.search(before) and _QUESTION_END.match(after)
    if asked or (_ABOUT.search(before) and _ITS_DEFINITION.match(after)):
        following = Mention("", "", "", "", end, end, "")
        next_end = sentence_span(text, following)[1] if end < len(text) else end
        if _DEFINING_WORD.search(text[end:next_end]) or _STATED.search(text[end:next_end]):
            return start, next_end
    return None


def _defined_by_what_follows(before: str, after: str, offset: int, others: Sequence[tuple[int, int]]) -> bool:
    """Whether ``after`` (the sentence after a mention ending at ``offset``) opens with a
    defining verb, nothing but filler and no other name between; across a comma only when
    the mention opens its clause (``before``: the sentence before it)."""
    match = _AFTER.match(after)
    commas = len(re.findall(r"[，,]", match.group(1))) if match else 0
    if match is None or commas > 1 or (commas and not _SUBJECT_OPENING.search(before)):
        return False
    gap_end = offset + len(match.group(1))
    return not any(offset <= other_start < gap_end for other_start, _ in others)


def english_gloss(text: str, mention: Mention) -> tuple[str, int] | None:
    """The English a source writes in parentheses right after a Chinese ``mention``
    (第二軌道外交（Second Track Diplomacy）, 歐盟（EU）, 價值導向外交（英語：Value …）) and the
    offset in ``text`` just past the closing parenthesis; ``None`` when there is none.

    Only Latin text counts (no Han character, at least two letters); URLs and bibliographic
    abbreviations (eds., ibid.) are not names. A mention written in Latin letters has no gloss.
    """
    if not _HAN.search(mention.surface):
        return None
    match = _GLOSS.match(text, mention.end, mention.end + 160)
    if match is None:
        return None
    english = match.group(1)
    if _HAN.search(english) or not re.search(r"[A-Za-z]{2}", english) or _NOT_A_NAME.search(english):
        return None
    return english, match.end()
