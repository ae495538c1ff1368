"""Mention precision and recall on a hand-labelled sample of passages from all five sources.

The sample (tests/fixtures/mentions/labelled.yaml) was drawn with a fixed seed and labelled by
reading, including names the gazetteer lacks (``entity: null``, counted as misses). A predicted
mention is right when the labels of its passage hold the same (entity, surface) pair; pairs are
matched as multisets, so each occurrence counts once.

The value family (民主, 自由, 安全 …, ``values.yaml``) is left out of this measurement: value
words in these passages were not labelled when the sample was drawn. Its precision is measured
apart, on a sample of value matches (tests/test_value_mentions.py).
"""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from conftest import FIXTURES, REPORTS
from vdiplo_site.model import Mention

LABELS = FIXTURES / "mentions" / "labelled.yaml"


@pytest.fixture(scope="module")
def scores(real_kb):
    predicted: dict[tuple[str, str], Counter] = {}
    values = {entity.id for entity in real_kb.entities if entity.type == "value"}
    for m in real_kb.mentions:
        if m.entity_id in values:
            continue
        predicted.setdefault((m.source_id, m.passage_id), Counter())[(m.entity_id, m.surface)] += 1
    labelled = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["passages"]
    tp = fp = fn = 0
    errors = []
    for item in labelled:
        key = (item["source"], item["passage"])
        gold = Counter((m["entity"], m["surface"]) for m in item["mentions"])
        got = predicted.get(key, Counter())
        hit = gold & got
        tp += sum(hit.values())
        fp += sum((got - hit).values())
        fn += sum((gold - hit).values())
        errors += [(key, "false", pair) for pair in (got - hit)] + [
            (key, "missed", pair) for pair in (gold - hit)
        ]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    sources = {item["source"] for item in labelled}
    REPORTS.append(
        f"mentions on {len(labelled)} labelled passages ({len(sources)} sources): "
        f"precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}; "
        "value family excluded, measured apart)"
    )
    return precision, recall, errors, labelled


def test_sample_covers_all_sources_with_60_passages(scores, real_kb):
    labelled = scores[3]
    assert len(labelled) >= 60
    assert {item["source"] for item in labelled} == set(real_kb.source_ids)
    assert all((item["source"], item["passage"]) in real_kb.passages for item in labelled)


def test_precision_at_least_095(scores):
    precision, _, errors, _ = scores
    assert precision >= 0.95, [e for e in errors if e[1] == "false"]


def test_recall_at_least_090(scores):
    _, recall, errors, _ = scores
    assert recall >= 0.90, [e for e in errors if e[1] == "missed"]


# --- the hard-case sample of issue 9 ----------------------------------------------------------

HARD_CASES = FIXTURES / "mentions" / "hard_cases.yaml"
#: The cases the mention layer owns, each held to precision and recall of at least 0.95.
OWNED_CASES = ("declared-abbreviation", "merged-name")


def _titles_flagged() -> bool:
    """Whether the Mention model marks mentions inside cited titles (then they are scored here)."""
    return "in_title" in getattr(Mention, "__dataclass_fields__", {})


def _hard_case_counts(item, predicted, known) -> tuple[Counter, Counter, int]:
    """(gold, predicted) pairs of one hard-case passage and the in-title mentions left out.

    Gold mentions of an entity the gazetteer does not have yet (a value id before its family
    exists) are skipped; a name the gazetteer lacks (``entity: null``) is a miss, as in the
    random sample. Unless the model flags titles, mentions labelled ``in_title`` are left out of
    both sides (the page layer scores them)."""
    got = Counter(predicted.get((item["source"], item["passage"]), Counter()))
    gold: Counter = Counter()
    in_title: Counter = Counter()
    for m in item["mentions"]:
        if m["entity"] is not None and m["entity"] not in known:
            continue
        pair = (m["entity"], m["surface"])
        (in_title if m.get("in_title") and not _titles_flagged() else gold)[pair] += 1
    return gold, got - in_title, sum(in_title.values())


@pytest.fixture(scope="module")
def hard_scores(real_kb):
    if not HARD_CASES.exists():
        pytest.skip("no hard-case sample yet")
    predicted: dict[tuple[str, str], Counter] = {}
    for m in real_kb.mentions:
        predicted.setdefault((m.source_id, m.passage_id), Counter())[(m.entity_id, m.surface)] += 1
    known = {entity.id for entity in real_kb.entities}
    labelled = yaml.safe_load(HARD_CASES.read_text(encoding="utf-8"))["passages"]
    by_case: dict[str, Counter] = {}
    errors: dict[str, list] = {}
    left_out = 0
    for item in labelled:
        gold, got, excluded = _hard_case_counts(item, predicted, known)
        left_out += excluded
        hit = gold & got
        for case in (item["case"], "all"):
            counts = by_case.setdefault(case, Counter())
            counts.update(tp=sum(hit.values()), fp=sum((got - hit).values()), fn=sum((gold - hit).values()))
            errors.setdefault(case, []).extend(
                [(item["passage"], "false", p) for p in got - hit]
                + [(item["passage"], "missed", p) for p in gold - hit]
            )
    scores = {case: _precision_recall(counts) for case, counts in by_case.items()}
    note = (
        "" if _titles_flagged() else f"; {left_out} in-title mentions left out (Mention does not flag titles)"
    )
    REPORTS.append(f"mentions on {len(labelled)} hard-case passages: {_line(by_case['all'])}{note}")
    for case in sorted(set(by_case) - {"all"}):
        REPORTS.append(f"  hard case {case}: {_line(by_case[case])}")
    return scores, errors


def _precision_recall(counts: Counter) -> tuple[float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def _line(counts: Counter) -> str:
    precision, recall = _precision_recall(counts)
    return (
        f"precision {precision:.3f}, recall {recall:.3f} "
        f"(tp {counts['tp']}, fp {counts['fp']}, fn {counts['fn']})"
    )


@pytest.mark.parametrize("case", OWNED_CASES)
def test_owned_hard_cases_at_least_095(hard_scores, case):
    scores, errors = hard_scores
    precision, recall = scores[case]
    assert precision >= 0.95 and recall >= 0.95, errors[case]
