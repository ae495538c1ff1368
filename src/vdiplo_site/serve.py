"""``vdiplo-site serve``: build, then preview ``site/`` and rebuild when an input changes.

The address is checked before anything is built (a malformed ``--dev-addr``, an unknown host or
a port in use is one line and exit status 1, in well under a second). The preview is MkDocs'
own live-reload server (:class:`mkdocs.livereload.LiveReloadServer`) over the project's
``site/``; it watches ``sources/`` (texts, ``sources.yaml``, ``gazetteer/``) and ``mkdocs.yml``,
and on a change runs :func:`.build.build`, which re-reads only changed sources and re-renders
only changed pages, then reloads the open pages; the trees a rebuild replaced are removed a
little later, while nothing is being built. ``kb/`` and ``site/`` are outputs of that build,
so they are not watched (a hand edit of ``kb/`` would be replaced by the next build anyway).
A rebuild that fails prints its one-line error and keeps the previous site on show.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from .errors import VdiploError
from .project import Project
from .writer.swap import TrashRemoval

#: Seconds after a rebuild before the trees it replaced are removed (the open pages have reloaded).
TRASH_DELAY = 1.0
#: How often the watched inputs are looked at, in seconds (MkDocs' default, 0.5, is a sixth of
#: the time an edit may take to reach the page; a look at ``sources/`` costs well under 1 ms).
POLL_SECONDS = 0.1


class AddressError(VdiploError):
    """``--dev-addr`` is malformed, names an unknown host, or its port cannot be bound."""

    def __init__(self, address: str, problem: str) -> None:
        super().__init__(None, f"--dev-addr {address}: {problem}")


@dataclass(frozen=True)
class Address:
    """Where the preview listens. ``url`` is what a browser opens."""

    host: str
    port: int

    @property
    def url(self) -> str:
        """``http://host:port/`` (an IPv6 host in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def parse_address(text: str) -> Address:
    """``"host:port"`` (``"127.0.0.1:8000"``, ``"localhost:0"``, ``"[::1]:8000"``) as an
    :class:`Address`, validated as MkDocs validates ``dev_addr``, and the port from 0 to 65535.

    Raises:
        AddressError: anything else (``"8000"``, ``"localhost:http"``, ``"a:99999"``).
    """
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress

    try:
        value = IpAddress().validate(text)
        if not 0 <= value.port <= 65535:  # MkDocs lets any number through
            raise ValidationError(f"port {value.port} is not from 0 to 65535")
    except ValidationError as exc:
        raise AddressError(text, f"{exc} (expected host:port, e.g. 127.0.0.1:8000)") from None
    return Address(value.host.strip("[]"), value.port)


def check_bindable(address: Address) -> None:
    """Bind ``address`` once and release it, as the server will (SO_REUSEADDR set).

    Raises:
        AddressError: the host is unknown or the port is in use or not allowed, with the
            system's reason and what to do.
    """
    try:
        infos = socket.getaddrinfo(address.host, address.port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise AddressError(f"{address.host}:{address.port}", f"unknown host ({exc.strerror})") from None
    family, kind, proto, _, sockaddr = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(sockaddr)
        except OSError as exc:
            hint = (
                f"; stop the other server or choose another port, e.g. --dev-addr {address.host}:"
                f"{address.port + 1 if address.port < 65535 else 8000}"
            )
            raise AddressError(
                f"{address.host}:{address.port}", f"cannot listen there: {exc.strerror}{hint}"
            ) from None


def watched_paths(project: Project) -> tuple[str, ...]:
    """The inputs a preview rebuilds on: ``sources/`` (texts, manifest, gazetteer) and ``mkdocs.yml``."""
    return (str(project.root / "sources"), str(project.mkdocs_config))


def serve(
    project: Project,
    address: Address,
    build_site: Callable[[], None],
    stream: TextIO = sys.stdout,
) -> None:
    """Run ``build_site`` (it raises :class:`VdiploError` on bad input), then serve
    ``site/`` on ``address`` until interrupted, calling ``build_site`` again whenever a watched
    input changes. Check the address first (:func:`check_bindable`). The address and what is
    watched are printed on ``stream``; a failed rebuild's error on stderr.

    Raises:
        AddressError: before anything is built, if the address cannot be used.
        VdiploError: the first build failed (nothing is served).
    """
    from mkdocs.livereload import LiveReloadServer

    check_bindable(address)
    build_site()
    building = threading.Lock()  # a rebuild, or the removal of the trees the last one replaced

    def rebuild() -> None:
        with building:
            try:
                build_site()
            except VdiploError as exc:  # keep serving the previous site; say why it is unchanged
                print(f"vdiplo-site: {exc.one_line()} (still showing the previous site)", file=sys.stderr)
                return
        later = threading.Timer(TRASH_DELAY, _empty_trash, (project, building))
        later.daemon = True
        later.start()

    class Server(LiveReloadServer):
        def serve_forever(self, poll_interval: float = 0.5) -> None:
            # Listening, and the watcher has taken its first look at the inputs (MkDocs starts
            # it before this thread): a browser can connect and an edit from now on is seen.
            print(
                f"serving site/ on {self.url} (Ctrl+C to stop); rebuilding when sources/ or "
                "mkdocs.yml change",
                file=stream,
                flush=True,
            )
            super().serve_forever(poll_interval)

    server = Server(rebuild, address.host, address.port, str(project.site_dir), polling_interval=POLL_SECONDS)
    server.error_handler = lambda code: _error_page(project, code)
    for path in watched_paths(project):
        server.watch(path, recursive=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        print("stopped", file=stream)
    finally:
        server.shutdown()


def _empty_trash(project: Project, building: threading.Lock) -> None:
    """Remove the trees the last rebuild replaced (:class:`.writer.swap.TrashRemoval`), unless
    a rebuild is running: done while nothing is being built, not during the next rebuild (where
    a build does it), so that the next edit reaches the page sooner."""
    if building.acquire(blocking=False):
        try:
            with TrashRemoval(project.root):
                pass
        finally:
            building.release()


def _error_page(project: Project, code: int) -> bytes | None:
    """The site's own 404 page for a missing file."""
    page = project.site_dir / "404.html"
    return page.read_bytes() if code == 404 and page.is_file() else None
