"""The format registry: one reader and its steps per format, and the contract a normalised
document must keep (checked on crafted documents that break each rule)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import crafted_spec
from vdiplo_site.errors import SourceFormatError
from vdiplo_site.formats import FORMATS, SourceFormat, check_normalised, format_for
from vdiplo_site.model import Block, Document, Footnote, Section
from vdiplo_site.readers.mofa_review import MofaReviewReader

#: Each real source's seed number (or the format a user brings), as the steps' docstrings cite it (``"002: …"``).
SOURCE_NUMBERS = {
    "wikitext": ("000",),
    "pdf-paper": ("001",),
    "pdf-dump": ("002",),
    "mofa-review": ("003", "004"),
    # Formats a user brings (vdiplo-site add) share 000's steps and name their own quirks.
    "markdown": ("000",),
    "plain-text": ("000", "Plain text"),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_pairs_its_reader_with_documented_steps(name):
    source_format = FORMATS[name]
    assert source_format.reader.format == name
    assert source_format.steps
    for step in source_format.steps:
        first_line = (step.__doc__ or "").splitlines()[0]
        assert first_line.startswith(tuple(f"{n}" for n in SOURCE_NUMBERS[name])), (name, step.__name__)
        assert source_format.step(step.__name__) is step


def test_a_format_without_steps_is_an_error():
    with pytest.raises(ValueError, match="no normalisation steps"):
        SourceFormat("plain", MofaReviewReader(), ())


def test_an_unknown_format_names_the_known_ones():
    with pytest.raises(SourceFormatError) as error:
        format_for(crafted_spec("docx"))
    assert "unknown format 'docx'" in str(error.value)
    assert all(name in str(error.value) for name in FORMATS)


def test_an_unknown_step_name_is_a_key_error():
    with pytest.raises(KeyError, match="no step 'tidy'"):
        FORMATS["wikitext"].step("tidy")


def _clean() -> Document:
    return Document(
        spec=crafted_spec("mofa-review", path=Path("sources/crafted.txt")),
        sections=(
            Section("", 0, (Block("paragraph", "前言。"),)),
            Section("一、標題", 1, (Block("paragraph", "甲。[^1]"), Block("item", "乙"))),
        ),
        footnotes=(Footnote("1", "註。"), Footnote("2", "", missing=True)),
    )


def test_a_clean_document_keeps_the_contract():
    check_normalised(_clean())  # raises nothing


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (lambda d: replace(d, raw_notes=(Block("line", "1.註"),)), "raw note line"),
        (lambda d: replace(d, sections=(Section("", 0, (Block("line", "甲"),)),)), "'line' block is left"),
        (lambda d: replace(d, sections=(Section("", 0, (Block("paragraph", "甲\n乙"),)),)), "line break"),
        (lambda d: replace(d, sections=(Section("一、\n標題", 1),)), "line break"),
        (lambda d: replace(d, footnotes=(Footnote("1", "註\n續"),)), "line break"),
        (
            lambda d: replace(d, sections=(Section("", 0, (Block("paragraph", "甲[^9]"),)),)),
            "[^9] names no footnote",
        ),
        (lambda d: replace(d, footnotes=(Footnote("1", "甲"), Footnote("1", "乙"))), "appears twice"),
    ],
)
def test_a_broken_rule_stops_with_one_line_naming_the_file(broken, problem):
    with pytest.raises(SourceFormatError) as error:
        check_normalised(broken(_clean()))
    message = error.value.one_line()
    assert problem in message and "crafted.txt" in message and "\n" not in message


def test_normalise_enforces_the_contract_after_the_last_step():
    """A format whose steps leave raw lines is refused instead of passing them on silently."""
    lazy = SourceFormat("mofa-review", MofaReviewReader(), (lambda document: document,))
    crude = lazy.read(crafted_spec("mofa-review"), "一、 標題\n\n1. 內文。\n")
    with pytest.raises(SourceFormatError, match="'line' block is left"):
        lazy.normalise(crude)
