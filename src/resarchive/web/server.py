"""Starting `resarchive serve`: bind the address, say it, run uvicorn until Ctrl+C."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from ..errors import ArchiveError, ResarchiveError
from ..i18n import _
from .sources import WebArchive


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one); ResarchiveError if it cannot."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ResarchiveError(
            _("cannot serve on {host}: {why}").format(host=host, why=exc.strerror)
        ) from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ResarchiveError(
            _(
                "cannot serve on {host}:{port}: {why} (another program may use the port: "
                "choose another with --port)"
            ).format(host=host, port=port, why=exc.strerror)
        ) from None
    sock.set_inheritable(True)
    return sock


def serve(
    root: str, host: str, port: int, say: Callable[[str], None], warn: Callable[[str], None]
) -> None:
    """Serve the archive at `root` until interrupted; `say` prints the address, `warn`
    the warning for an address other machines can reach."""
    import uvicorn

    from .app import LOOPBACK_NAMES, create_app

    archive = WebArchive(root)
    if not archive.structured.is_dir():
        raise ArchiveError(
            _(
                "no archive here: {folder} does not exist (ingest documents first, or give "
                "--archive)"
            ).format(folder=archive.structured)
        )
    local = is_loopback(host)
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if not local:
        warn(
            _(
                "serving on {host}: anyone who can reach this machine on port {port} can read "
                "and change the archive (there is no login)"
            ).format(host=host, port=bound)
        )
    say(
        _("Serving the archive {folder} at http://{host}:{port}/ (Ctrl+C stops)").format(
            folder=root, host=shown, port=bound
        )
    )
    allowed = [*LOOPBACK_NAMES, host] if local else ["*"]
    app = create_app(archive, allowed_hosts=allowed)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
