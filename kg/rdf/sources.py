"""The rules every reader of a user's file follows.

A file ``kg`` reads is read alone: reading it never reaches the network or
another local file, whichever reader does it (rdflib for ``kg stats``,
``validate``, ``render``, ``export`` and the analysis commands; Oxigraph for
``kg query --data`` and ``kg load``), so the commands agree on what they
accept:

- text is UTF-8, with or without the byte-order mark that Excel ("CSV
  UTF-8") and Windows editors write first; the mark is not part of the
  first line, so line numbers stay those of the file;
- a JSON-LD ``@context`` must be written into the file (an object, or an
  array of objects), at the top or anywhere inside, scoped contexts
  included: a reference to a context elsewhere (``http:``, ``https:``,
  ``file:``, or relative, which would resolve against the base IRI) and
  ``@import`` are refused with one line naming the file and line, before
  any parser sees them. The one reference accepted is :data:`CONTEXT_IRI`,
  the ontology's own context, which ``kg`` replaces with the copy it ships
  (:func:`kg.rdf.shipped.context_path`) without a request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from json.decoder import WHITESPACE
from pathlib import Path

from kg.errors import KGError
from kg.rdf.shipped import context_path

#: The byte-order mark of UTF-8.
BOM = b"\xef\xbb\xbf"

#: The one JSON-LD context reference kg accepts: the ontology's context,
#: read from the copy shipped in the package, never fetched.
CONTEXT_IRI = "https://w3id.org/kg-relations/context.jsonld"

_REFERENCE_KEYS = ("@context", "@import")
# Every JSON string token, keys and values alike: outside strings a valid
# JSON text has no quote, so scanning from the start finds each in order.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file, without its byte-order mark if it has one.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = f.write_bytes(BOM + b"<a> <b> <c> .\\n")
    >>> read_text(f)
    '<a> <b> <c> .\\n'
    """
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise KGError(f"not UTF-8 text ({err.reason})", file=str(path)) from None
    except OSError as err:
        raise KGError(err.strerror or "cannot read file", file=str(path)) from None


def parse_json(text: str, *, file: str) -> object:
    """The JSON value of ``text``; a syntax error names the file and line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise KGError(f"JSON error: {err.msg} (column {err.colno})", file=file,
                      line=err.lineno) from None
    except RecursionError:
        raise KGError("JSON error: nested too deeply", file=file) from None


def inline_contexts(text: str, *, file: str) -> str:
    """Check the contexts of a JSON-LD text (valid JSON) and put the shipped
    context in place of each reference to :data:`CONTEXT_IRI`.

    The replacement is written on one line, so line numbers in later errors
    are still those of the file.

    Examples
    --------
    >>> inline_contexts('{"@context": {"ex": "http://ex.org/"}}', file="x.jsonld")
    '{"@context": {"ex": "http://ex.org/"}}'
    >>> inline_contexts('{\\n"@context": "http://127.0.0.1/c"}', file="x.jsonld")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: x.jsonld:2: JSON-LD @context "http://127.0.0.1/c" is not inline; ...
    """
    # A key can only be written another way with a \u escape.
    if "@context" not in text and "@import" not in text and "\\u" not in text:
        return text
    shipped: str | None = None
    pieces, at = [], 0
    for start, end, key, value in _references(text, file=file):
        if key != "@context" or value != CONTEXT_IRI:
            raise KGError(_refusal(key, value), file=file, line=text.count("\n", 0, start) + 1)
        if shipped is None:
            shipped = json.dumps(shipped_context(), ensure_ascii=False, separators=(",", ":"))
        pieces += [text[at:start], shipped]
        at = end
    return "".join(pieces) + text[at:] if pieces else text


def shipped_context() -> dict:
    """The ontology's JSON-LD context (the object under its ``@context``)."""
    path = context_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError, TypeError) as err:  # a packaging error
        raise KGError(f"cannot read the shipped context: {err}", file=str(path)) from None


def _references(text: str, *, file: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, key, value) of each string that an ``@context`` or
    ``@import`` key holds, alone or in an array, in the order of the text."""
    decoder = json.JSONDecoder()
    for match in _STRING.finditer(text):
        token = match.group()
        # Only a \u escape writes a key another way, and "@context" so takes 50 characters.
        if token not in ('"@context"', '"@import"') and (
                "\\u" not in token or len(token) > 64 or json.loads(token) not in _REFERENCE_KEYS):
            continue
        colon = WHITESPACE.match(text, match.end()).end()
        if not text.startswith(":", colon):
            continue  # a value that reads "@context", not a key
        key = json.loads(token)
        start = WHITESPACE.match(text, colon + 1).end()
        try:
            value, end = decoder.raw_decode(text, start)
        except RecursionError:
            raise KGError("JSON error: nested too deeply", file=file) from None
        if isinstance(value, str):
            yield start, end, key, value
        elif isinstance(value, list):
            yield from _strings_in_array(text, start, decoder, key)


def _strings_in_array(text: str, start: int, decoder: json.JSONDecoder,
                      key: str) -> Iterator[tuple[int, int, str, str]]:
    at = WHITESPACE.match(text, start + 1).end()
    while not text.startswith("]", at):
        item, end = decoder.raw_decode(text, at)
        if isinstance(item, str):
            yield at, end, key, item
        at = WHITESPACE.match(text, end).end()
        if text.startswith(",", at):
            at = WHITESPACE.match(text, at + 1).end()


def _refusal(key: str, value: str) -> str:
    shown = json.dumps(value)
    if len(shown) > 80:
        shown = shown[:76] + '..."'
    return (f"JSON-LD {key} {shown} is not inline; kg reads nothing from the network or "
            f"other files: write the context into the file, or use "
            f'"@context": "{CONTEXT_IRI}" for the ontology\'s own (shipped as {context_path()})')
