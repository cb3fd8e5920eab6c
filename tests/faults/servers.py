"""Misbehaving network servers on loopback, for fault tests: real sockets, no patched libraries."""

from __future__ import annotations

import socket
import socketserver
import threading
from contextlib import contextmanager


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        behaviour = self.server.behaviour
        if behaviour == "refuse":
            # What a mail server says when it will not take mail now (RFC 5321 4.2.2).
            self.request.sendall(b"421 4.3.2 mx.test Service not available, closing channel\r\n")
        elif behaviour == "hang":
            # Accept, then say nothing: the client must give up on its own timeout.
            self.server.release.wait(30)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def smtp_server(behaviour: str):
    """A TCP server on 127.0.0.1 that refuses ("refuse") or never answers ("hang"); yields its port."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.behaviour = behaviour
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
