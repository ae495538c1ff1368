"""Curated YAML (manifest, gazetteer) and source bytes that must be refused: each case ends with
exit status 1, one line naming file, line and field, and kb/ and site/ exactly as they were."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest

from conftest import crafted_spec, make_project
from vdiplo_site.cli import main
from vdiplo_site.errors import SourceFileError
from vdiplo_site.manifest import read_source_text
from vdiplo_site.model import RESERVED_IDS
from vdiplo_site.writer.paths import entity_path, source_path

GOOD = "一、 測試標題\n\n（一） 小節\n\n1. 台美持續強化重要議題實質合作。\n".encode()
DIGEST = hashlib.sha256(GOOD).hexdigest()
#: The crafted manifest (``make_project``): line 1 ``sources:``, 2 ``- id: demo``, 3 ``file``,
#: 4 ``format``, 5 ``title``, 6 ``label``, 7 ``kind``, 8 ``language``, 9 ``licence``, 10 ``sha256``.
LICENCE = "  licence: test\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A crafted project whose kb/ and site/ have been built once."""
    root = make_project(tmp_path_factory.mktemp("built") / "project", {"demo": ("mofa-review", GOOD)})
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture
def project(built, tmp_path):
    """A fresh copy of the built project, for one test to spoil."""
    return shutil.copytree(built, tmp_path / "project", symlinks=True)


def snapshot(root):
    """Every file of kb/ and site/, by path, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("kb", "site")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def refused(capsys, root, *needles) -> str:
    """Build ``root``; assert it fails with one line holding ``needles`` and leaves kb/ and
    site/ untouched; return the line."""
    before = snapshot(root)
    status = main(["--root", str(root), "build"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(err) == 1, err
    for needle in needles:
        assert needle in err[0], err[0]
    assert snapshot(root) == before
    return err[0]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def manifest(root):
    return root / "sources" / "sources.yaml"


@pytest.mark.parametrize(
    ("old", "new", "needles"),
    [
        (
            "  label: 測試文本\n",
            "  label: <script>alert(1)</script>\n",
            ["sources.yaml:6:", "sources[1].label", "<, >"],
        ),
        (
            "  label: 測試文本\n",
            "  label: '\"><img src=x onerror=alert(1)>'\n",
            ["sources.yaml:6:", "sources[1].label"],
        ),
        (
            "  label: 測試文本\n",
            '  label: "測試\\e[31m"\n',
            ["sources.yaml:6:", "sources[1].label", "U+001B"],
        ),
        (
            LICENCE,
            LICENCE + "  authors: 王小明與李大華\n",
            ["sources.yaml:10:", "sources[1].authors", "should be a valid list"],
        ),
        (
            LICENCE,
            LICENCE + "  notes: 文本未載年份\n",
            ["sources.yaml:10:", "sources[1].notes", "should be a valid list"],
        ),
        (
            LICENCE,
            LICENCE + "  year: true\n",
            ["sources.yaml:10:", "sources[1].year", "should be a valid integer"],
        ),
        (
            LICENCE,
            LICENCE + "  year: -99999\n",
            ["sources.yaml:10:", "sources[1].year", "greater than or equal to 1000"],
        ),
        (
            LICENCE,
            LICENCE + "  year: '2024'\n",
            ["sources.yaml:10:", "sources[1].year", "should be a valid integer"],
        ),
        ("  title: 測試文本\n", "  title: [a, b]\n", ["sources.yaml:5:", "sources[1].title", "valid string"]),
        (
            LICENCE,
            LICENCE + "  publisher: 12345\n",
            ["sources.yaml:10:", "sources[1].publisher", "valid string"],
        ),
        (
            LICENCE,
            LICENCE + "  english_title: {a: b}\n",
            ["sources.yaml:10:", "sources[1].english_title", "valid string"],
        ),
        ("- id: demo\n", "- id: index\n", ["sources.yaml:2:", "sources[1].id", "reserved"]),
        ("- id: demo\n", "- id: Demo\n", ["sources.yaml:2:", "sources[1].id", "lower-case"]),
        (
            "  language: zh-Hant\n",
            "",
            ["sources.yaml:2:", "sources[1].language", "required field is missing"],
        ),
        (LICENCE, LICENCE + "  colour: red\n", ["sources.yaml:10:", "sources[1].colour", "unknown field"]),
        (
            LICENCE,
            LICENCE + "  licence: again\n",
            ["sources.yaml:10:", "malformed source manifest", "repeats"],
        ),
        (
            "  file: demo.txt\n",
            "  file: ../../outside.txt\n",
            ["sources.yaml:3:", "sources[1].file", "inside sources/"],
        ),
        ("  file: demo.txt\n", "  file: /etc/hostname\n", ["sources.yaml:3:", "sources[1].file", "absolute"]),
    ],
)
def test_bad_manifest_field_is_refused(capsys, project, old, new, needles):
    edit(manifest(project), old, new)
    refused(capsys, project, *needles)


def test_empty_source_list_is_refused_before_mkdocs(capsys, project):
    manifest(project).write_text("# no sources yet\nsources: []\n", encoding="utf-8")
    line = refused(capsys, project, "sources.yaml:2:", "sources: list should have at least 1 item")
    assert "mkdocs" not in line


def test_file_outside_sources_is_not_read_even_when_its_digest_matches(capsys, project):
    outside = project / "outside.txt"
    outside.write_bytes(GOOD + "外洩。\n".encode())
    edit(manifest(project), "  file: demo.txt\n", "  file: ../outside.txt\n")
    edit(manifest(project), DIGEST, hashlib.sha256(outside.read_bytes()).hexdigest())
    line = refused(capsys, project, "sources[1].file", "inside sources/")
    assert "sha256" not in line


def test_symbolic_link_out_of_sources_is_refused(capsys, project):
    (project / "secret.txt").write_bytes(GOOD)
    (project / "sources" / "link.txt").symlink_to(project / "secret.txt")
    edit(manifest(project), "  file: demo.txt\n", "  file: link.txt\n")
    refused(capsys, project, "sources.yaml:3:", "sources[1].file", "leads outside sources/")


def test_symbolic_link_loop_is_refused(capsys, project):
    (project / "sources" / "a.txt").symlink_to("b.txt")
    (project / "sources" / "b.txt").symlink_to("a.txt")
    edit(manifest(project), "  file: demo.txt\n", "  file: a.txt\n")
    refused(capsys, project, "sources.yaml:3:", "sources[1].file", "cannot be resolved")


def test_directory_in_place_of_the_source_is_refused(capsys, project):
    (project / "sources" / "folder.txt").mkdir()
    edit(manifest(project), "  file: demo.txt\n", "  file: folder.txt\n")
    refused(capsys, project, "sources.yaml:3:", "sources[1].file", "is a directory")


def test_repeated_source_id_names_both_entries(capsys, project):
    text = manifest(project).read_text(encoding="utf-8")
    entry = text.split("sources:\n", 1)[1]
    manifest(project).write_text(text + entry, encoding="utf-8")
    refused(capsys, project, "sources.yaml:11:", "sources[2].id", "appears twice (also sources[1])")


def countries(root):
    return root / "sources" / "gazetteer" / "countries.yaml"


@pytest.mark.parametrize(
    ("entry", "needles"),
    [
        ("{id: x, name: <script>alert(1)</script>}", ["entities[1].name", "<, >"]),
        ("{id: x, name: '\"><img src=x onerror=alert(1)>'}", ["entities[1].name", "<, >"]),
        ("{id: x, name: 日本, aliases: 日本國家首都}", ["entities[1].aliases", "should be a valid list"]),
        ("{id: x, name: 日本, english: [a, b]}", ["entities[1].english", "valid string"]),
        ("{id: x, name: 日本, aliases: [' ']}", ["entities[1].aliases[1]", "blank"]),
        ("{id: x, name: 日本, aliases: [日方, '']}", ["entities[1].aliases[2]", "blank"]),
        ("{id: x, name: 日本, aliases: [的]}", ["entities[1].aliases[1]", "at least 2 characters"]),
        ("{id: x, name: 日本, aliases: ['(']}", ["entities[1].aliases[1]", "letter or digit"]),
        ("{id: x, name: 日本, aliases: [+]}", ["entities[1].aliases[1]", "letter or digit"]),
        ("{id: x, name: 日本, aliases: [' 日方']}", ["entities[1].aliases[1]", "whitespace"]),
        ("{id: x, name: 日本, short_aliases: [日方]}", ["entities[1].short_aliases[1]", "one letter"]),
        (
            "{id: x, name: 日本, scoped_aliases: {demo: [日]}}",
            ["entities[1].scoped_aliases.demo[1]", "2 char"],
        ),
        (
            "{id: x, name: 日本, scoped_aliases: {other: [日方]}}",
            ["entities[1].scoped_aliases.other", "no source"],
        ),
        ("{id: index, name: 日本}", ["entities[1].id", "reserved"]),
        ("{id: x, name: 日本, colour: red}", ["entities[1].colour", "unknown field"]),
    ],
)
def test_bad_gazetteer_entry_is_refused(capsys, project, entry, needles):
    countries(project).write_text(f"# places\nentities:\n- {entry}\n", encoding="utf-8")
    refused(capsys, project, "countries.yaml:3:", *needles)


@pytest.mark.parametrize(
    ("char", "name"), [("\x00", "U+0000"), ("\x1b[2J", "U+001B"), ("\x7f", "U+007F"), ("\x9b", "U+009B")]
)
def test_control_character_in_a_source_is_refused_with_its_line(capsys, project, char, name):
    data = GOOD.replace("實質合作".encode(), f"實質{char}合作".encode())
    (project / "sources" / "demo.txt").write_bytes(data)
    edit(manifest(project), DIGEST, hashlib.sha256(data).hexdigest())
    line = refused(capsys, project, "demo.txt:5:", f"control character {name}")
    assert line.isprintable()


#: An 8-level "billion laughs" under a top-level key (its first anchor, ``&x0``, on line 2):
#: expanding ``*x7`` makes 9**8 (43 million) strings.
BOMB = "bomb:\n" + "".join(
    f"  x{n}: &x{n} [{', '.join([f'*x{n - 1}' if n else '哈'] * 9)}]\n" for n in range(8)
)


@pytest.mark.parametrize("where", ["gazetteer aliases", "manifest notes"])
def test_alias_bomb_is_refused_at_its_first_anchor(project, where):
    """Run in its own process, with a timeout, so that a regression cannot hang the tests."""
    if where == "gazetteer aliases":
        path, text = countries(project), "entities:\n- id: x\n  name: 日本\n  aliases: *x7\n"
    else:
        path = manifest(project)
        text = path.read_text(encoding="utf-8").replace(LICENCE, LICENCE + "  notes: *x7\n")
    path.write_text(BOMB + text, encoding="utf-8")
    before = snapshot(project)
    command = [sys.executable, "-m", "vdiplo_site.cli", "--root", str(project), "build"]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    err = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(err) == 1, done.stderr
    assert f"{path.name}:2: " in err[0] and "anchor &x0 is not allowed" in err[0], err[0]
    assert snapshot(project) == before


def test_reserved_ids_are_the_generated_pages_beside_source_and_entity_pages(real_kb, real_files):
    """Every page the writers put in the folder of source or entity pages that is not such a
    page has a reserved id as its name, so no source or entity can overwrite it."""
    own = {source_path(d.spec.id) for d in real_kb.documents} | {entity_path(e) for e in real_kb.entities}
    folders = {path.rpartition("/")[0] for path in own}
    generated = {
        p.rpartition("/")[2].removesuffix(".md") for p in real_files if p.rpartition("/")[0] in folders
    }
    assert generated - {p.rpartition("/")[2].removesuffix(".md") for p in own} == RESERVED_IDS


def test_reading_a_directory_is_one_line(tmp_path):
    spec = crafted_spec("mofa-review", path=tmp_path)
    with pytest.raises(SourceFileError, match="cannot read source file of 'crafted'"):
        read_source_text(spec)
