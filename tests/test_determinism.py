"""Two builds of the same content give byte-identical output, whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
CONTENT = REPOSITORY / "content"


def build(output: Path, seed: str) -> dict[str, bytes]:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "timeline.cli", "build", "--content", str(CONTENT), "--output", str(output)]
    result = subprocess.run(command, cwd=REPOSITORY, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    first = build(tmp_path / "one", "1")
    second = build(tmp_path / "two", "2")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert "index.html" in first and any(name.startswith("events/") for name in first)
