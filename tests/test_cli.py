"""What the command line tells a newcomer: each build stage with its time and where the site is,
-v/-q before or after the subcommand, aligned --help examples, and `serve` that checks its
address before building, prints it, and rebuilds when a source changes."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from wcwidth import wcswidth

from conftest import full_build_of, make_project
from vdiplo_site.cli import EXAMPLES, _parser, main
from vdiplo_site.project import Project
from vdiplo_site.writer.tree import differing_paths, read_tree

STAGES = ["manifest", "gazetteer", "read", "normalise", "mentions", "lookups", "render", "stage kb", "mkdocs"]
REVIEW = "一、 測試標題\n\n1. 台美持續強化重要議題實質合作。\n".encode()


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, {"demo": ("mofa-review", REVIEW)})


def test_build_prints_each_stage_with_its_time_and_where_the_site_is(capsys, project):
    assert main(["--root", str(project), "build"]) == 0
    out, err = capsys.readouterr()
    stages = re.findall(r"^  ([a-z ]+?) +(\d+\.\d\d) s", out, re.MULTILINE)
    assert [name for name, _ in stages] == [*STAGES, "replace"], out
    assert re.search(r"^  mkdocs +\d+\.\d\d s  \(\d+ pages rendered\)$", out, re.MULTILINE), out
    assert f"the site is in {project / 'site'}" in out
    assert "vdiplo-site serve" in out
    assert err == ""  # stderr is for errors only


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_silences_the_build_before_or_after_the_subcommand(capsys, project, where):
    args = ["-q", "build", "--kb-only"] if where == "before" else ["build", "--kb-only", "-q"]
    assert main(["--root", str(project), *args]) == 0
    assert capsys.readouterr() == ("", "")


def test_verbose_is_accepted_after_the_subcommand():
    args = _parser().parse_args(["build", "-v"])
    assert args.verbose and not getattr(args, "quiet", False)
    assert _parser().parse_args(["-v", "build"]).verbose
    assert not hasattr(_parser().parse_args(["build"]), "verbose")


def test_help_examples_are_aligned_by_display_width():
    """The description column starts at the same terminal column on every example line,
    the one with 價值外交 (four wide characters) included."""
    epilog = _parser().format_help().split("examples:\n", 1)[1]
    lines = [line for line in epilog.splitlines() if line.strip()]
    assert len(lines) == len(EXAMPLES)
    starts = set()
    for line, (command, description) in zip(lines, EXAMPLES, strict=True):
        assert line.endswith(description)
        starts.add(wcswidth(line[: len(line) - len(description)]))
    assert len(starts) == 1, lines


# --- serve ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("address", "needle"),
    [("8000", "expected host:port"), ("127.0.0.1:99999", "expected host:port"), ("localhost:http", "port")],
)
def test_serve_refuses_a_bad_address_before_building(capsys, project, address, needle):
    assert main(["--root", str(project), "serve", "--dev-addr", address]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"vdiplo-site: --dev-addr {address}: ") and needle in err[0]
    assert not (project / "kb").exists()  # nothing was built


def test_serve_reports_a_port_in_use_in_one_line_before_building(capsys, project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        start = time.monotonic()
        assert main(["--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"]) == 1
        seconds = time.monotonic() - start
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert f"--dev-addr 127.0.0.1:{port}: cannot listen there: Address already in use" in err[0]
    assert "choose another port" in err[0]
    assert not (project / "kb").exists() and seconds < 5


def _read_until(process: subprocess.Popen, pattern: str, timeout: float) -> re.Match:
    """The first line ``process`` prints that matches ``pattern``; the process is killed (its
    output then ends) if none comes within ``timeout`` seconds."""
    seen = []
    assert process.stdout is not None
    stop = threading.Timer(timeout, process.kill)
    stop.start()
    try:
        for line in process.stdout:
            seen.append(line)
            if match := re.search(pattern, line):
                return match
    finally:
        stop.cancel()
    raise AssertionError(f"{pattern!r} not printed; got {''.join(seen)!r}")


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_serve_prints_its_address_and_rebuilds_when_the_gazetteer_changes(project, tmp_path):
    """serve prints its address and rebuilds when the gazetteer changes; its rebuild, in its
    warm process, leaves the kb/ and site/ a full build of the edited inputs gives."""
    port = free_port()
    command = [sys.executable, "-m", "vdiplo_site.cli", "--root", str(project), "serve"]
    process = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    try:
        url = _read_until(process, r"serving site/ on (\S+)", timeout=120)[1]
        assert url == f"http://127.0.0.1:{port}/"
        page = f"{url}sources/demo/"
        assert "countries/taiwan" not in _page(page)
        (project / "sources" / "gazetteer" / "countries.yaml").write_text(
            "entities:\n  - {id: taiwan, name: 台灣, english: Taiwan, aliases: [臺灣]}\n", encoding="utf-8"
        )
        edited = time.monotonic()
        while "countries/taiwan" not in _page(page):
            assert time.monotonic() < edited + 90, "the edited gazetteer never reached the served page"
            time.sleep(0.2)
        print(f"an edited gazetteer entry reached the served page in {time.monotonic() - edited:.1f} s")
    finally:
        process.terminate()
        process.wait(timeout=30)
    full = full_build_of(Project(project), tmp_path / "full")
    assert differing_paths(read_tree(project / "kb"), read_tree(full.parent / "kb")) == []
    assert differing_paths(read_tree(project / "site"), read_tree(full)) == []


def test_a_failed_rebuild_says_so_in_one_line_and_keeps_the_previous_site_on_show(project):
    port = free_port()
    command = [sys.executable, "-m", "vdiplo_site.cli", "--root", str(project), "serve"]
    process = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    try:
        url = _read_until(process, r"serving site/ on (\S+)", timeout=120)[1]
        before = (project / "site" / "sources" / "demo" / "index.html").read_bytes()
        (project / "sources" / "gazetteer" / "countries.yaml").write_text(
            "entities:\n  - {id: taiwan, name: 台灣, aliases: 臺灣}\n", encoding="utf-8"
        )
        line = _read_until(process, r"^vdiplo-site: .*countries\.yaml:2: .*aliases", timeout=90).string
        assert line.rstrip("\n").endswith("(still showing the previous site)"), line
        assert (project / "site" / "sources" / "demo" / "index.html").read_bytes() == before
        assert "測試標題" in _page(f"{url}sources/demo/")  # still served
    finally:
        process.terminate()
        process.wait(timeout=30)
