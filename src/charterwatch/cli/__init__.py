"""Command-line interface: thin commands over the domain packages."""
