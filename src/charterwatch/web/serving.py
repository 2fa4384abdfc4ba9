"""How ``charterwatch serve`` runs uvicorn: cookies, proxy headers and TLS decided from the address it serves.

Plain http on a loopback address is a developer's own machine: cookies are then decided per request
(``web/cookies.py``). Anything else gets ``Secure`` cookies, and a warning when it is plain http, since browsers
will not send a Secure cookie back over http. ``X-Forwarded-Proto``/``-For`` are trusted only from the
addresses given as ``forwarded_allow_ips`` (uvicorn's option); without it uvicorn ignores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.web.cookies import is_loopback


@dataclass(frozen=True)
class ServePlan:
    """What ``serve`` passes on: the cookie setting (None: per request), uvicorn's options, warnings."""

    secure_cookies: bool | None
    uvicorn: dict[str, Any]
    warnings: tuple[str, ...]
    url: str


def plan_server(
    *,
    host: str,
    port: int,
    insecure_cookies: bool = False,
    forwarded_allow_ips: str | None = None,
    ssl_certfile: Path | None = None,
    ssl_keyfile: Path | None = None,
    secure_cookies: bool | None = None,
) -> ServePlan:
    """The plan for serving on ``host:port``; ``secure_cookies`` is the operator's setting, if any."""
    if (ssl_certfile is None) != (ssl_keyfile is None):
        raise CharterwatchError(E.BAD_REQUEST, reason="--ssl-certfile and --ssl-keyfile go together")
    tls = ssl_certfile is not None
    local = is_loopback(host)
    warnings: list[str] = []
    if insecure_cookies:
        secure: bool | None = False
    elif secure_cookies is not None:
        secure = secure_cookies
    else:
        secure = None if local and not tls else True
    if not local and not tls and forwarded_allow_ips is None:
        if secure is False:
            warnings.append(
                f"warning: serving plain http on {host} without Secure cookies: passwords and sessions "
                "cross the network unencrypted; use this only on a trusted network"
            )
        else:
            warnings.append(
                f"warning: serving plain http on {host}, not a loopback address: session cookies are Secure, "
                "so browsers keep them only over https; put a TLS proxy in front (with --forwarded-allow-ips), "
                "give --ssl-certfile and --ssl-keyfile, or --insecure-cookies on a trusted network"
            )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "proxy_headers": forwarded_allow_ips is not None,
        "forwarded_allow_ips": forwarded_allow_ips,
    }
    if tls:
        options |= {"ssl_certfile": str(ssl_certfile), "ssl_keyfile": str(ssl_keyfile)}
    shown = f"[{host}]" if ":" in host else host
    url = f"{'https' if tls else 'http'}://{shown}:{port}/"
    return ServePlan(secure_cookies=secure, uvicorn=options, warnings=tuple(warnings), url=url)


ACCESS_LOG_FORMAT = '%(asctime)s %(client_addr)s "%(request_line)s" %(status_code)s'


def log_config(*, access_log: bool) -> dict[str, Any]:
    """uvicorn's logging set-up with its start-up chatter off and, unless asked not to, one line per request.

    The access line is the common shape operators grep (time, client, request line, status); charterwatch
    prints its own address line, so uvicorn's "Started server process" lines only repeat it.
    """
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["uvicorn"]["level"] = "WARNING"
    config["loggers"]["uvicorn.error"]["level"] = "WARNING"
    config["loggers"]["uvicorn.access"]["level"] = "INFO" if access_log else "WARNING"
    config["formatters"]["access"]["fmt"] = ACCESS_LOG_FORMAT
    return config
