"""Chinese segmentation: a private jieba tokenizer whose user dictionary comes from the gazetteer.

Never jieba's global tokenizer (Material's search plugin uses that one) and never paddle mode.
Every surface form of every entity is added as one word, so a name is never split.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

import jieba

from .model import Entity

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
    tokenizer.initialize()
    for line in lines:
        word, freq = line.rsplit(" ", 1)
        tokenizer.add_word(word, int(freq))
    return tokenizer


def tokens(tokenizer: jieba.Tokenizer, text: str) -> list[tuple[str, int, int]]:
    """Segment ``text``; return ``(token, start, end)`` character offsets (HMM off)."""
    return list(tokenizer.tokenize(text, HMM=False))
