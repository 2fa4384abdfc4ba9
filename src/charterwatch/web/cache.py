"""A small per-process cache of page contexts that are slow to build (an audit takes a second or more).

Keys include the store's fingerprint (every version's id and checksum), so a new or re-imported version makes
old entries unreachable; the least recently used entries are dropped beyond the settings' ``cache_entries``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from charterwatch.store.models import Version

T = TypeVar("T")


class ContextCache:
    def __init__(self, *, entries: int) -> None:
        self.entries = entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}  # one lock per key being made, so it is made once

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """The cached value for ``key``, or ``make()`` stored under it; one thread makes it, the others wait."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                cached: T = self._values[key]
                return cached
            making = self._making.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                if key in self._values:
                    made: T = self._values[key]
                    return made
            try:
                value = make()
            except BaseException:
                with self._lock:
                    self._making.pop(key, None)
                raise
            with self._lock:
                self._values[key] = value
                self._making.pop(key, None)
                while len(self._values) > self.entries:
                    self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def store_fingerprint(session: Session) -> tuple[tuple[int, str], ...]:
    """Every stored version's id and source checksum: what the text pages' contexts depend on."""
    return tuple(
        (int(i), str(c))
        for i, c in session.execute(select(Version.id, Version.checksum).order_by(Version.id))
    )
