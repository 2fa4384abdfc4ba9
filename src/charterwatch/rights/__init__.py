"""Rights audit: limitation clauses, grounds and safeguards against the ICCPR.

Importing the package registers the built-in rules (``iccpr_grounds.v2``) in ``charterwatch.rights.rules``.
"""

from charterwatch.rights import grounds as _grounds  # noqa: F401  (registers the rule)
from charterwatch.rights import safeguards as _safeguards  # noqa: F401  (registers the rule)
