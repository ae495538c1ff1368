"""Mention precision and recall on a hand-labelled sample of passages from all five sources.

The sample (tests/fixtures/mentions/labelled.yaml) was drawn with a fixed seed and labelled by
reading, including names the gazetteer lacks (``entity: null``, counted as misses). A predicted
mention is right when the labels of its passage hold the same (entity, surface) pair; pairs are
matched as multisets, so each occurrence counts once.
"""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from conftest import FIXTURES, REPORTS

LABELS = FIXTURES / "mentions" / "labelled.yaml"


@pytest.fixture(scope="module")
def scores(real_kb):
    predicted: dict[tuple[str, str], Counter] = {}
    for m in real_kb.mentions:
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
        f"precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
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
