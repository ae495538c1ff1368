"""Traditional/Simplified conversion by OpenCC, one converter per configuration per process.

Making an ``opencc.OpenCC`` reads its dictionaries (tens of milliseconds); every module that
converts between the scripts asks here, so each configuration is loaded once.
"""

from __future__ import annotations

from functools import cache

import opencc


@cache
def converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter of ``config`` (``"t2s"``, ``"tw2sp"``, ``"s2t"`` …), made once.

    Raises whatever OpenCC raises for an unknown configuration.
    """
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters, character by character (OpenCC ``t2s``)."""
    return str(converter("t2s").convert(text))


def to_mainland(text: str) -> str:
    """``text`` as written on the mainland: Simplified, with Taiwan's phrases replaced by the
    mainland's (OpenCC ``tw2sp``: 軟體 -> 软件)."""
    return str(converter("tw2sp").convert(text))


def to_traditional(text: str) -> str:
    """``text`` in Traditional characters (OpenCC ``s2t``)."""
    return str(converter("s2t").convert(text))
