"""Shared test fixtures: the real project gathered once per session, the real site built once
(in the background, while other tests run), and helpers for small crafted inputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from vdiplo_site.build import build, kb_files
from vdiplo_site.entities.gazetteer import FILES as GAZETTEER_FILES
from vdiplo_site.knowledge import KnowledgeBase
from vdiplo_site.model import SourceSpec
from vdiplo_site.pipeline import gather
from vdiplo_site.project import Project
from vdiplo_site.writer.tree import KbFile

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def real_kb() -> KnowledgeBase:
    """The real project gathered once for the whole session (read, normalised, linked)."""
    return gather(Project(ROOT))


@pytest.fixture(scope="session")
def real_files(real_kb) -> dict[str, KbFile]:
    """Every file of a fresh kb/ of the real project, by path."""
    return {file.path: file for file in kb_files(real_kb)}


def crafted_spec(fmt: str, source_id: str = "crafted", **changes) -> SourceSpec:
    """A manifest entry for a small crafted input of format ``fmt`` (no file behind it)."""
    spec = SourceSpec(
        id=source_id,
        file=f"{source_id}.txt",
        format=fmt,
        title="測試",
        label="測試",
        english_title=None,
        authors=(),
        publisher=None,
        year=None,
        kind="journal article",
        language="zh-Hant",
        licence="test",
        sha256="0" * 64,
    )
    return replace(spec, **changes)


def make_project(root: Path, sources: dict[str, tuple[str, bytes]], *, nav: bool = False) -> Path:
    """Write a small crafted project into ``root`` and return ``root``.

    ``sources`` maps a source id to ``(format, file bytes)``; the manifest records each file's
    real sha256. The gazetteer files are created empty unless they exist already. ``mkdocs.yml``
    is the project's own, without its ``nav`` unless ``nav``.
    """
    (root / "sources").mkdir(parents=True, exist_ok=True)
    entries = []
    for source_id, (fmt, data) in sources.items():
        (root / "sources" / f"{source_id}.txt").write_bytes(data)
        entries.append(
            {
                "id": source_id,
                "file": f"{source_id}.txt",
                "format": fmt,
                "title": "測試文本",
                "label": "測試文本",
                "kind": "journal article",
                "language": "zh-Hant",
                "licence": "test",
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    manifest = yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False)
    (root / "sources" / "sources.yaml").write_text(manifest, encoding="utf-8")
    gazetteer = root / "sources" / "gazetteer"
    gazetteer.mkdir(exist_ok=True)
    for name in GAZETTEER_FILES:
        if not (gazetteer / name).exists():
            (gazetteer / name).write_text("entities: []\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if not nav:
        config.pop("nav", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def full_build_of(project: Project, scratch: Path) -> Path:
    """A full build of a copy of ``project``'s inputs (sources, mkdocs.yml) in ``scratch``, with
    its own build cache; returns its site (its kb/ is beside it)."""
    copy = scratch / "copy"
    shutil.copytree(project.root / "sources", copy / "sources")
    shutil.copy(project.mkdocs_config, copy / "mkdocs.yml")
    build(Project(copy))
    return copy / "site"


class CliBuild:
    """``vdiplo-site build`` of a copy of the real project, run in its own process.

    Started in the background as soon as collection shows a test needs it (see
    :func:`pytest_collection_modifyitems`), so it runs while in-process tests do.

    Attributes:
        root: the copy's project folder (``kb/`` and, unless ``kb_only``, ``site/`` inside).
    """

    def __init__(self, name: str, seed: int, kb_only: bool):
        self.root = Path(tempfile.mkdtemp(prefix=f"vdiplo-{name}-")) / "project"
        shutil.copytree(ROOT / "sources", self.root / "sources")
        shutil.copy(ROOT / "mkdocs.yml", self.root / "mkdocs.yml")
        command = [sys.executable, "-m", "vdiplo_site.cli", "--root", str(self.root), "build"]
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        self.process = subprocess.Popen(
            [*command, *(["--kb-only"] if kb_only else [])],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait(self) -> Path:
        """Wait for the build; return the project folder. Fails the test if the build failed."""
        output, _ = self.process.communicate()
        if self.process.returncode != 0:
            pytest.fail(f"vdiplo-site build of {self.root} failed:\n{output}")
        return self.root

    def close(self) -> None:
        """Stop the build if it still runs and remove the copy."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        shutil.rmtree(self.root.parent, ignore_errors=True)


#: The background builds a session may need: fixture name -> (hash seed, kb only).
BUILDS = {"real_site": (1, False), "real_kb_reseeded": (2, True)}
_started: dict[str, CliBuild] = {}


def _needs_build(item) -> bool:
    return any(name in BUILDS for name in getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(session, config, items):
    """Start the background builds that the collected tests use, and run those tests last
    (in their collected order), so that the builds overlap the other tests."""
    wanted = {name for item in items for name in getattr(item, "fixturenames", ()) if name in BUILDS}
    for name in sorted(wanted):
        _started[name] = CliBuild(name, *BUILDS[name])
    items.sort(key=_needs_build)


def pytest_sessionfinish(session, exitstatus):
    for started in _started.values():
        started.close()


def _built(name: str) -> Path:
    if name not in _started:  # collected in an unusual way: build now
        _started[name] = CliBuild(name, *BUILDS[name])
    return _started[name].wait()


@pytest.fixture(scope="session")
def real_site() -> Path:
    """The site of the real project, built once by ``vdiplo-site build`` (PYTHONHASHSEED=1)."""
    return _built("real_site") / "site"


@pytest.fixture(scope="session")
def real_kb_reseeded() -> Path:
    """kb/ of the real project from ``vdiplo-site build --kb-only`` under PYTHONHASHSEED=2."""
    return _built("real_kb_reseeded") / "kb"


#: Figures that tests measure and report at the end of the run (e.g. mention precision).
REPORTS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests have measured (precision, recall…), so every run reports them."""
    if REPORTS:
        terminalreporter.section("measured figures")
        for line in REPORTS:
            terminalreporter.write_line(line)
