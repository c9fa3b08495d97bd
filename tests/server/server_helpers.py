"""A real `kg serve` on 127.0.0.1 on a free port, started and stopped by PID."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

#: Every triple joined with every triple three times over: runs for hours.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Server:
    """`kg serve ARGS --port 0`, its stderr in ``log``; ``url`` is its /sparql."""

    def __init__(self, *args: str, log: Path):
        self.log = log
        self._stderr = open(log, "wb")  # a file, so that a full pipe never stalls the server
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", "0",
             *args],
            stdout=subprocess.DEVNULL, stderr=self._stderr)
        self.first_line = self._wait_for_line()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", self.first_line)
        assert found, self.first_line
        self.base = f"http://127.0.0.1:{found.group(1)}"
        self.url = self.base + "/sparql"

    def _wait_for_line(self, seconds: float = 60.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = self.log.read_text(errors="replace")
            if "\n" in text:
                return text.split("\n", 1)[0]
            if self.process.poll() is not None:
                raise AssertionError(f"kg serve stopped: {text}")
            time.sleep(0.05)
        raise AssertionError("kg serve said nothing within a minute")

    def get(self, params=None, headers=None, timeout: float = 30.0, path: str = "/sparql"):
        return httpx.get(self.base + path, params=params, headers=headers, timeout=timeout)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()
