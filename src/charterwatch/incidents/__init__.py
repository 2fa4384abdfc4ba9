"""Civic-space incidents from news and NGO reports: extraction, de-duplication, scoring (docs/incidents.md)."""

from charterwatch.incidents.extraction.extract import extract, make_source
from charterwatch.incidents.model import Evidence, Incident, IncidentDate, Sanction, Source, Victim
from charterwatch.incidents.workflow.ingest import IngestReport, ingest
from charterwatch.incidents.workflow.merging import MergeRecord, merge_incidents, undo_merge

__all__ = [
    "Evidence",
    "Incident",
    "IncidentDate",
    "IngestReport",
    "MergeRecord",
    "Sanction",
    "Source",
    "Victim",
    "extract",
    "ingest",
    "make_source",
    "merge_incidents",
    "undo_merge",
]
