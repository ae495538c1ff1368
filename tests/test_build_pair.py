"""kb/ and site/ change together: a build killed at any point is finished or cleared by the next
run, builds lock each other out with one line, trees get the umask's modes, and equal input gives
a byte-identical site/ whatever the clock (SOURCE_DATE_EPOCH, else 0)."""

from __future__ import annotations

import functools
import gzip
import hashlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import mkdocs.utils
import pytest

from conftest import make_project
from vdiplo_site.build import TREES, build
from vdiplo_site.cli import main
from vdiplo_site.errors import BuildError
from vdiplo_site.project import Project
from vdiplo_site.writer.lock import LOCK
from vdiplo_site.writer.swap import JOURNAL, TRASH, Move, recover, swap
from vdiplo_site.writer.tree import differing_paths, read_tree

VERSIONS = ("甲版", "乙版")
LEFTOVERS = (".kb-staging-*", ".site-staging-*", "kb.old", "site.old", JOURNAL + "*")


def review(version: str) -> bytes:
    """A small mofa-review source whose passage names ``version``."""
    return f"一、 測試標題\n\n（一） 小節\n\n1. 台美持續強化{version}重要議題實質合作。\n".encode()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A crafted project (with a site_url, so the sitemap lists pages) built once, SOURCE_DATE_EPOCH unset."""
    root = make_project(tmp_path_factory.mktemp("built"), {"demo": ("mofa-review", review("甲版"))})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("site_url: https://example.org/kb/\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        build(Project(root))
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A copy of the built project."""
    return Path(shutil.copytree(built, tmp_path / "project"))


def set_version(root: Path, version: str) -> None:
    """Change the source text to name ``version``, recording its new sha256 in the manifest."""
    source, manifest = root / "sources" / "demo.txt", root / "sources" / "sources.yaml"
    old, new = hashlib.sha256(source.read_bytes()).hexdigest(), hashlib.sha256(review(version)).hexdigest()
    source.write_bytes(review(version))
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def pair_version(root: Path) -> str:
    """The version kb/ and site/ both hold; fails unless they hold the same one."""
    kb = [v for v in VERSIONS if v in (root / "kb" / "sources" / "demo.md").read_text(encoding="utf-8")]
    html = (root / "site" / "sources" / "demo" / "index.html").read_text(encoding="utf-8")
    assert kb == [v for v in VERSIONS if v in html] and len(kb) == 1, (kb, html.count("台美"))
    return kb[0]


def leftovers(root: Path) -> list[str]:
    """Staging folders, old trees and journals left in ``root``."""
    return sorted(path.name for pattern in LEFTOVERS for path in root.glob(pattern))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of kb/ and site/ (an absent tree holds none)."""
    return {f"{tree}/{f.path}": f.data for tree in TREES for f in read_tree(root / tree)}


def sitemap(root: Path) -> tuple[int, str]:
    """The gzip header time of site/sitemap.xml.gz and the text of site/sitemap.xml."""
    with gzip.open(root / "site" / "sitemap.xml.gz") as packed:
        packed.read()
        mtime = packed.mtime
    assert isinstance(mtime, int)
    return mtime, (root / "site" / "sitemap.xml").read_text(encoding="utf-8")


# --- killed at every point of the swap (synthetic trees, no MkDocs) ------------------------------

#: The functions through which the swap changes the file system (rmtree's included).
MUTATIONS = ("rename", "replace", "unlink", "remove", "rmdir")


def killed_child(kill_at: int, work: Callable[[], object]) -> int:
    """Run ``work`` in a forked child that gets SIGKILL just before its ``kill_at``-th change
    to the file system; return its exit code (-9 when killed, 0 when it finished)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            calls = itertools.count(1)

            def killing(function):
                def wrapper(*args, **kwargs):
                    if next(calls) == kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return function(*args, **kwargs)

                return wrapper

            for name in MUTATIONS:
                setattr(os, name, killing(getattr(os, name)))
            work()
            status = 0
        finally:
            os._exit(status)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def count_mutations(work: Callable[[], object]) -> int:
    """How many changes to the file system ``work`` makes (run here, counted)."""
    calls = itertools.count()
    with pytest.MonkeyPatch.context() as patch:
        for name in MUTATIONS:
            original = getattr(os, name)
            patch.setattr(os, name, lambda *a, _f=original, **k: (next(calls), _f(*a, **k))[1])
        work()
    return next(calls)


def synthetic(root: Path, action: str) -> Path:
    """Old kb/ and site/ (two files each), and the staged new kb/ (and site/ unless kb-only)."""
    staged = {"kb": ".kb-staging-x"} | ({} if action == "kb-only" else {"site": ".site-staging-x"})
    for tree in TREES:
        for name, version in ((tree, "old"), (staged.get(tree), "new")):
            if name:
                (root / name / "sub").mkdir(parents=True)
                (root / name / "version").write_text(version, encoding="utf-8")
                (root / name / "sub" / "page").write_text(version, encoding="utf-8")
    return root


def synthetic_swap(root: Path, action: str) -> Callable[[], None]:
    """The swap a build makes: new kb/, and new site/ or (kb-only) site/ removed."""
    site = None if action == "kb-only" else ".site-staging-x"
    return lambda: swap(root, [Move("kb", ".kb-staging-x"), Move("site", site)])


#: The states a pair may be seen in: both old, both new, or a new kb/ whose old site/ was removed.
CONSISTENT = {("old", "old"), ("new", "new"), ("new", None)}


def synthetic_state(root: Path) -> tuple[str | None, str | None]:
    """The versions of kb/ and site/ (``None`` for an absent tree)."""
    kb, site = (
        (root / tree / "version").read_text(encoding="utf-8") if (root / tree).exists() else None
        for tree in TREES
    )
    return kb, site


def synthetic_pair(root: Path) -> str:
    """``old`` or ``new`` when kb/ and site/ are a consistent pair; fails otherwise."""
    state = synthetic_state(root)
    assert state in CONSISTENT, state
    return state[0] or ""


@pytest.mark.parametrize("action", ["full", "kb-only"])
def test_a_swap_killed_anywhere_recovers_to_one_pair(tmp_path, action):
    """Killed before the journal is in place: the old pair; after: the new pair (rolled forward)."""
    steps = count_mutations(synthetic_swap(synthetic(tmp_path / "counted", action), action))
    assert steps >= 6  # journal, two or four renames, journal removal, old trees' removal
    outcomes, split = [], 0
    for kill_at in range(1, steps + 1):
        root = synthetic(tmp_path / str(kill_at), action)
        assert killed_child(kill_at, synthetic_swap(root, action)) == -signal.SIGKILL
        split += synthetic_state(root) not in CONSISTENT
        recover(root, TREES)
        outcomes.append(synthetic_pair(root))
        assert leftovers(root) == []
    assert outcomes == ["old"] + ["new"] * (steps - 1)
    assert split >= 1  # some kills did leave kb/ and site/ apart (or missing) until recovery


def half_swapped(root: Path) -> Path:
    """The state issue 8 found: killed after kb/ was replaced, before site/ was."""
    synthetic(root, "full")
    (root / JOURNAL).write_text(
        '{"moves": [{"target": "kb", "staged": ".kb-staging-x"},'
        ' {"target": "site", "staged": ".site-staging-x"}]}\n',
        encoding="utf-8",
    )
    (root / "kb").rename(root / "kb.old")
    (root / ".kb-staging-x").rename(root / "kb")
    return root


def test_a_recovery_killed_anywhere_is_finished_by_the_next(tmp_path):
    steps = count_mutations(functools.partial(recover, half_swapped(tmp_path / "counted"), TREES))
    assert steps >= 4
    for kill_at in range(1, steps + 1):
        root = half_swapped(tmp_path / str(kill_at))
        assert killed_child(kill_at, functools.partial(recover, root, TREES)) == -signal.SIGKILL
        recover(root, TREES)
        assert synthetic_pair(root) == "new" and leftovers(root) == []


@pytest.mark.parametrize("failing", [1, 2, 3, 4])
def test_a_swap_whose_rename_fails_puts_the_old_pair_back(tmp_path, monkeypatch, failing):
    """A rename that raises (a full disk, a permission) is undone in the same run."""
    root = synthetic(tmp_path, "full")
    calls, rename = itertools.count(1), os.rename

    def failing_rename(*args, **kwargs):
        if next(calls) == failing:
            raise PermissionError(13, "Permission denied")
        return rename(*args, **kwargs)

    monkeypatch.setattr(os, "rename", failing_rename)
    with pytest.raises(BuildError, match="could not replace the generated trees: .*Permission denied"):
        synthetic_swap(root, "full")()
    monkeypatch.undo()
    assert synthetic_pair(root) == "old"
    assert leftovers(root) == [".kb-staging-x", ".site-staging-x"]  # the build's own to remove


def test_an_unreadable_journal_stops_the_build_with_one_line(capsys, project):
    before = snapshot(project)
    (project / JOURNAL).write_text('{"moves": [{"target": "../kb", "staged": null}]}', encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and JOURNAL in err[0] and "unreadable swap journal" in err[0], err
    assert snapshot(project) == before


# --- the real build, killed, interrupted, locked out ---------------------------------------------

KILL_AFTER_KB = r"""
import os, signal, sys
rename = os.rename

def rename_then_die(source, target, *args, **kwargs):
    rename(source, target, *args, **kwargs)
    if os.path.basename(os.fspath(target)) == "kb":
        os.kill(os.getpid(), signal.SIGKILL)  # just after kb/ is swapped

os.rename = rename_then_die
from vdiplo_site.cli import main
from vdiplo_site.errors import BuildError
main(sys.argv[1:])
"""


def test_build_killed_just_after_kb_is_swapped_is_finished_by_the_next_run(caplog, project):
    set_version(project, "乙版")
    command = [sys.executable, "-c", KILL_AFTER_KB, "--root", str(project), "build"]
    assert subprocess.run(command, check=False, capture_output=True).returncode == -signal.SIGKILL
    assert "乙版" in (project / "kb" / "sources" / "demo.md").read_text(encoding="utf-8")
    assert "甲版" in (project / "site" / "sources" / "demo" / "index.html").read_text(encoding="utf-8")
    assert (project / JOURNAL).exists()
    assert main(["--root", str(project), "check"]) == 0  # check recovers first, then finds kb/ fresh
    assert pair_version(project) == "乙版"
    assert leftovers(project) == []
    assert "finished replacing kb, site after an interrupted build" in caplog.messages


def test_the_next_build_removes_what_killed_builds_left(project):
    before = snapshot(project)
    for name in (".kb-staging-a1", ".site-staging-a1", ".kb-staging-b2", "kb.old", "site.old"):
        (project / name / "assets").mkdir(parents=True)
        (project / name / "assets" / "x.css").write_text("x", encoding="utf-8")
    (project / (JOURNAL + ".tmp")).write_text('{"moves": [', encoding="utf-8")
    assert main(["--root", str(project), "build", "--kb-only"]) == 0
    assert leftovers(project) == []
    assert snapshot(project) == before  # same input: kb/ unchanged, so site/ is kept


def test_replaced_trees_wait_in_the_trash_until_the_next_build_removes_them(project):
    """A swap moves the trees it replaces into the trash (fast); the next build empties it (in
    the background) and leaves in it only the trees it replaced itself."""
    set_version(project, "乙版")
    assert main(["--root", str(project), "build", "--kb-only"]) == 0
    trashed = sorted((project / TRASH).iterdir())
    assert [p.name.rsplit("-", 1)[0] for p in trashed] == ["kb.old", "site.old"]
    assert (trashed[1] / "sources" / "demo" / "index.html").is_file()  # the whole old site/
    assert main(["--root", str(project), "build", "--kb-only"]) == 0
    assert not any(p.exists() for p in trashed)
    assert [p.name.rsplit("-", 1)[0] for p in (project / TRASH).iterdir()] == ["kb.old"]
    assert leftovers(project) == []


def test_kb_only_build_that_changes_kb_removes_the_site_built_from_the_old_one(project):
    set_version(project, "乙版")
    assert main(["--root", str(project), "build", "--kb-only"]) == 0
    assert "乙版" in (project / "kb" / "sources" / "demo.md").read_text(encoding="utf-8")
    assert not (project / "site").exists()
    assert leftovers(project) == []


#: A process that takes the build lock of the project folder sys.argv[1], says so, then waits.
HOLD = """import sys, time
from pathlib import Path
from vdiplo_site.writer.lock import build_lock
with build_lock(Path(sys.argv[1])):
    print("held", flush=True)
    """


def test_a_second_build_is_refused_with_one_line_while_one_holds_the_lock(capsys, project):
    code = HOLD + "sys.stdin.read()"
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(project)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        set_version(project, "乙版")
        before = snapshot(project)
        message = (
            f"another vdiplo-site build (process {holder.pid}) is running in this project; "
            "try again when it has finished"
        )
        for command in (["build"], ["build", "--kb-only"], ["check"]):
            capsys.readouterr()
            assert main(["--root", str(project), *command]) == 1
            err = capsys.readouterr().err.splitlines()
            assert err == [f"vdiplo-site: {project.resolve() / LOCK}: {message}"]
            assert snapshot(project) == before and leftovers(project) == []
    finally:
        holder.communicate("")
    assert main(["--root", str(project), "build", "--kb-only"]) == 0  # released with its holder


def test_a_killed_holder_leaves_no_lock(project):
    code = HOLD + "time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code, str(project)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.kill()
    holder.communicate()
    assert main(["--root", str(project), "build", "--kb-only"]) == 0


# --- modes ---------------------------------------------------------------------------------------


def modes(root: Path) -> set[tuple[str, int]]:
    """``("d" or "f", permission bits)`` of kb/, site/ and everything inside them."""
    paths = [root / tree for tree in TREES if (root / tree).exists()]
    paths += [p for tree in paths for p in tree.rglob("*")]
    return {("d" if p.is_dir() else "f", p.stat().st_mode & 0o777) for p in paths}


def test_trees_get_the_modes_the_umask_gives(built, project):
    mask = os.umask(0o022)
    os.umask(mask)
    assert modes(built) == {("d", 0o777 & ~mask), ("f", 0o666 & ~mask)}
    set_version(project, "乙版")
    mask = os.umask(0o027)
    try:
        assert main(["--root", str(project), "build", "--kb-only"]) == 0
    finally:
        os.umask(mask)
    assert modes(project) == {("d", 0o750), ("f", 0o640)}


# --- reproducible site/ --------------------------------------------------------------------------


class LaterClock(datetime):
    """A wall clock years ahead, for MkDocs' own default (today's date)."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2031, 5, 6, 12, 0, tzinfo=tz)


def test_site_is_byte_identical_on_another_day_and_path(built, tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH unset: the date is 0, not the wall clock; every byte of site/ is equal."""
    root = make_project(tmp_path / "elsewhere", {"demo": ("mofa-review", review("甲版"))})
    shutil.copy(built / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(mkdocs.utils, "datetime", LaterClock)
    build(Project(root))
    assert differing_paths(read_tree(built / "site"), read_tree(root / "site")) == []
    assert differing_paths(read_tree(built / "kb"), read_tree(root / "kb")) == []
    assert len(read_tree(root / "site")) > 10
    mtime, text = sitemap(root)
    assert mtime == 0 and "<lastmod>1970-01-01</lastmod>" in text


def test_sitemap_follows_source_date_epoch_and_nothing_else_does(built, project, monkeypatch):
    epoch = 1_700_000_000  # 2023-11-14 22:13:20 UTC
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    monkeypatch.setattr(mkdocs.utils, "datetime", LaterClock)
    assert main(["--root", str(project), "build"]) == 0
    diff = differing_paths(read_tree(built / "site"), read_tree(project / "site"))
    assert diff == ["sitemap.xml", "sitemap.xml.gz"]
    mtime, text = sitemap(project)
    assert mtime == datetime(2023, 11, 14, tzinfo=UTC).timestamp()  # MkDocs keeps the day
    assert "<lastmod>2023-11-14</lastmod>" in text and "1970" not in text
    assert os.environ["SOURCE_DATE_EPOCH"] == str(epoch)  # restored after the build


@pytest.mark.parametrize("value", ["yesterday", "-1", "1.5", "4294967296"])
def test_a_malformed_source_date_epoch_is_refused_with_one_line(capsys, project, monkeypatch, value):
    before = snapshot(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and f"SOURCE_DATE_EPOCH={value!r}" in err[0], err
    assert snapshot(project) == before and leftovers(project) == []
