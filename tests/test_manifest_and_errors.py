"""Bad input: each case ends with exit status 1, one line naming the file, and nothing lost."""

from __future__ import annotations

import hashlib

import pytest

from conftest import make_project
from vdiplo_site.cli import main

GOOD = "一、 測試標題\n\n（一） 小節\n\n1. 台美持續強化重要議題實質合作。\n".encode()


def run_cli(capsys, root, *args):
    """Run the CLI on ``root``; return (exit status, stderr lines)."""
    status = main(["--root", str(root), *args])
    err = capsys.readouterr().err.strip().splitlines()
    return status, err


def build_kb_only(capsys, root):
    return run_cli(capsys, root, "build", "--kb-only")


@pytest.fixture
def project(tmp_path):
    """A crafted project whose first kb/ has been built successfully."""
    root = make_project(tmp_path, {"demo": ("mofa-review", GOOD)})
    assert main(["--root", str(root), "build", "--kb-only"]) == 0
    return root


def kb_snapshot(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "kb").rglob("*"))
        if p.is_file()
    }


def assert_fails_cleanly(capsys, root, *needles):
    """Build must fail with one line naming the file and the problem; kb/ must be unchanged."""
    before = kb_snapshot(root)
    status, err = build_kb_only(capsys, root)
    assert status == 1
    assert len(err) == 1, err
    for needle in needles:
        assert needle in err[0], err[0]
    assert kb_snapshot(root) == before


def rewrite_manifest(root, old, new):
    path = root / "sources" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_missing_file(capsys, project):
    (project / "sources" / "demo.txt").unlink()
    assert_fails_cleanly(capsys, project, "demo.txt", "not found")


def test_checksum_mismatch_says_how_to_accept(capsys, project):
    changed = GOOD + "補充。\n".encode()
    (project / "sources" / "demo.txt").write_bytes(changed)
    digest = hashlib.sha256(changed).hexdigest()
    assert_fails_cleanly(capsys, project, "demo.txt", "sha256", f"to {digest}", "sources.yaml")


@pytest.mark.parametrize(("encoding", "name"), [("big5", "Big5"), ("gbk", "GB")])
def test_not_utf8_names_the_likely_encoding(capsys, project, encoding, name):
    text = "中華民國外交部持續推動與理念相近國家之實質合作，深化夥伴關係。\n" * 8
    data = text.encode(encoding)
    (project / "sources" / "demo.txt").write_bytes(data)
    rewrite_manifest(project, hashlib.sha256(GOOD).hexdigest(), hashlib.sha256(data).hexdigest())
    assert_fails_cleanly(capsys, project, "demo.txt:1", "not UTF-8", f"looks like {name}")


def test_empty_file(capsys, project):
    (project / "sources" / "demo.txt").write_bytes(b"")
    rewrite_manifest(project, hashlib.sha256(GOOD).hexdigest(), hashlib.sha256(b"").hexdigest())
    assert_fails_cleanly(capsys, project, "demo.txt", "empty")


def test_unknown_format_names_known_ones(capsys, project):
    rewrite_manifest(project, "format: mofa-review", "format: docx")
    assert_fails_cleanly(capsys, project, "demo.txt", "unknown format 'docx'", "wikitext")


def test_malformed_yaml_gives_line(capsys, project):
    rewrite_manifest(project, "sources:\n", "sources:\n  - id: [unclosed\n")
    assert_fails_cleanly(capsys, project, "sources.yaml:", "malformed source manifest")


def test_manifest_entry_lacking_field(capsys, project):
    rewrite_manifest(project, "  language: zh-Hant\n", "")
    assert_fails_cleanly(capsys, project, "sources.yaml:2:", "sources[1].language: required field is missing")


def test_manifest_unknown_field(capsys, project):
    rewrite_manifest(project, "  licence: test\n", "  licence: test\n  colour: red\n")
    assert_fails_cleanly(capsys, project, "sources.yaml:10:", "sources[1].colour: unknown field")


def test_manifest_missing(capsys, tmp_path):
    status, err = build_kb_only(capsys, tmp_path)
    assert status == 1 and len(err) == 1 and "sources.yaml" in err[0] and "not found" in err[0]


def test_failed_mkdocs_build_keeps_previous_kb_and_site(capsys, project):
    assert main(["--root", str(project), "build"]) == 0
    site_before = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}
    kb_before = kb_snapshot(project)
    (project / "sources" / "demo.txt").write_bytes(GOOD + "二、 新增一節\n".encode())
    rewrite_manifest(
        project,
        hashlib.sha256(GOOD).hexdigest(),
        hashlib.sha256(GOOD + "二、 新增一節\n".encode()).hexdigest(),
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n- missing.md\n", encoding="utf-8")
    status, err = run_cli(capsys, project, "build")
    assert status == 1
    assert any("mkdocs.yml" in line and "MkDocs build failed" in line for line in err)
    assert kb_snapshot(project) == kb_before
    assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == site_before
    assert not list(project.glob(".*-staging-*"))
