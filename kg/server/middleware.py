"""What every response of ``kg serve`` gets: security headers and an access log line.

:class:`SecurityHeaders` sets a strict Content-Security-Policy (unless
the route set its own), ``X-Content-Type-Options: nosniff`` and
``Referrer-Policy: no-referrer``. :class:`AccessLog` logs one JSON line
per request to the ``kg.server.access`` logger (``kg serve`` sends it to
stderr): time, method, path (never the query string), status, duration
and the first 16 hex digits of the SHA-256 of the query text, never the
text itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from datetime import UTC, datetime

#: The policy of a response that sets none of its own.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")

ACCESS_LOGGER = "kg.server.access"
#: Where a handler leaves the hash of the query it read, in ``scope["state"]``.
QUERY_HASH = "kg_query_hash"


def query_hash(text: str) -> str:
    """What the access log says of a query: a prefix of its SHA-256.

    Examples
    --------
    >>> query_hash("ASK {}")
    '819ea91ed5f12b38'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                for name, value in ((b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"no-referrer")):
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


class AccessLog:
    """ASGI middleware: one structured line per request (see the module docstring)."""

    def __init__(self, app):
        self.app = app
        self.log = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        seen = {"status": 500}

        async def sending(message):
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            await send(message)

        scope.setdefault("state", {})
        try:
            await self.app(scope, receive, sending)
        finally:
            state = scope.get("state") or {}
            line = {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": seen["status"],
                "ms": round((time.perf_counter() - start) * 1000, 1),
                "query_sha256": state.get(QUERY_HASH),
            }
            # ASCII only: whatever a client put in the path cannot steer a terminal.
            self.log.info(json.dumps(line, ensure_ascii=True))
