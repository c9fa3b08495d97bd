"""``kg serve``: a SPARQL endpoint (and the workbench) over the graph."""

from __future__ import annotations

import click

from kg.cli.options import paths_argument, source_options
from kg.errors import KGError


@click.command("serve")
@paths_argument
@source_options
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS",
              help="The address to listen on; 127.0.0.1 lets only this machine in "
                   "(0.0.0.0: every network this machine is on).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              metavar="PORT",
              help="The port to listen on (0: any free port, which the first line names).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
              show_default=True, metavar="SECONDS", help="Stop each query after SECONDS.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              metavar="N",
              help="Send at most N rows (or triples) per answer; the X-KG-Cut header says "
                   "when a result was cut.")
@click.option("--max-concurrent", type=click.IntRange(1, 64), metavar="N",
              help="Queries that run at once, each in its own worker process.  "
                   "[default: one per core, 2 to 8]")
@click.option("--max-waiting", type=click.IntRange(min=0), default=64, show_default=True,
              metavar="N",
              help="Queries that may wait for a worker; beyond, clients get 503 and "
                   "Retry-After.")
@click.option("--allow-origin", metavar="ORIGIN",
              help="Let web pages from ORIGIN (e.g. https://yasgui.example.org, or *) query "
                   "the endpoint (CORS); off by default.")
def serve_command(paths, data, store, endpoint, host, port, timeout, max_rows, max_concurrent,
                  max_waiting, allow_origin) -> None:
    """Serve the graph over HTTP: a SPARQL 1.1 endpoint at /sparql.

    PATHS are RDF files or folders; given none (and no --store or
    --endpoint), every shipped scenario is served. Queries pass the same
    safety check as `kg query` (SERVICE, LOAD, updates and FROM of other
    graphs are refused with 400) and run in worker processes without
    network access, each stopped after --timeout. One JSON line per request
    goes to stderr (the query's hash, never its text).

    \b
    Examples:
      kg serve
      kg serve my-scenario/ --port 8080
      kg serve --store store/ --host 0.0.0.0 --allow-origin https://example.org
    """
    import logging
    import socket
    import sys

    import uvicorn

    from kg.server.app import DEFAULT_CONCURRENT, ServeConfig, create_app
    from kg.server.middleware import ACCESS_LOGGER

    if allow_origin and allow_origin != "*" and not _is_origin(allow_origin):
        raise click.BadParameter("expected an origin such as https://example.org (scheme, "
                                 "host and port only) or *", param_hint="--allow-origin")
    config = ServeConfig.for_source(
        tuple(data) + tuple(paths), store=store, endpoint=endpoint, timeout=timeout,
        max_rows=max_rows, max_concurrent=max_concurrent or DEFAULT_CONCURRENT,
        max_waiting=max_waiting, allow_origin=allow_origin)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, OverflowError) as err:
        sock.close()
        raise KGError(f"cannot listen on {host} port {port}: "
                      f"{getattr(err, 'strerror', None) or err}") from None
    sock.listen(2048)  # clients wait in the backlog while the data loads
    app = create_app(config)
    try:
        app.state.kg.pool.start()  # load the data and fork the workers before any thread
    except BaseException:
        sock.close()
        raise
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    local = host in ("127.0.0.1", "::1", "localhost")
    reach = ("local only: other machines cannot connect; --host 0.0.0.0 opens it" if local
             else "OPEN to other machines: anyone who reaches this address can query it")
    click.echo(f"kg serve: {config.describe()} at http://{shown}:{bound}/sparql ({reach})",
               err=True)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access = logging.getLogger(ACCESS_LOGGER)
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    access.propagate = False
    server = uvicorn.Server(uvicorn.Config(
        app, log_level="warning", access_log=False, proxy_headers=False, server_header=False,
        timeout_keep_alive=5, limit_concurrency=max(256, 4 * (config.max_concurrent
                                                              + config.max_waiting))))
    try:
        server.run(sockets=[sock])
    finally:
        app.state.kg.close()
        sock.close()


def _is_origin(text: str) -> bool:
    import re

    return re.fullmatch(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]+\]"
                        r"(:[0-9]{1,5})?", text) is not None
