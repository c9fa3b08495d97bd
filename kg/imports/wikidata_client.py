"""A polite client of a SPARQL endpoint: the Wikidata Query Service, or any
server holding Wikidata-shaped data (QLever, a local Oxigraph mirror).

The public query service asks its clients for a descriptive User-Agent,
stops a query after 60 seconds and answers ``429 Too Many Requests`` (or
``503``) with a ``Retry-After`` header when a client sends too much. So
:class:`SparqlClient`

- names itself (:data:`USER_AGENT`: ``kg/<version>`` and the project's
  address);
- sends each query once by HTTP POST, and gives up on a request after
  ``timeout`` seconds in all (one deadline for connecting, the headers and
  the whole body, so a server that drips its answer cannot hold it longer);
- reads at most ``max_bytes`` (:data:`MAX_RESPONSE_BYTES`) of an answer and
  follows no redirect;
- on 429 and 503 waits as long as ``Retry-After`` says (seconds or an HTTP
  date), or 1, 2, 4, ... seconds when it says nothing, and tries again, at
  most :data:`MAX_ATTEMPTS` times and never waiting more than ``max_wait``
  seconds in all;
- turns every failure, a result of the wrong shape included, into one
  :class:`~kg.errors.KGError` line naming the endpoint and what went wrong.

It uses only the standard library (``urllib.request``).
"""

from __future__ import annotations

import email.utils
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from kg import __version__
from kg.errors import KGError

#: Where people can read what the client is and who runs it.
PROJECT_URL = "https://w3id.org/kg-relations"
#: The User-Agent of every request, as the Wikimedia User-Agent policy asks.
USER_AGENT = f"kg/{__version__} ({PROJECT_URL}; kg import wikidata) Python-urllib"
#: The public Wikidata Query Service.
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
#: Tries of one query when the endpoint throttles (429) or is unavailable (503).
MAX_ATTEMPTS = 5
#: The largest answer read (bytes); a bigger one is refused, not held in memory.
MAX_RESPONSE_BYTES = 64 * 2**20
_CHUNK = 65536
_THROTTLED = (429, 503)


@dataclass
class SparqlClient:
    """Send SELECT queries to ``endpoint``; rows come back as rdflib terms.

    ``requests`` counts the HTTP requests sent and ``waited`` the seconds
    spent waiting for a throttling endpoint, so a caller can report both.

    Examples
    --------
    >>> client = SparqlClient("http://127.0.0.1:9/sparql", timeout=1)
    >>> client.select("SELECT * WHERE { ?s ?p ?o }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KGError: cannot reach the SPARQL endpoint http://127.0.0.1:9/sparql: ...
    """

    endpoint: str
    timeout: float = 60.0
    max_wait: float = 120.0
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    max_bytes: int = MAX_RESPONSE_BYTES
    requests: int = field(default=0, init=False)
    waited: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise KGError(f"--endpoint {self.endpoint!r}: expected an http:// or https:// URL")
        if not self.timeout > 0:
            raise KGError(f"--timeout {self.timeout}: give a number of seconds above 0")

    def select(self, query: str) -> list[dict]:
        """The rows of a SELECT query: one dict per row, variable to term."""
        return parse_results(self._send(query), endpoint=self.endpoint)

    def _send(self, query: str) -> bytes:
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        opener = urllib.request.build_opener(_NoRedirect)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            request = urllib.request.Request(self.endpoint, data=body, method="POST", headers={
                "User-Agent": self.user_agent,
                "Accept": "application/sparql-results+json",
                "Content-Type": "application/x-www-form-urlencoded",
            })
            self.requests += 1
            deadline = time.monotonic() + self.timeout
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    return self._read(response, deadline)
            except urllib.error.HTTPError as err:
                if 300 <= err.code < 400:
                    raise KGError(self._redirect(err)) from None
                if err.code not in _THROTTLED:
                    raise KGError(self._http_error(err)) from None
                wait = retry_after(err.headers.get("Retry-After"), attempt=attempt)
                if attempt == MAX_ATTEMPTS or self.waited + wait > self.max_wait:
                    raise KGError(
                        f"the SPARQL endpoint {self.endpoint} still answers HTTP {err.code} "
                        f"({err.reason}) after {attempt} tries and {self.waited:g} s of "
                        "waiting: try again later") from None
                self.sleep(wait)
                self.waited += wait
            except TimeoutError:
                raise KGError(self._too_slow()) from None
            except urllib.error.URLError as err:
                reason = err.reason
                if isinstance(reason, TimeoutError):
                    raise KGError(self._too_slow()) from None
                text = getattr(reason, "strerror", None) or str(reason)
                raise KGError(f"cannot reach the SPARQL endpoint {self.endpoint}: "
                              f"{text}") from None
            except (OSError, http.client.HTTPException) as err:
                raise KGError(f"cannot reach the SPARQL endpoint {self.endpoint}: "
                              f"{getattr(err, 'strerror', None) or err}") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, response, deadline: float) -> bytes:
        """The body of ``response``, read in chunks before ``deadline`` and up to
        ``max_bytes``."""
        sock = _socket_of(response)
        parts, size = [], 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if sock is not None:
                sock.settimeout(remaining)  # no single read may outlast the deadline
            chunk = response.read1(_CHUNK)
            if not chunk:
                return b"".join(parts)
            size += len(chunk)
            if size > self.max_bytes:
                raise KGError(f"the SPARQL endpoint {self.endpoint} answered over "
                              f"{self.max_bytes} bytes: narrow the query (fewer items per "
                              "request)")
            parts.append(chunk)

    def _too_slow(self) -> str:
        return (f"cannot reach the SPARQL endpoint {self.endpoint}: no answer "
                f"within {self.timeout:g} s (--timeout)")

    def _redirect(self, err: urllib.error.HTTPError) -> str:
        where = " ".join(str(err.headers.get("Location", "")).split())[:200]
        return (f"the SPARQL endpoint {self.endpoint} answered HTTP {err.code}, a redirect to "
                f"{where!r}: kg follows no redirect; give the address to use as --endpoint")

    def _http_error(self, err: urllib.error.HTTPError) -> str:
        try:
            detail = err.read(300).decode("utf-8", "replace")
        except OSError:
            detail = ""
        detail = " ".join(detail.split())[:200]
        return (f"the SPARQL endpoint {self.endpoint} answered HTTP {err.code} ({err.reason})"
                + (f": {detail}" if detail else ""))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Follow no redirect: a 3xx answer reaches the caller as an HTTPError."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _socket_of(response):
    """The socket under a urllib response, to bound each read (``None`` if hidden)."""
    import socket

    raw = getattr(getattr(response, "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


def retry_after(header: str | None, *, attempt: int, now: float | None = None) -> float:
    """Seconds to wait before the next try: the ``Retry-After`` header (a
    number of seconds or an HTTP date), else ``2 ** (attempt - 1)``.

    Examples
    --------
    >>> retry_after("3", attempt=1), retry_after(None, attempt=3), retry_after("soon", attempt=1)
    (3.0, 4.0, 1.0)
    >>> retry_after("Wed, 21 Oct 2015 07:28:10 GMT", attempt=1,
    ...             now=email.utils.parsedate_to_datetime("Wed, 21 Oct 2015 07:28:00 GMT")
    ...             .timestamp())
    10.0
    """
    fallback = float(2 ** (attempt - 1))
    if not header:
        return fallback
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return fallback
    if when is None:
        return fallback
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def parse_results(body: bytes, *, endpoint: str) -> list[dict]:
    """The rows of a SPARQL JSON results document, as rdflib terms.

    Examples
    --------
    >>> rows = parse_results(b'{"head": {"vars": ["x"]}, "results": {"bindings": ['
    ...     b'{"x": {"type": "literal", "value": "Avalon", "xml:lang": "en"}}]}}',
    ...     endpoint="http://127.0.0.1/sparql")
    >>> rows[0]["x"].n3()
    '"Avalon"@en'
    """
    try:
        bindings = json.loads(body.decode("utf-8"))["results"]["bindings"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        bindings = None
    if not isinstance(bindings, list):
        raise KGError(f"the SPARQL endpoint {endpoint} did not answer with SPARQL JSON "
                      "results")
    rows = []
    for number, binding in enumerate(bindings, start=1):
        if not isinstance(binding, dict):
            raise KGError(f"the SPARQL endpoint {endpoint} answered a malformed result: "
                          f"row {number} is not a JSON object")
        row = {}
        for name, value in binding.items():
            try:
                row[name] = _term(value)
            except ValueError as err:
                shown = " ".join(str(name).split())[:60]
                raise KGError(f"the SPARQL endpoint {endpoint} answered a malformed result: "
                              f"row {number}, variable {shown!r}: {err}") from None
        rows.append(row)
    return rows


def _term(value):
    """The rdflib term of one SPARQL JSON value; ValueError when it is malformed."""
    from rdflib import BNode, Literal, URIRef

    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    kind, text = value.get("type"), value.get("value", "")
    if not isinstance(text, str):
        raise ValueError("its value is not a string")
    if kind == "uri":
        if not _IRI.fullmatch(text):
            raise ValueError("its value is not an IRI")
        return URIRef(text)
    if kind == "bnode":
        if not _BNODE.fullmatch(text):
            raise ValueError("its value is not a blank node label")
        return BNode(text)
    if kind not in ("literal", "typed-literal"):
        raise ValueError("its type is not uri, bnode or literal")
    lang, datatype = value.get("xml:lang"), value.get("datatype")
    if lang is not None and not (isinstance(lang, str) and _LANG.fullmatch(lang)):
        raise ValueError("its xml:lang is not a language tag")
    if datatype is not None and not (isinstance(datatype, str) and _IRI.fullmatch(datatype)):
        raise ValueError("its datatype is not an IRI")
    if lang and datatype:
        raise ValueError("it has both a language and a datatype")
    return Literal(text, lang=lang or None, datatype=URIRef(datatype) if datatype else None)


#: An absolute IRI: a scheme, then none of the characters N-Triples forbids in one.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*")
_BNODE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
#: A language tag (BCP 47, loosely: letters, digits and hyphens).
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
