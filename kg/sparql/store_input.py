"""What Oxigraph's loader reads from a user's file.

:func:`kg.sparql.store.fill` hands each file, or each piece of a line file,
to ``Store.bulk_load`` through :func:`opened`, by the rules of
:mod:`kg.rdf.sources` that rdflib's readers follow too:

- the UTF-8 byte-order mark at the start of a file is skipped (Oxigraph
  would take it for the start of a term);
- JSON-LD is checked before Oxigraph sees it, and a reference to the
  ontology's context is replaced with the shipped copy
  (:func:`kg.rdf.sources.inline_contexts`): Oxigraph fetches no context
  itself, but refuses one in words of its own, and every command must say
  the same;
- a piece, or a file of up to :data:`WHOLE_BYTES`, is handed over as bytes,
  which Oxigraph parses with no limit on the length of a literal; a larger
  file is streamed from disk, and Oxigraph's streaming reader holds at most
  :data:`STREAM_LIMIT` bytes of one term: :func:`too_long` is the one-line
  error for a longer one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import KGError
from kg.rdf.sources import BOM, inline_contexts

#: Files up to this size are read whole; larger ones are streamed.
WHOLE_BYTES = 64 * 1024 * 1024
#: The longest term Oxigraph's streaming reader holds (its buffer's limit).
STREAM_LIMIT = 16 * 1024 * 1024

_JSON_LD = (".jsonld", ".json")


@contextmanager
def opened(path: Path, start: int = 0, size: int | None = None) -> Iterator[bytes | BinaryIO]:
    """The input for ``bulk_load`` of ``size`` bytes of ``path`` from
    ``start`` (``None``: to the end): bytes, or a binary file to stream.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.nt"
    >>> _ = f.write_bytes(BOM + b"<urn:a> <urn:b> <urn:c> .\\n")
    >>> with opened(f) as data:
    ...     data
    b'<urn:a> <urn:b> <urn:c> .\\n'
    """
    if path.suffix in _JSON_LD:
        yield _json_ld(path)
        return
    with open(path, "rb") as handle:
        skip = len(BOM) if start == 0 and handle.read(len(BOM)) == BOM else 0
        handle.seek(start + skip)
        if size is None and path.stat().st_size > WHOLE_BYTES:
            yield handle
        else:
            yield handle.read(-1 if size is None else size - skip)


def too_long(path: Path, err: MemoryError) -> KGError:
    """The error for Oxigraph's ``MemoryError`` while reading ``path``."""
    if "buffer maximal size" in str(err):
        return KGError(
            f"a literal, IRI or comment is longer than {STREAM_LIMIT // 2**20} MiB, the most "
            f"Oxigraph streams from a file over {WHOLE_BYTES // 2**20} MiB; move the "
            f"statements that hold it into a smaller file", file=str(path))
    return KGError("out of memory while loading", file=str(path))


def _json_ld(path: Path) -> bytes:
    data = path.read_bytes()
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
        json.loads(text)
    except ValueError:
        return data  # Oxigraph reports where the text or the JSON is broken
    except RecursionError:
        # Oxigraph's JSON-LD reader recurses too, and overflows the stack
        # (the process dies) a few thousand levels down.
        raise KGError("JSON error: nested too deeply", file=str(path)) from None
    inlined = inline_contexts(text, file=str(path))
    return data if inlined is text else inlined.encode("utf-8")
