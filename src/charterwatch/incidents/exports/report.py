"""``charterwatch incidents report``: every export of a set of incidents written into one folder.

| file | what |
| --- | --- |
| incidents_full.json, incidents_full.csv | every field, the review log and notes, private fields included |
| incidents_public.json, incidents_public.csv | the public editions (public.py), for publication |
| acled.csv | one row per incident in ACLED's columns (acled.py), from the public editions |
| stats_action.csv, stats_role.csv, stats_month.csv, stats_place.csv | counts and shares (stats.py) |
| summary.md | totals, review states, sanctions and the four tables |
| timeline.png, timeline.svg | incidents by action and date (chart.py) |

Every file but ``incidents_full.*`` is public: the statistics, summary and chart count the public editions,
so a withheld date or place is counted as not given. Which incidents go in is the caller's choice; the
command line chooses the published ones (visibility.py's ``PUBLISHED``) unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.exports.acled import to_acled_csv
from charterwatch.incidents.exports.chart import write_timeline
from charterwatch.incidents.exports.exports import cited_sources, to_csv, to_json
from charterwatch.incidents.exports.stats import DIMENSIONS, summary_markdown, table
from charterwatch.incidents.model import Incident, Source
from charterwatch.incidents.workflow.public import public_editions


def write_report(
    incidents: Sequence[Incident],
    sources: Sequence[Source],
    out: Path,
    *,
    chart: bool = True,
    words: frozenset[str] = frozenset(),
) -> list[Path]:
    """Write every export of ``incidents`` into the folder ``out`` (made if missing); returns the paths.
    ``words`` are the private name words of the incidents of the store left out of the report (the command
    line passes ``visibility.public_words``), so a quote or title naming them is left out too."""
    cited = cited_sources(incidents, sources)
    public = public_editions(incidents, words=words)
    texts = {
        "incidents_full.json": to_json(incidents, cited, edition="full"),
        "incidents_full.csv": to_csv(incidents, cited, edition="full"),
        "incidents_public.json": to_json(incidents, cited, edition="public", words=words),
        "incidents_public.csv": to_csv(incidents, cited, edition="public", words=words),
        "acled.csv": to_acled_csv(incidents, cited, words=words),
        **{f"stats_{d}.csv": table(public, d).to_csv() for d in DIMENSIONS},
        "summary.md": summary_markdown(public, sources=len(cited)),
    }
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in texts.items():
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
        if chart:
            written += write_timeline(public, out / "timeline")
    except OSError as e:
        raise CharterwatchError(E.CANNOT_WRITE, path=str(out), reason=e.strerror or str(e)) from e
    return written
