"""A Rich progress bar over Dask futures: one line per stage, advanced as each partition's task finishes.

Disabled, it only waits; so library calls and tests run the same code as the CLI, without drawing.
"""

from __future__ import annotations

from types import TracebackType
from typing import TypeVar

from distributed import as_completed, futures_of, wait
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

T = TypeVar("T")


class Tracker:
    """``wait(label, collection)`` blocks until every future behind ``collection`` is done, and shows it."""

    def __init__(self, *, enabled: bool, console: Console | None = None) -> None:
        self.progress = (
            Progress(
                TextColumn("{task.description:<8}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console or Console(stderr=True),
                transient=False,
            )
            if enabled
            else None
        )

    def __enter__(self) -> Tracker:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def wait(self, label: str, collection: T) -> T:
        futures = futures_of(collection)
        if self.progress is None or not futures:
            wait(futures)
            return collection
        task = self.progress.add_task(label, total=len(futures))
        for _ in as_completed(futures):
            self.progress.advance(task)
        return collection
