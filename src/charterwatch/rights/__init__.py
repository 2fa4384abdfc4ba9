"""Rights audit: limitation clauses and safeguards against the ICCPR (to come)."""
