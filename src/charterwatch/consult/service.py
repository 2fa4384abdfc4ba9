"""The consultation's one Python API over the store, for the CLI and the web app alike.

Every function takes an open ``Session`` (the caller owns the transaction: ``store.session_scope``), returns
dataclasses or JSON-ready dicts, and raises ``CharterwatchError`` for bad input. The work is done in small
modules by concern; this module only gathers them so callers import from one place.
"""

from __future__ import annotations

from charterwatch.consult.arrivals import Arrival, arrival_status, route_one, submit_and_route
from charterwatch.consult.grouping import (
    DedupSummary,
    dedup_summary,
    merge_groups,
    run_dedup,
    run_themes,
    split_proposals,
    stored_themes,
    undo_merge,
)
from charterwatch.consult.reviews import history, review, statuses
from charterwatch.consult.routing import RouteSummary, override, route
from charterwatch.consult.store import ImportResult, all_proposals, import_proposals, submit_proposal
from charterwatch.consult.views import duplicate_groups, list_proposals, proposal_detail, queue, summary
from charterwatch.consult.workgroups import DEFAULT_GROUPS, group_loads, list_groups, load_groups

__all__ = [
    "DEFAULT_GROUPS",
    "Arrival",
    "DedupSummary",
    "ImportResult",
    "RouteSummary",
    "all_proposals",
    "arrival_status",
    "dedup_summary",
    "duplicate_groups",
    "group_loads",
    "history",
    "import_proposals",
    "list_groups",
    "list_proposals",
    "load_groups",
    "merge_groups",
    "override",
    "proposal_detail",
    "queue",
    "review",
    "route",
    "route_one",
    "run_dedup",
    "run_themes",
    "split_proposals",
    "statuses",
    "stored_themes",
    "submit_and_route",
    "submit_proposal",
    "summary",
    "undo_merge",
]
