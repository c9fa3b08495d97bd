"""Reading what a command wrote to a pseudo-terminal."""

from __future__ import annotations

import os


def drain(leader: int) -> bytes:
    """Everything written to the pseudo-terminal whose leader end is ``leader``,
    until the command closes it."""
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is gone once the process has closed it
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)
