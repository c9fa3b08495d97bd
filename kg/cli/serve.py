"""``kg serve``: a SPARQL endpoint (and the workbench) over the graph."""

from __future__ import annotations

import click

from kg.cli.options import paths_argument, source_options
from kg.errors import KGError

#: What ``kg serve`` says when it listens beyond this machine.
OPEN_WARNING = ("kg serve: warning: on an untrusted network, put kg serve behind a reverse "
                "proxy (nginx, Caddy) that limits each client's connections; clients must "
                "name it 127.0.0.1, localhost, --host or an --allow-host NAME")


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
@click.option("--max-memory", type=click.IntRange(min=0), default=1024, show_default=True,
              metavar="MB",
              help="Memory each query may take in its worker above the loaded data; a query "
                   "that needs more gets a one-line error and its worker is replaced "
                   "(0: no bound).")
@click.option("--client-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
              show_default=True, metavar="SECONDS",
              help="Let a client go that keeps its connection waiting: its request line and "
                   "headers not whole within SECONDS of connecting or of the last answer, the "
                   "body of an answered request still coming, or none of an answer read for "
                   "SECONDS; so that slow clients cannot hold every connection.")
@click.option("--allow-origin", metavar="ORIGIN",
              help="Let web pages from ORIGIN (e.g. https://yasgui.example.org, or *) query "
                   "the endpoint (CORS); off by default.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests that name this server NAME (its Host header, e.g. "
                   "kg.example.org or *.example.org; * for any); repeatable. By default only "
                   "127.0.0.1, localhost, [::1] and --host are answered, others get 400.")
def serve_command(paths, data, store, endpoint, host, port, timeout, max_rows, max_concurrent,
                  max_waiting, max_memory, client_timeout, allow_origin, allow_hosts) -> None:
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
    import asyncio
    import logging
    import socket
    import sys

    import uvicorn

    from kg.server.app import DEFAULT_CONCURRENT, ServeConfig, create_app
    from kg.server.connection import deadline_protocol
    from kg.server.middleware import ACCESS_LOGGER

    if allow_origin and allow_origin != "*" and not _is_origin(allow_origin):
        raise click.BadParameter("expected an origin such as https://example.org (scheme, "
                                 "host and port only) or *", param_hint="--allow-origin")
    for name in allow_hosts:
        if not _is_host_pattern(name):
            raise click.BadParameter(f"expected a host name such as kg.example.org, "
                                     f"*.example.org, an IP address or *, not {name!r}",
                                     param_hint="--allow-host")
    config = ServeConfig.for_source(
        tuple(data) + tuple(paths), store=store, endpoint=endpoint, timeout=timeout,
        max_rows=max_rows, max_concurrent=max_concurrent or DEFAULT_CONCURRENT,
        max_waiting=max_waiting, allow_origin=allow_origin, max_memory=max_memory or None,
        host=host, allow_hosts=tuple(allow_hosts))
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
        asyncio.run(app.state.kg.start())  # a worker that cannot start is one line, here
    except BaseException:
        sock.close()
        raise
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    local = _is_loopback(host)
    reach = ("local only: other machines cannot connect; --host 0.0.0.0 opens it" if local
             else "OPEN to other machines: anyone who reaches this address can query it")
    address = f"http://{shown}:{bound}"
    click.echo(f"kg serve: {config.describe()}: the workbench at {address}/, SPARQL at "
               f"{address}/sparql ({reach})", err=True)
    if not local:
        click.echo(OPEN_WARNING, err=True)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access = logging.getLogger(ACCESS_LOGGER)
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    access.propagate = False
    server = uvicorn.Server(uvicorn.Config(
        app, http=deadline_protocol(client_timeout),
        log_level="warning", access_log=False, proxy_headers=False, server_header=False,
        timeout_keep_alive=5, limit_concurrency=max(256, 4 * (config.max_concurrent
                                                              + config.max_waiting))))
    try:
        server.run(sockets=[sock])
    finally:
        app.state.kg.close()
        sock.close()


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_host_pattern(text: str) -> bool:
    import re

    return text == "*" or re.fullmatch(
        r"(\*\.)?[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9\-]*"
        r"[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]", text) is not None


def _is_origin(text: str) -> bool:
    import re

    return re.fullmatch(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]+\]"
                        r"(:[0-9]{1,5})?", text) is not None
