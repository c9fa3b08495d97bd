"""Bad input gives one clear line naming file and line, exit 2, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from kg.cli import main

BAD = FIXTURES / "bad"

CASES = [
    ("malformed.ttl", 5, "syntax error"),
    ("unknown-term.ttl", 5, "unknown term kg:friendOf"),
    ("bad-line.nt", 2, "syntax error"),
    ("broken.jsonld", 4, "JSON error"),
    ("latin1.ttl", None, "not UTF-8"),
    ("notes.txt", None, "unknown file type '.txt'"),
    ("missing.ttl", None, "no such file or folder"),
]


@pytest.mark.parametrize(("name", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_one_line_error(name, line, message):
    result = CliRunner().invoke(main, ["validate", str(BAD / name)])
    where = f"{BAD / name}:{line}: " if line else f"{BAD / name}: "
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {where}")
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unknown_option_is_a_usage_error():
    result = CliRunner().invoke(main, ["stats", "--colour", "red"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: No such option '--colour'. Try 'main stats --help'."
    ]


def test_unknown_format_is_a_usage_error():
    result = CliRunner().invoke(main, ["stats", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output
    assert len(result.output.strip().splitlines()) == 1
