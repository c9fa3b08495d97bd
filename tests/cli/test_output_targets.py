"""Every command writes -o the same way: regular files only, one line otherwise."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from kg.cli import main

DATA = str(FIXTURES / "render")

# Each command that takes -o FILE, on small data.
COMMANDS = {
    "stats": ["stats", DATA],
    "render": ["render", DATA],
    "balance": ["balance", DATA],
    "query": ["query", "--data", DATA, "ASK { ?s ?p ?o }"],
    "export": ["export", "--data", DATA, "--format", "nt"],
}


def fifo(tmp_path):
    os.mkfifo(tmp_path / "out")
    return str(tmp_path / "out"), "is not a regular file (a device, pipe or socket)"


def symlink(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "out").symlink_to("real.txt")
    return str(tmp_path / "out"), "is a symbolic link"


def read_only(tmp_path):
    (tmp_path / "out").write_text("old")
    (tmp_path / "out").chmod(0o444)
    return str(tmp_path / "out"), "is read-only: kg does not replace it"


def new_folder_name(tmp_path):
    return f"{tmp_path}/out/", "names a folder: give a file name"


def existing_folder_name(tmp_path):
    (tmp_path / "out").mkdir()
    return f"{tmp_path}/out/", "names a folder: give a file name"


def folder(tmp_path):
    (tmp_path / "out").mkdir()
    return str(tmp_path / "out"), "is a folder: give a file name"


TARGETS = [fifo, symlink, read_only, new_folder_name, existing_folder_name, folder]


def snapshot(tmp_path):
    return sorted((p.name, stat.S_IFMT(p.lstat().st_mode), stat.S_IMODE(p.lstat().st_mode))
                  for p in tmp_path.iterdir())


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_an_output_that_is_not_a_regular_file(tmp_path, command, target):
    output, reason = target(tmp_path)
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, [*COMMANDS[command], "-o", output])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {output}: {reason}")
    assert result.output.count("\n") == 1
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_keeps_the_mode_of_the_file_it_replaces(tmp_path, command):
    target = tmp_path / "out"
    target.write_text("old")
    target.chmod(0o600)
    result = CliRunner().invoke(main, [*COMMANDS[command], "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
