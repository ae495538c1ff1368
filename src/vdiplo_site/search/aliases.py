"""Query aliases: other ways readers write the corpus's own words, mapped to those words.

The texts are Taiwanese Traditional Chinese; readers also type mainland usage (图瓦卢 for
吐瓦魯, 芯片 for 晶片, 撒切尔 for 柴契爾) and English (``soft power`` for 軟性權力). Character
folding (:mod:`.folding`) cannot bridge different words, so the search data carries a map from
each such form to the corpus words it stands for, built for the corpus's own vocabulary only
(each word the texts use, in its mainland forms), so the index stays small:

- mainland forms: OpenCC's Taiwan phrase tables (``tw2sp``) and MediaWiki's zh-cn conversion
  tables (``zhconv-rs``, the tables Chinese Wikipedia uses) applied to each vocabulary word
  and its parts;
- gazetteer aliases written in Han characters (默克爾 for 梅克爾), to the canonical name;
- a bilingual glossary: the sources' own ``中文（English）`` pairs, and each entity's English
  name and Latin aliases (``AIT``), to its Chinese names.

The engine (``engine.js``) matches a query term equal to a form as the union of the form
itself and its targets. Forms and targets are folded (:func:`.folding.fold`); an English form
is its words, lower case, joined by single spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from zhconv_rs import zhconv

from ..chinese_script import to_mainland
from ..glosses import GlossTagger, folded_names_tokenizer, gloss_pairs
from ..knowledge import KnowledgeBase
from ..model import Entity, iter_passages
from ..text import HAN

_HAN_WORD = re.compile(f"[{HAN}]{{2,}}")
_LATIN_WORDS = re.compile(r"[a-z0-9]+(?:[.'’+\-][a-z0-9]+)*")


def mainland_forms(word: str) -> set[str]:
    """The mainland (zh-CN) forms of a Traditional (Taiwan) ``word``: OpenCC ``tw2sp`` and
    MediaWiki's zh-cn tables (``zhconv-rs``); the word's own character-by-character Simplified
    form is among them when neither table has a phrase for it."""
    return {to_mainland(word), zhconv(word, "zh-cn")}


def mainland_forms_of(words: list[str]) -> list[set[str]]:
    """:func:`mainland_forms` of each of ``words`` (none holding a newline), converted in one
    call per table (a call costs far more than a word)."""
    if not words:
        return []
    text = "\n".join(words)
    converted = zip(to_mainland(text).split("\n"), zhconv(text, "zh-cn").split("\n"), strict=True)
    return [{a, b} for a, b in converted]


def english_form(text: str) -> str:
    """An English name or phrase as a form: its Latin words, lower case, joined by one space
    (``"Second-Track  Diplomacy"`` -> ``"second-track diplomacy"``); ``""`` if it has none."""
    return " ".join(_LATIN_WORDS.findall(text.lower()))


def originals(texts: Iterable[str], fold: Callable[[str], str], words: Iterable[str]) -> dict[str, str]:
    """Folded vocabulary word -> the text as the corpus first writes it (folding is character
    by character, so the original is the same slice of the unfolded text). Words found in no
    text (names only in the gazetteer) are left out."""
    original = "\n".join(texts)
    folded = fold(original)
    found = {}
    for word in words:
        at = folded.find(word)
        if at >= 0:
            found[word] = original[at : at + len(word)]
    return found


#: How often the texts may write a Han form before it counts as their own word (no alias).
COMMON = 3


def build_aliases(
    kb: KnowledgeBase, texts: list[str], vocab: list[str], fold: Callable[[str], str]
) -> dict[str, list[str]]:
    """Form -> the folded corpus words it stands for (sorted; forms sorted).

    Args:
        kb: the knowledge base (its sources for gloss pairs, its entities' names).
        texts: every searched text (titles and passage texts), unfolded.
        vocab: the folded vocabulary (:func:`.data.vocabulary`).
        fold: the search's folding (Traditional -> Simplified, lower case).

    Left out: a form equal to its target, a form of fewer than two characters, and a Han form
    the texts themselves write :data:`COMMON` times or more (支持 is their own word, though
    OpenCC reads it as the mainland form of 支援); a form they write less often stays (新西兰
    in a quoted title: the query then finds it and 紐西蘭).
    """
    found = originals(texts, fold, (w for w in vocab if _HAN_WORD.fullmatch(w)))
    known, words = set(found), set(vocab)
    corpus = fold("\n".join(texts))
    aliases: dict[str, set[str]] = {}

    def add(form: str, target: str) -> None:
        if len(form) < 2 or not target or form == target:
            return
        if _HAN_WORD.fullmatch(form) and form not in aliases and corpus.count(form) >= COMMON:
            return
        aliases.setdefault(form, set()).add(target)

    parts = sorted(
        {(word[a:b], original[a:b]) for word, original in found.items() for a, b in _spans(len(word))}
    )
    for (part, _), forms in zip(parts, mainland_forms_of([o for _, o in parts]), strict=True):
        for form in forms:
            add(fold(form), part)
            core, target = changed_core(fold(form), part)
            if target in words:
                add(core, target)
    for entity in kb.entities:
        _entity_aliases(entity, fold, known, add)
    tagger = GlossTagger.over(folded_names_tokenizer(kb.entities))
    for document in kb.documents:
        for passage in iter_passages(document):
            for name, english in gloss_pairs(passage.text, tagger):
                add(english_form(english), fold(name))
    return {form: sorted(targets) for form, targets in sorted(aliases.items())}


def changed_core(form: str, word: str) -> tuple[str, str]:
    """The part of ``form`` that differs from ``word`` (of the same length), and that part of
    ``word``: their common start and end cut off, but at least two characters kept (汤加王国
    / 东加王国 -> 汤加 / 东加: the table knows the country only in the longer word).
    ``("", "")`` when the lengths differ."""
    if len(form) != len(word):
        return "", ""
    start, end = 0, len(word)
    while start < end and form[start] == word[start]:
        start += 1
    while end > start and form[end - 1] == word[end - 1]:
        end -= 1
    if end - start < 2:
        start, end = (start, start + 2) if start + 2 <= len(word) else (max(0, end - 2), max(0, end - 2) + 2)
    return form[start:end], word[start:end]


#: Longest part of a vocabulary word whose mainland forms are looked up (characters).
MAX_PART = 6


def _spans(length: int) -> list[tuple[int, int]]:
    """``(start, end)`` of every part of two to :data:`MAX_PART` characters of a word of
    ``length`` characters, and of the whole word: jieba keeps compounds whole (先進晶片研究中心),
    and the tables know their parts (晶片 -> 芯片)."""
    spans = {(0, length)}
    for size in range(2, min(MAX_PART, length) + 1):
        spans.update((start, start + size) for start in range(length - size + 1))
    return sorted(spans)


def _entity_aliases(
    entity: Entity, fold: Callable[[str], str], known: set[str], add: Callable[[str, str], None]
) -> None:
    """An entity's Han names and its English names as forms of its Han names the texts use
    (默克爾 -> 梅克爾, ``american institute in taiwan`` -> 美國在台協會). Scoped aliases (我國
    for Taiwan in one source) are left out: they stand for the entity only there; its query
    aliases (布什, AIT), which the texts never write, are in."""
    forms = (entity.name, entity.english or "", *entity.aliases, *entity.query_aliases)
    written = [fold(f) for f in forms if _HAN_WORD.fullmatch(f) and fold(f) in known]
    if not written:
        return
    for form in forms:
        if _HAN_WORD.fullmatch(form) and fold(form) in known:
            continue  # written: the texts' mentions of it are found as they are
        key = (
            fold(form)
            if _HAN_WORD.fullmatch(form)
            else english_form(form)
            if not re.search(f"[{HAN}]", form)
            else ""
        )
        for target in written:
            add(key, target)
