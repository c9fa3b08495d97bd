"""The one exception type of the library."""

from __future__ import annotations


class KGError(Exception):
    """An error a user can act on, located in a file and line where known.

    Parameters
    ----------
    message : str
        What is wrong, in one line.
    file : str, optional
        The file the error is in.
    line : int, optional
        The line of ``file``.

    Examples
    --------
    >>> str(KGError("syntax error: bad token", file="data/x.trig", line=12))
    'data/x.trig:12: syntax error: bad token'
    >>> str(KGError("no such file", file="missing.ttl"))
    'missing.ttl: no such file'
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return f"{where}{self.message}"
