"""Who reads: the public (anonymous readers, ``public`` users, exports meant for publication) or staff.

Each domain decides what an audience may see of its records in one place (incidents/workflow/visibility.py,
consult/visibility.py); the web app maps a viewer to an audience once (``web.auth.audience_of``).
"""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    PUBLIC = "public"
    STAFF = "staff"  # analysts and admins, the CLI's full editions: private fields included

    @property
    def sees_private(self) -> bool:
        return self is Audience.STAFF
