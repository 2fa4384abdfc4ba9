"""A response cache for anonymous readers: a pure ASGI middleware, so a hit costs no routing, no session, no SQL.

Only ``GET`` requests with no session cookie and no ``Authorization`` header are looked up or stored, and only
``200`` responses that set no cookie and do not say ``no-store``. A page without a form sets no cookie for such a
visitor (render.py makes the CSRF token only when a form prints it), so a response with a per-session token is
never kept. Keys are the path, query string, whether the client wants JSON, and the reader's language; entries are bounded in number
and bytes, least recently used first out.

An entry is stale as soon as the store may have changed: any unsafe request through this process bumps a
counter; on SQLite, ``PRAGMA data_version`` on a read-only connection of our own changes when any other
connection (another worker, the CLI) commits; on other databases an entry lives at most ``ttl_s`` seconds.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charterwatch.web.language import scope_language

SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
MAX_ENTRY_FRACTION: Final = 8  # one response may take at most this fraction of the byte budget
Key = tuple[str, bytes, bool, str]


@dataclass(frozen=True)
class Entry:
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes
    generation: tuple[int, int]
    made: float


class StoreGeneration:
    """A number that changes whenever the store may have: local writes, and SQLite commits by anyone."""

    def __init__(self, engine: Engine) -> None:
        self.writes = 0
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        database = engine.url.database
        if engine.url.get_backend_name() == "sqlite" and database and database != ":memory:":
            self._connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, check_same_thread=False)
            weakref.finalize(self, self._connection.close)

    @property
    def exact(self) -> bool:
        """Whether commits from other processes are seen (SQLite), so no time limit is needed."""
        return self._connection is not None

    def current(self) -> tuple[int, int]:
        if self._connection is None:
            return (self.writes, 0)
        with self._lock:
            row = self._connection.execute("PRAGMA data_version").fetchone()
        return (self.writes, int(row[0]))

    def bump(self) -> None:
        self.writes += 1


class ResponseCache:
    """The entries, bounded in number and bytes; thread-safe (TestClient and uvicorn call from any thread)."""

    def __init__(self, *, entries: int, max_bytes: int) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self.size = 0
        self._items: OrderedDict[Key, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Entry | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is not None:
                self._items.move_to_end(key)
            return entry

    def put(self, key: Key, entry: Entry) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            self.size -= len(old.body) if old else 0
            self._items[key] = entry
            self.size += len(entry.body)
            while self._items and (len(self._items) > self.entries or self.size > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._items)


class ResponseCacheMiddleware:
    """Serve anonymous ``GET``s from memory while the store is unchanged; see the module docstring."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        engine: Engine,
        session_cookie: str,
        entries: int = 512,
        max_bytes: int = 32_000_000,
        ttl_s: float = 5.0,
    ) -> None:
        self.app = app
        self.cache = ResponseCache(entries=entries, max_bytes=max_bytes)
        self.generation = StoreGeneration(engine)
        self.ttl_s = None if self.generation.exact else ttl_s
        self.enabled = entries > 0 and max_bytes > 0
        self._cookie = session_cookie.encode() + b"="

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.enabled:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method not in SAFE_METHODS:
            try:
                await self.app(scope, receive, send)
            finally:
                self.generation.bump()
            return
        headers = dict(scope["headers"])
        if method != "GET" or b"authorization" in headers or self._cookie in headers.get(b"cookie", b""):
            await self.app(scope, receive, send)
            return
        accept = headers.get(b"accept", b"")
        key: Key = (
            scope["path"],
            scope["query_string"],
            b"application/json" in accept and b"text/html" not in accept,
            scope_language(scope),  # pages are written in the reader's language (web/language.py)
        )
        generation = self.generation.current()
        entry = self.cache.get(key)
        if entry is not None and self._fresh(entry, generation):
            await self._replay(entry, headers.get(b"if-none-match"), send)
            return
        await self.app(scope, receive, self._recorder(key, generation, send))

    def _fresh(self, entry: Entry, generation: tuple[int, int]) -> bool:
        if entry.generation != generation:
            return False
        return self.ttl_s is None or time.monotonic() - entry.made < self.ttl_s

    async def _replay(self, entry: Entry, if_none_match: bytes | None, send: Send) -> None:
        if if_none_match is not None and entry.etag in if_none_match.split(b", "):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", entry.etag)]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body})

    def _recorder(self, key: Key, generation: tuple[int, int], send: Send) -> Send:
        """``send``, keeping a copy of a cacheable response and storing it once complete."""
        limit = self.cache.max_bytes // MAX_ENTRY_FRACTION
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def record(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                if _cacheable(message):
                    start = message
                    message = {**message, "headers": _with_revalidate(message["headers"])}
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > limit:
                    start = None
                    chunks.clear()
                elif not message.get("more_body", False):
                    self._store(key, generation, start, b"".join(chunks))
            await send(message)

        return record

    def _store(self, key: Key, generation: tuple[int, int], start: Message, body: bytes) -> None:
        headers = _with_revalidate(start["headers"])
        etag = next((value for name, value in headers if name.lower() == b"etag"), None)
        if etag is None:  # static files bring their own
            etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
            headers.append((b"etag", etag))
        self.cache.put(key, Entry(headers, body, etag, generation, time.monotonic()))


# A browser may keep a copy but must ask again each time (cheap: an unchanged page is a 304 by its ETag); the
# answer differs with a session or token, so shared caches key on them too.
_REVALIDATE: Final = (
    (b"cache-control", b"no-cache"),
    (b"vary", b"Accept, Accept-Language, Cookie, Authorization"),
)


def _with_revalidate(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` with ours: a Cache-Control of its own is kept, a Vary replaced by ours (a superset)."""
    kept = [(name, value) for name, value in headers if name.lower() != b"vary"]
    given = {name.lower() for name, _ in kept}
    return [*kept, *((name, value) for name, value in _REVALIDATE if name not in given)]


def _cacheable(start: Message) -> bool:
    if start["status"] != 200:
        return False
    for name, value in start["headers"]:
        lowered, value = name.lower(), value.lower()
        if lowered == b"set-cookie" or (lowered == b"cache-control" and b"no-store" in value):
            return False
        if lowered == b"vary" and not set(value.replace(b" ", b"").split(b",")) <= _VARY_KEYED:
            return False  # the response depends on something the key does not hold
    return True


_VARY_KEYED: Final = frozenset({b"accept", b"accept-language", b"cookie", b"authorization"})
