"""English parts of the extraction pipeline: mentions, roles, groups, triggers, victims and the spaCy parse."""
