"""The HTTP connection ``kg serve`` speaks: uvicorn's h11 protocol, with a
deadline on what a client must do.

uvicorn waits for a client for as long as it takes: a client that connects
and sends nothing, sends a header line every few seconds, trickles the body
of a request already answered, or never reads its answer, holds its
connection for ever, and a few hundred such clients hold every connection
the server allows (slowloris). Here a connection is checked every
``client_timeout`` seconds from its start, and from each answer on it; it
is closed when, since the last check,

- the head of a request (its line and headers) is still not whole, after a
  408 answer when part of it came (as nginx's ``client_header_timeout``
  and Apache's ``mod_reqtimeout`` do);
- the client still sends the body of a request that has been answered
  (the app bounds the body of a request it waits for: 408);
- or the client read nothing of an answer that waits for it (nginx's
  ``send_timeout``).
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: How long a client may take, by default (seconds).
CLIENT_TIMEOUT = 10.0

_TIMED_OUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
              b"content-length: 32\r\nconnection: close\r\n\r\n"
              b"the request head came too slowly")


class DeadlineProtocol(H11Protocol):
    """An h11 connection that lets go of a client that keeps it waiting."""

    client_timeout: float = CLIENT_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._drained = 0  # times the client read enough of an answer to take more
        self._waiting: tuple[int, int] | None = None  # (drained, unsent) at the last check
        self._arm()

    def _arm(self) -> None:
        """Check the connection ``client_timeout`` seconds from now."""
        self._deadline = self.loop.call_later(self.client_timeout, self._check)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._deadline.cancel()
        self._arm()

    def resume_writing(self) -> None:
        self._drained += 1
        super().resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self._deadline.cancel()
        super().connection_lost(exc)

    def _check(self) -> None:
        unsent = self.transport.get_write_buffer_size()
        if unsent and self._waiting is not None and self._waiting[0] == self._drained \
                and unsent >= self._waiting[1]:
            self.transport.abort()  # an answer waits, and the client read none of it
            return
        self._waiting = (self._drained, unsent) if unsent else None
        if not self.transport.is_closing():
            answered = self.cycle is None or self.cycle.response_complete
            if self.conn.their_state is h11.IDLE:  # no whole head since the start or the answer
                if self.conn.trailing_data[0]:  # part of a head came: say why it ends
                    self.transport.write(_TIMED_OUT)
                self.transport.close()
            elif self.conn.their_state is h11.SEND_BODY and answered:
                self.transport.close()  # the body of an answered request: nobody waits for it
        self._arm()  # a closing connection too: its last bytes must be read in time


def deadline_protocol(seconds: float) -> type[DeadlineProtocol]:
    """The protocol class for uvicorn's ``http`` setting, with ``seconds``
    for a client."""
    return type("DeadlineProtocol", (DeadlineProtocol,), {"client_timeout": seconds})
