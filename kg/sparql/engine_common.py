"""What the engines share: the time limit and its message, and the word on updates.

A local query with a time limit runs in a forked worker process that is
killed when time is up; a remote query gives up waiting.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.errors import KGError

#: Why an in-memory engine refuses an update.
MEMORY_UPDATE = ("updates change an on-disk store only: load it with "
                 "`kg load FILES --store DIR`, then `kg query --store DIR --update`")


def timeout_message(timeout: float) -> str:
    return (f"query stopped after {timeout:g} s (--timeout); "
            "narrow it, add a LIMIT or allow more time")


def call_with_timeout(fn: Callable[[], object], timeout: float | None):
    """``fn()`` in a forked worker process, killed after ``timeout`` seconds.

    Without a timeout, ``fn`` runs here. A :class:`KGError` raised in the
    worker is raised again here.

    Examples
    --------
    >>> call_with_timeout(lambda: 6 * 7, 5.0)
    42
    """
    if timeout is None:
        return fn()
    if timeout <= 0:
        raise KGError("--timeout must be a positive number of seconds")
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_worker, args=(fn, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise KGError(timeout_message(timeout))
        status, payload = receiver.recv()
    except EOFError:
        raise KGError("the query worker stopped without an answer") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    if status == "error":
        message, file, line = payload
        raise KGError(message, file=file, line=line)
    return payload


def _worker(fn, sender) -> None:
    try:
        sender.send(("ok", fn()))
    except KGError as err:
        sender.send(("error", (err.message, err.file, err.line)))
    except Exception as err:  # reported to the parent as one line
        sender.send(("error", (f"{type(err).__name__}: {err}", None, None)))
    finally:
        sender.close()
