"""A rate limiter for public forms: at most N requests per window and client, kept in this process's memory.

A sliding window per (route, client address). In memory is enough for one server process; behind several
workers each keeps its own count, so the effective limit is N per worker. Use it as a dependency:
``Depends(rate_limited("proposal"))``; the limit and window come from ``WebSettings``.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Final

from fastapi import Request

from charterwatch.errors import CharterwatchError, E

MAX_CLIENTS: Final = 10_000  # forget the oldest clients beyond this, so memory stays bounded


class RateLimiter:
    """Sliding-window counts per key; ``hit(key)`` says whether one more request is allowed now."""

    def __init__(self, *, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            times = self._hits.pop(key, None) or deque()
            while times and times[0] <= now - self.window_s:
                times.popleft()
            allowed = len(times) < self.limit
            if allowed:
                times.append(now)
            self._hits[key] = times  # re-inserted last: dict order is least recently used first
            if len(self._hits) > MAX_CLIENTS:
                del self._hits[next(iter(self._hits))]
            return allowed

    def retry_after(self, key: str) -> float:
        with self._lock:
            times = self._hits.get(key)
            return max(0.0, times[0] + self.window_s - self._clock()) if times else 0.0


def client_key(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def rate_limited(scope: str) -> Callable[[Request], Awaitable[None]]:
    """Dependency factory: raise ``RATE_LIMITED`` (429) once this client used up ``scope``'s allowance."""

    async def dependency(request: Request) -> None:  # memory only: no trip through a worker thread
        limiter: RateLimiter = request.app.state.rate_limiter
        key = f"{scope}:{client_key(request)}"
        if not limiter.hit(key):
            raise CharterwatchError(E.RATE_LIMITED, seconds=int(limiter.retry_after(key)) + 1)

    dependency.__name__ = f"rate_limited_{scope}"
    return dependency
