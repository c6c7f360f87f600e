"""The preview answers only its own host names: the real `serve`, asked with a foreign Host (DNS rebinding:
another site's name pointed at 127.0.0.1) or a foreign Origin on the live-reload socket, says no; a NUL in
an address is a plain 400, not a traceback."""
from __future__ import annotations

import base64
import os
import socket

import pytest

from generator.preview import hosts
from tests.sites import article, write_site
from tests.support.serving import Server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("hosts") / "site", "-- content/ar/2024/06/secret.md --\n"
                      + article("خبر محظور النشر", "2024-06-26", draft=True))
    s = Server(site, "--no-search")
    yield s
    s.stop()


def ask(port: int, path: str, headers: dict) -> tuple[int, bytes]:
    """One raw HTTP/1.1 request (the Host header exactly as given): (status, whole response)."""
    headers = {"Connection": "close", **headers}
    lines = [f"GET {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall("\r\n".join(lines).encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            if _ and (data.startswith(b"HTTP/1.1 101") or len(body) >= length(head)):
                break  # whole (an accepted websocket, or a kept-alive connection, stays open)
    return int(data.split(b" ", 2)[1]), data


def length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 1 << 62  # until the server closes


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}"])
def test_its_own_host_names_are_answered(server, host):
    status, data = ask(server.port, "/ar/2024/06/secret/", {"Host": host.format(port=server.port)})
    assert status == 200 and "خبر محظور النشر".encode() in data


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "localhost:1", "127.0.0.1.evil.example:{port}",
                                  "user@localhost:{port}", ""])
def test_another_host_name_is_refused(server, host):
    status, data = ask(server.port, "/ar/2024/06/secret/", {"Host": host.format(port=server.port)})
    assert status in (400, 421)
    assert "خبر محظور النشر".encode() not in data


def websocket(port: int, origin: str) -> int:
    key = base64.b64encode(os.urandom(16)).decode()
    status, _ = ask(port, "/livereload", {"Host": f"127.0.0.1:{port}", "Upgrade": "websocket", "Connection": "Upgrade",
                                          "Sec-WebSocket-Key": key, "Sec-WebSocket-Version": "13", "Origin": origin})
    return status


def test_the_live_reload_socket_checks_origin(server):
    assert websocket(server.port, f"http://127.0.0.1:{server.port}") == 101
    assert websocket(server.port, f"http://localhost:{server.port}") == 101
    assert websocket(server.port, "http://evil.example") == 403
    assert websocket(server.port, f"http://evil.example:{server.port}") == 403


@pytest.mark.parametrize("path", ["/ar/%00", "/ar/%00/index.html", "/%00"])
def test_a_nul_in_an_address_is_a_plain_400(server, path):
    status, data = ask(server.port, path, {"Host": f"127.0.0.1:{server.port}"})
    assert status == 400
    assert b"Traceback" not in data
    assert not any("Traceback" in line for line in server.drain())


def test_host_rules():
    assert hosts.allowed("127.0.0.1:8000", 8000) and hosts.allowed("[::1]:8000", 8000)
    assert hosts.allowed("192.168.1.5:8000", 8000)  # an address: no name to rebind
    assert hosts.allowed("laptop.local:8000", 8000, "laptop.local")  # the name it was started with
    assert not hosts.allowed("laptop.local:8000", 8000)
    assert not hosts.allowed("127.0.0.1:8001", 8000) and not hosts.allowed("localhost", 8000)
    assert not hosts.allowed("localhost:80:8000", 8000)
