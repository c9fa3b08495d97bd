"""atomic_write writes regular files only, whole, and keeps what it replaces as it was."""

from __future__ import annotations

import os
import socket
import stat

import pytest

from kg.atomic import atomic_write
from kg.errors import KGError


def fifo(path):
    os.mkfifo(path)


def unix_socket(path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def null_device(path):
    if os.geteuid() != 0:
        pytest.skip("only root may make a device node")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))


@pytest.mark.parametrize("make", [fifo, unix_socket, null_device])
def test_write_refuses_a_target_that_is_not_a_regular_file(tmp_path, make):
    target = tmp_path / "out"
    make(target)
    kind = stat.S_IFMT(os.lstat(target).st_mode)
    with pytest.raises(KGError, match="is not a regular file"):
        atomic_write(target, "data")
    assert stat.S_IFMT(os.lstat(target).st_mode) == kind
    assert os.listdir(tmp_path) == ["out"]


def test_write_refuses_a_folder(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(KGError, match="out: is a folder"):
        atomic_write(tmp_path / "out", "data")
    assert (tmp_path / "out").is_dir()


@pytest.mark.parametrize("name", ["newdir/", "newdir/.", "newdir//"])
def test_write_refuses_a_name_that_ends_like_a_folder(tmp_path, name):
    with pytest.raises(KGError, match="names a folder: give a file name"):
        atomic_write(f"{tmp_path}/{name}", "data")
    assert os.listdir(tmp_path) == []


def test_write_refuses_a_name_ending_in_a_separator_of_an_existing_folder(tmp_path):
    (tmp_path / "newdir").mkdir()
    with pytest.raises(KGError, match="names a folder"):
        atomic_write(f"{tmp_path}/newdir/", "data")
    assert os.listdir(tmp_path / "newdir") == []


def test_write_refuses_a_symbolic_link_and_leaves_link_and_file(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    with pytest.raises(KGError, match="is a symbolic link"):
        atomic_write(tmp_path / "link.txt", "new")
    assert os.readlink(tmp_path / "link.txt") == "real.txt"
    assert (tmp_path / "real.txt").read_text() == "old"


def test_write_refuses_a_dangling_symbolic_link(tmp_path):
    (tmp_path / "link.txt").symlink_to("nowhere.txt")
    with pytest.raises(KGError, match="is a symbolic link"):
        atomic_write(tmp_path / "link.txt", "new")
    assert not (tmp_path / "nowhere.txt").exists()


def test_write_refuses_a_read_only_file_even_for_root(tmp_path):
    target = tmp_path / "kept.txt"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(KGError, match="kept.txt: is read-only: kg does not replace it"):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_replacing_a_file_keeps_its_mode(tmp_path, mode):
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(mode)
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_replacing_a_file_does_not_keep_set_user_id(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o4755)
    atomic_write(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_a_new_file_gets_the_mode_of_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.txt", "data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
