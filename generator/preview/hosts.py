"""The host names the preview answers to: a page of another site must never read the preview (drafts,
embargoed stories) through DNS rebinding (its own name pointed at 127.0.0.1), nor talk to the live-reload
socket from another origin.

A request is answered when its Host is localhost, an IP address (a rebinding needs a name), or the name the
preview was started with (--host), with the preview's port; else 421 (Misdirected Request)."""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


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
