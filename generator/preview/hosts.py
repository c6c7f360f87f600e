"""Who may talk to the preview. A page of another site must never read the preview (drafts, embargoed
stories) through DNS rebinding (its own name pointed at 127.0.0.1), nor talk to the live-reload socket or the
editor from another origin.

Two levels:
- the preview's pages: a request is answered when its Host is localhost, an IP address (a rebinding needs a
  name), or the name the preview was started with (--host), with the preview's port; else 421 (Misdirected
  Request). `allowed`, `allowed_origin`.
- the editor (generator/editor/), which writes the site's files: only this machine's own pages, at
  127.0.0.1, localhost or [::1] with the preview's port, and an Origin, when the browser sends one, that is
  that same address over http. `foreign` says why a request is not; `from_this_machine` checks the
  connection's address (whatever address the preview listens on)."""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
LOOPBACK = ("127.0.0.1", "::1", "::ffff:127.0.0.1")  # the addresses a request from this machine comes from


def allowed(netloc: str, port: int, started_with: str = "") -> bool:
    """Is `netloc` ("host:port", as in a Host header or an Origin's address) one of the preview's own?"""
    try:
        parts = urlsplit(f"//{netloc}")
        host, given_port = (parts.hostname or ""), parts.port
    except ValueError:
        return False
    if given_port != port or parts.username is not None or parts.password is not None:
        return False
    if host in ("localhost", started_with.lower().strip("[]")) and host:
        return True
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def allowed_origin(origin: str, port: int, started_with: str = "") -> bool:
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and allowed(parts.netloc, port, started_with)


def own_hosts(port: int) -> frozenset[str]:
    """The Host headers of the preview's own pages on this machine (the editor's only)."""
    return frozenset(f"{name}:{port}" for name in LOCAL_NAMES)


def foreign(host: str | None, origin: str | None, port: int) -> str | None:
    """Why a request with these Host and Origin headers does not come from the preview's own page on this
    machine (a sentence for the writer), else None."""
    local = own_hosts(port)
    if (host or "").lower() not in local:
        return f"the preview answers only at http://127.0.0.1:{port}/ (Host: {host!r})"
    if origin is not None:
        parts = urlsplit(origin)
        if parts.scheme != "http" or parts.netloc.lower() not in local:
            return f"the preview answers only its own pages, not {origin!r}"
    return None


def from_this_machine(remote_ip: str | None) -> bool:
    """Does a connection come from this machine (whatever address the preview listens on)?"""
    return (remote_ip or "") in LOOPBACK
