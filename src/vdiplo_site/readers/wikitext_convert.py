"""Chinese Wikipedia's language-converter markup ``-{…}-``, resolved to the Taiwan/Traditional text."""

from __future__ import annotations

import re

#: ``-{…}-``: language-converter markup; the group is the inside, without flags.
_CONVERSION = re.compile(r"-\{(?:([A-Za-z;]+)\|)?(.*?)\}-", re.DOTALL)
#: Variants in order of preference: the Traditional forms, Taiwan's first.
VARIANTS = ("zh-tw", "zh-hant", "zh-hk", "zh-mo", "zh", "zh-hans", "zh-cn", "zh-sg", "zh-my")


def resolve_conversions(text: str) -> str:
    """Resolve Chinese Wikipedia's converter markup to the Traditional (Taiwan) text.

    Quirk: Chinese Wikipedia writes variant-specific text as ``-{zh-hans:…;zh-hant:…}-`` (shown
    in the reader's variant), protects text from conversion as ``-{…}-`` and declares rules as
    ``-{H|…}-`` / ``-{A|…}-``. The result keeps the zh-tw form, else zh-hant, zh-hk, zh-mo,
    the plain text, then the Simplified forms (:data:`VARIANTS`); a rule-only ``H`` (or ``-``)
    block shows nothing, nor does a title rule ``T``; ``A`` shows its text as well. Line breaks inside are kept as line
    breaks (so line numbers of later errors stay right).
    """

    def resolve(match: re.Match[str]) -> str:
        flags, inside = match.group(1) or "", match.group(2)
        breaks = "\n" * inside.count("\n")
        if "H" in flags or "-" in flags or "T" in flags:
            return breaks
        pairs = (part.partition(":") for part in inside.split(";"))
        variants = {
            code.strip().lower(): value for code, _, value in pairs if code.strip().lower() in VARIANTS
        }
        if not variants:
            return inside
        return next(variants[code] for code in VARIANTS if code in variants).strip() + breaks

    return _CONVERSION.sub(resolve, text)
