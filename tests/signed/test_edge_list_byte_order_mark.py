"""An edge list saved as Excel's "CSV UTF-8" (a byte-order mark first) reads
like the same file without the mark, with the file's line numbers."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.signed.edgelist import read_signed_edges

BOM = b"\xef\xbb\xbf"
TIES = "source,target,sign,weight\nA,B,+,2\nB,C,-,1\nA,C,-,1\n"


def write(path, text: str, *, bom: bool):
    path.write_bytes((BOM if bom else b"") + text.encode("utf-8"))
    return path


def test_an_edge_list_with_a_mark_reads_like_one_without(tmp_path):
    plain = read_signed_edges(write(tmp_path / "plain.csv", TIES, bom=False))
    marked = read_signed_edges(write(tmp_path / "marked.csv", TIES, bom=True))

    assert marked.sign.tolist() == plain.sign.tolist() == [1, -1, -1]
    assert marked.weight.tolist() == plain.weight.tolist()
    assert sorted(marked.edge_lines(i) for i in range(3)) == [(2,), (3,), (4,)]


# The plain reader and the checking one (a blank line sends a file to it).
@pytest.mark.parametrize("text", [TIES + "A,D,0,1\n", TIES + "\nA,D,0,1\n"],
                         ids=["plain", "with-blank-line"])
def test_an_error_after_a_mark_names_the_line_of_the_file(text, tmp_path):
    path = write(tmp_path / "marked.csv", text, bom=True)

    with pytest.raises(KGError) as info:
        read_signed_edges(path)

    assert (info.value.file, info.value.line) == (str(path), text.count("\n"))
    assert "sign '0'" in info.value.message


def test_balance_reads_an_edge_list_saved_by_excel(tmp_path):
    path = write(tmp_path / "ties.csv", TIES.replace("\n", "\r\n"), bom=True)

    result = CliRunner().invoke(main, ["balance", "--edges", str(path)])

    assert result.exit_code == 0, result.output
    assert "balanced: 1 of 1 triangle (100%)" in result.output
