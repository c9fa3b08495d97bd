"""The HTTP connection ``kg serve`` speaks: uvicorn's h11 protocol with a
deadline on each request's head.

uvicorn reads a request's head (its request line and headers) for as long
as a client takes: a client that connects and sends nothing, or one header
line every few seconds, holds its connection for ever, and a few hundred
such clients hold every connection the server allows (slowloris). Here the
head of each request must be whole within ``head_timeout`` seconds of the
connection being made, or of the answer to the previous request on it;
otherwise the connection is closed, after a 408 answer when part of a head
had arrived (as nginx's ``client_header_timeout`` and Apache's
``mod_reqtimeout`` do). A request's body has its own bound (the body of a
query that never arrives gets 408 from the app).
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: How long a request's head may take, by default (seconds).
HEAD_TIMEOUT = 10.0

_TIMED_OUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
              b"content-length: 32\r\nconnection: close\r\n\r\n"
              b"the request head came too slowly")


class HeadDeadlineProtocol(H11Protocol):
    """An h11 connection that closes when a request head is not whole in time."""

    head_timeout: float = HEAD_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_deadline = self.loop.call_later(self.head_timeout, self._head_too_slow)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._head_deadline.cancel()
        self._head_deadline = self.loop.call_later(self.head_timeout, self._head_too_slow)

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_deadline.cancel()
        super().connection_lost(exc)

    def _head_too_slow(self) -> None:
        # IDLE: no whole request head since the connection, or the last answer
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.trailing_data[0]:  # part of a head came: say why it ends
            self.transport.write(_TIMED_OUT)
        self.transport.close()


def head_deadline_protocol(seconds: float) -> type[HeadDeadlineProtocol]:
    """The protocol class for uvicorn's ``http`` setting, with ``seconds``
    for each request's head."""
    return type("HeadDeadlineProtocol", (HeadDeadlineProtocol,), {"head_timeout": seconds})
