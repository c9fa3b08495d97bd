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


# `kg query --data` reads files with Oxigraph's parsers, in words of their own.
QUERY_CASES = [
    ("malformed.ttl", 5, "syntax error"),
    ("unknown-term.ttl", 5, "unknown term kg:friendOf"),
    ("bad-line.nt", 2, "The predicate of a triple must be an IRI"),
    ("broken.jsonld", 4, "syntax error"),
    ("latin1.ttl", 2, "Invalid UTF-8"),
    ("notes.txt", None, "unknown file type '.txt'"),
    ("missing.ttl", None, "no such file or folder"),
]
COMMANDS = {
    "validate": lambda path: ["validate", path],
    "query": lambda path: ["query", "--data", path, "ASK { ?s ?p ?o }"],
}


@pytest.mark.parametrize(
    ("command", "name", "line", "message"),
    [("validate", *case) for case in CASES] + [("query", *case) for case in QUERY_CASES],
    ids=[f"validate-{c[0]}" for c in CASES] + [f"query-{c[0]}" for c in QUERY_CASES],
)
def test_bad_file_gives_one_line_error(command, name, line, message):
    result = CliRunner().invoke(main, COMMANDS[command](str(BAD / name)))
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


def test_output_into_a_missing_folder_is_one_line(tmp_path):
    target = tmp_path / "missing" / "page.html"
    result = CliRunner().invoke(main, ["render", "-o", str(target)])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {target}: cannot write here: No such file or directory"


def test_written_files_are_readable_by_others(tmp_path):
    from kg.atomic import atomic_write

    target = tmp_path / "page.html"
    atomic_write(target, "<p>hi</p>")
    assert target.stat().st_mode & 0o044 == 0o044
