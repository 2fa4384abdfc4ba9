"""The timeline chart: one row per action, one mark per incident at its date, in PNG and SVG.

A date known to the day is a dot; one known to the month is a bar over that month, one known to the year a
pale bar over the year, so a coarse date never looks more precise than the text made it. Undated incidents
are counted in the title. Drawn with matplotlib's Agg canvas (no display needed); the files carry no
creation date, so the same incidents give the same files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from charterwatch.incidents.exports.stats import Countable
from charterwatch.incidents.extraction.lexicon import lexicon
from charterwatch.incidents.model import IncidentDate

_EPOCH = dt.date(1970, 1, 1)
COLOURS = {"day": "#b2182b", "month": "#ef8a62", "year": "#fddbc7"}


def _span(date: IncidentDate) -> tuple[dt.date, dt.date]:
    year = int(date.value[:4])
    if date.precision == "year":
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    month = int(date.value[5:7])
    start = dt.date(year, month, int(date.value[8:10]) if date.precision == "day" else 1)
    if date.precision == "day":
        return start, start
    return start, dt.date(year + month // 12, month % 12 + 1, 1)


def _days(day: dt.date) -> float:
    """Matplotlib's date number: days since its default epoch, 1970-01-01."""
    return float((day - _EPOCH).days)


def write_timeline(
    incidents: Sequence[Countable], out: Path, *, title: str = "Civic-space incidents"
) -> list[Path]:
    """Write ``out`` with the suffixes .png and .svg; returns both paths."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    dated = [i for i in incidents if i.date]
    severity = lexicon("en").severity
    actions = sorted({i.action for i in dated}, key=lambda a: (-severity.get(a, 99), a))
    row = {a: k for k, a in enumerate(actions)}
    with rc_context({"svg.hashsalt": "charterwatch", "font.size": 9}):
        figure = Figure(figsize=(10, 1.2 + 0.45 * max(len(actions), 1)), layout="constrained")
        axes = figure.add_subplot()
        marks = Counter((i.action, i.date.precision, *_span(i.date)) for i in incidents if i.date)
        for (action, precision, start, end), count in sorted(marks.items()):
            y, colour = row[action], COLOURS[precision]
            if start == end:
                axes.plot([_days(start)], [y], "o", color=colour, markersize=6, alpha=0.85, zorder=3)
            else:
                width = (end - start).days
                axes.barh(y, width, left=_days(start), height=0.5, color=colour, alpha=0.7, zorder=2)
            if count > 1:
                axes.annotate(
                    f"×{count}", (_days(end), y), xytext=(4, 3), textcoords="offset points", fontsize=7
                )
        axes.margins(x=0.03)
        axes.set_yticks(range(len(actions)), [a.replace("_", " ") for a in actions])
        axes.set_ylim(-0.7, len(actions) - 0.3)
        axes.xaxis_date()
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        undated = len(incidents) - len(dated)
        axes.set_title(
            f"{title}: {len(dated)} dated" + (f", {undated} undated (not shown)" if undated else ""),
            loc="left",
        )
        figure.legend(
            handles=[
                Patch(color=COLOURS[p], label=f"date known to the {p}") for p in ("day", "month", "year")
            ],
            loc="outside lower center",
            ncols=3,
            frameon=False,
        )
        paths = [out.with_suffix(".png"), out.with_suffix(".svg")]
        figure.savefig(paths[0], dpi=150, metadata={"Software": None})
        figure.savefig(paths[1], metadata={"Date": None})
    return paths
