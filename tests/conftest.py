"""Shared test helpers: the real manifest, and specs for small crafted inputs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from vdiplo_site.manifest import load_manifest
from vdiplo_site.model import SourceSpec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def real_specs() -> dict[str, SourceSpec]:
    """The real manifest's entries by id."""
    return {spec.id: spec for spec in load_manifest(ROOT / "sources" / "sources.yaml")}


def crafted_spec(fmt: str, source_id: str = "crafted", **changes) -> SourceSpec:
    """A manifest entry for a small crafted input of format ``fmt`` (no file behind it)."""
    spec = SourceSpec(
        id=source_id, file=f"{source_id}.txt", format=fmt, title="測試", label="測試",
        english_title=None, authors=(), publisher=None, year=None, kind="journal article",
        language="zh-Hant", licence="test", sha256="0" * 64,
    )
    return replace(spec, **changes)


def make_project(root: Path, sources: dict[str, tuple[str, bytes]], *, nav: bool = False) -> Path:
    """Write a small crafted project into ``root`` and return ``root``.

    ``sources`` maps a source id to ``(format, file bytes)``; the manifest records each file's
    real sha256. The gazetteer files are created empty unless they exist already. ``mkdocs.yml`` is the project's own, without its ``nav`` unless ``nav``.
    """
    import hashlib

    import yaml

    (root / "sources").mkdir(parents=True, exist_ok=True)
    entries = []
    for source_id, (fmt, data) in sources.items():
        (root / "sources" / f"{source_id}.txt").write_bytes(data)
        entries.append({
            "id": source_id, "file": f"{source_id}.txt", "format": fmt, "title": "測試文本",
            "label": "測試文本", "kind": "journal article", "language": "zh-Hant",
            "licence": "test", "sha256": hashlib.sha256(data).hexdigest(),
        })
    manifest = yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False)
    (root / "sources" / "sources.yaml").write_text(manifest, encoding="utf-8")
    gazetteer = root / "sources" / "gazetteer"
    gazetteer.mkdir(exist_ok=True)
    for name in ("countries.yaml", "organisations.yaml", "people.yaml", "concepts.yaml"):
        if not (gazetteer / name).exists():
            (gazetteer / name).write_text("entities: []\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if not nav:
        config.pop("nav", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def build_real_copy(root: Path) -> Path:
    """Copy the real sources and mkdocs.yml into ``root``, build (strict), return the site."""
    import shutil

    from vdiplo_site.pipeline import Project, build

    shutil.copytree(ROOT / "sources", root / "sources")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    build(Project(root))
    return root / "site"


#: Figures that tests measure and report at the end of the run (e.g. mention precision).
REPORTS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests have measured (precision, recall…), so every run reports them."""
    if REPORTS:
        terminalreporter.section("measured figures")
        for line in REPORTS:
            terminalreporter.write_line(line)
