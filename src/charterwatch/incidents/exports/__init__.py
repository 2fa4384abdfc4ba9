"""Exports of stored incidents: JSON and CSV editions, the ACLED-like table, counts, the timeline chart, a report folder."""
