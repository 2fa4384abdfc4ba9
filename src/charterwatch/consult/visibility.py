"""What an audience may see of a stored proposal: the one rule for the submitter's contact.

A contact (an e-mail address, a phone number) is given to the commission only: staff (analysts, admins, the
CLI's ``--private``) read it, the public and working groups never do, in no page, list, report or export.
Every view of a single proposal goes through :func:`proposal_view`; lists and reports read proposals with
``to_proposal(row)``, which leaves the contact out, and the contact column is deferred, so it is not even
loaded unless asked for.
"""

from __future__ import annotations

from typing import Any

from charterwatch.audience import Audience
from charterwatch.consult.models import ProposalRow
from charterwatch.consult.store import to_proposal


def contact_for(row: ProposalRow, audience: Audience) -> str | None:
    """The submitter's contact if ``audience`` may read it, else None."""
    return row.contact if audience.sees_private else None


def proposal_view(row: ProposalRow, audience: Audience) -> dict[str, Any]:
    """One stored proposal as ``audience`` may read it: ``Proposal.to_dict``, with ``contact`` for staff only."""
    private = audience.sees_private
    return to_proposal(row, private=private).to_dict(private=private)
