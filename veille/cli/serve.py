"""`veille serve`: the read-only web view in a browser (Starlette + uvicorn)."""

from __future__ import annotations

import ipaddress
import socket

import typer

from veille.cli.common import console, err_console, fail, friendly_errors, state

EXAMPLE = ("Example: veille serve   (then open http://127.0.0.1:8150/; on a network: "
           "veille serve --host 0.0.0.0 --allow-network --token \"$(openssl rand -hex 16)\")")
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8150, "--port", help="Port to listen on (0: any free port)."),
    reports_dir: str = typer.Option(None, "--reports-dir", help="Folder of your own reports (or VEILLE_REPORTS_DIR)."),
    token: str = typer.Option(None, "--token", envvar="VEILLE_TOKEN", show_envvar=True,
                              help="Require this token on every page (give it once as ?token=T, or "
                                   "Authorization: Bearer T)."),
    allow_network: bool = typer.Option(False, "--allow-network",
                                       help="Allow a --host other than this machine (anyone who can reach it "
                                            "can read the database: use --token)."),
) -> None:
    """Browse the database in a web browser: search, articles with their evidence, actors, events,
    reports and a read-only SQL box. Nothing can be changed from the browser."""
    import uvicorn

    from veille import config
    from veille.web import create_app

    loopback = is_loopback(host)
    if not loopback and not allow_network:
        fail(f"--host {host} would let other machines read the database: add --allow-network "
             "(and --token) if that is what you want", code=2)
    if not 0 <= port <= 65535:
        fail("--port must be between 0 and 65535", code=2)
    with friendly_errors():
        db = state(ctx).db
        db.require_schema()
        folder = config.reports_dir(reports_dir)
        app = create_app(db, reports_dir=folder, token=token or None,
                         allowed_hosts=LOOPBACK_NAMES if loopback else None)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        fail(f"cannot listen on {host}:{port} ({exc.strerror or exc}): choose another --port", code=1)
    sock.listen(128)
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if not loopback:
        err_console.print(f"Warning: listening on {host}: anyone who can reach this machine on port {port} "
                          f"can read the database{'' if token else ', and no --token is set'}.", markup=False)
    where = "embedded server" if db.embedded_home else db.display_url
    console.print(f"veille serve: http://{shown}:{port}/ (read-only view of the {where}; Ctrl-C stops)",
                  markup=False, soft_wrap=True)
    if token:
        console.print(f"First visit: http://{shown}:{port}/?token=…  (the token you gave)", markup=False)
    server = uvicorn.Server(uvicorn.Config(app, log_level=config.log_level(),
                                           access_log=False, proxy_headers=False, server_header=False))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        db.dispose()
    console.print("Stopped.")
