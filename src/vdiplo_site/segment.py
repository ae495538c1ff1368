"""Chinese segmentation: a private jieba tokenizer whose user dictionary comes from the gazetteer.

Never jieba's global tokenizer (Material's search plugin uses that one) and never paddle mode.
Every surface form of every entity is added as one word, so a name is never split.
"""

from __future__ import annotations

import logging
import marshal
import re
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import jieba

from .chinese_script import to_simplified
from .model import Entity
from .text import HAN

# Frequency given to gazetteer words: high enough that jieba keeps them whole.
USER_WORD_FREQ = 2_000_000
jieba.setLogLevel(logging.WARNING)


def user_dictionary(entities: Iterable[Entity]) -> list[str]:
    """Lines of a jieba user dictionary (``word freq``) for all surface forms, sorted.

    Forms with spaces cannot be jieba words (its dictionary is space-separated); they are left
    out here and matched across tokens by the mention matcher.
    """
    return word_lines(form for entity in entities for form in entity.surface_forms())


def word_lines(words: Iterable[str]) -> list[str]:
    """User-dictionary lines (``word freq``) for ``words``, sorted, those with spaces left out."""
    return [f"{word} {USER_WORD_FREQ}" for word in sorted({w for w in words if not re.search(r"\s", w)})]


def make_tokenizer(entities: Iterable[Entity]) -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` with the gazetteer's words added (HMM off at cut time)."""
    return _tokenizer(tuple(user_dictionary(entities)))


def tokenizer_for(words: Iterable[str]) -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` with ``words`` added (e.g. folded gazetteer names)."""
    return _tokenizer(tuple(word_lines(words)))


@lru_cache(maxsize=4)
def _tokenizer(lines: tuple[str, ...]) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    # jieba's dictionary is loaded once per process (seconds) and copied (a tenth of a second).
    base = base_tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.FREQ), base.total, True
    for line in lines:
        word, freq = line.rsplit(" ", 1)
        tokenizer.add_word(word, int(freq))
    return tokenizer


def tokens(tokenizer: jieba.Tokenizer, text: str) -> list[tuple[str, int, int]]:
    """Segment ``text``; return ``(token, start, end)`` character offsets (HMM off)."""
    return list(tokenizer.tokenize(text, HMM=False))


_HAN_WORD = re.compile(f"[{HAN}]{{2,}}")


@lru_cache(maxsize=1)
def base_tokenizer() -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` with jieba's own dictionary only (no gazetteer words), to
    see where jieba itself puts word boundaries (its dictionary is Simplified: see
    :func:`simplified`). Never given words: :func:`make_tokenizer` copies its dictionary."""
    tokenizer = jieba.Tokenizer()
    if not _load_cached_dictionary(tokenizer):
        tokenizer.initialize()  # builds jieba's cache file of its dictionary (seconds), once
    return tokenizer


def _load_cached_dictionary(tokenizer: jieba.Tokenizer) -> bool:
    """Give ``tokenizer`` (jieba's default dictionary) the prefix dictionary from jieba's own
    cache file, as ``Tokenizer.initialize`` does, but reading the file in one piece:
    ``initialize`` unmarshals from the open file, which reads it a few bytes at a time (about
    seven times slower, the largest single step of the gather before this). Returns ``False``,
    leaving ``tokenizer`` as it was, when there is no readable cache file."""
    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file:
        return False
    path = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    try:
        freq, total = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True


@lru_cache(maxsize=1)
def dictionary_verbs() -> frozenset[str]:
    """The words jieba's own dictionary tags as verbs (``v``, ``vn``, ``vd``…), read from its
    dictionary file (``word freq tag`` lines): the part of ``jieba.posseg``'s word-tag table a
    gloss's name trimming needs, in a tenth of the time (importing ``jieba.posseg`` loads the
    whole table into a global tagger, and each ``POSTokenizer`` loads it again)."""
    with jieba.Tokenizer().get_dict_file() as dictionary:
        text = dictionary.read().decode("utf-8")
    return frozenset(re.findall(r"^(\S+) \S+ v\S*$", text, re.MULTILINE))


@lru_cache(maxsize=65_536)
def parts(tokenizer: jieba.Tokenizer, word: str) -> tuple[tuple[str, int], ...]:
    """jieba's own cut of ``word`` when ``word`` may not be one word: ``(part, offset)`` pairs.

    The tokenizer's best route (its DAG and word frequencies, HMM off) through ``word`` with
    the edge of the whole word removed: ``日本政府`` -> ``日本``, ``政府``; ``中南海`` -> ``中``,
    ``南海``. Returns ``()`` for a word that is not at least two Han characters.
    """
    if not _HAN_WORD.fullmatch(word):
        return ()
    dag = tokenizer.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != len(word) - 1] or [0]
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(word, dag, route)
    cut, start = [], 0
    while start < len(word):
        end = route[start][1] + 1
        cut.append((word[start:end], start))
        start = end
    return tuple(cut)


def simplified(text: str) -> str:
    """``text`` converted to Simplified Chinese (OpenCC ``t2s``), to look a short piece of a
    Traditional text up in jieba's dictionary, which is Simplified (部長 -> 部长)."""
    return to_simplified(text)


def title_follows(tokenizer: jieba.Tokenizer, text: str, end: int) -> bool:
    """Whether the name ending at ``text[end]`` is the head of an office title glued to it.

    True when ``text[end]`` is 長 and, in jieba's dictionary (looked up in Simplified), the
    name's last character plus 長 is a word (部長, 院長, 署長, 會長 …) while 長 does not start a
    longer word with what follows (長年, 長期: 外交部長年與… is the ministry). E.g. 外交部|長,
    行政院|長, 德國聯邦教育暨研究部|長: the minister, not the ministry.
    """
    if end == 0 or text[end : end + 1] != "長":
        return False
    if not tokenizer.FREQ.get(simplified(text[end - 1 : end + 1])):
        return False
    tail = simplified(text[end : end + 4])
    return next(iter(tokenizer.tokenize(tail, HMM=False)))[0] == "长"
