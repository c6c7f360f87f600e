"""Who may talk to the preview: this machine's own pages only.

A page of another site, opened in the writer's browser, can send requests to http://127.0.0.1:8000/: its
Origin header names that site. A DNS-rebinding page reaches the preview under a name of its own, which its
Host header carries. So a request is the preview's own when its Host is one of the preview's names
(127.0.0.1, localhost, [::1], with the preview's port) and its Origin, when the browser sends one, is that
same address over http. `foreign` says why a request is not; the editor's backend (generator/editor/) asks it
before any action, and any other handler of the preview may."""
from __future__ import annotations

from urllib.parse import urlsplit

LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
LOOPBACK = ("127.0.0.1", "::1", "::ffff:127.0.0.1")  # the addresses a request from this machine comes from


def own_hosts(port: int) -> frozenset[str]:
    """The Host headers of the preview's own pages."""
    return frozenset(f"{name}:{port}" for name in LOCAL_NAMES)


def foreign(host: str | None, origin: str | None, port: int) -> str | None:
    """Why a request with these Host and Origin headers does not come from the preview's own page (a
    sentence for the writer), else None."""
    allowed = own_hosts(port)
    if (host or "").lower() not in allowed:
        return f"the preview answers only at http://127.0.0.1:{port}/ (Host: {host!r})"
    if origin is not None:
        parts = urlsplit(origin)
        if parts.scheme != "http" or parts.netloc.lower() not in allowed:
            return f"the preview answers only its own pages, not {origin!r}"
    return None


def from_this_machine(remote_ip: str | None) -> bool:
    """Does a connection come from this machine (whatever address the preview listens on)?"""
    return (remote_ip or "") in LOOPBACK
