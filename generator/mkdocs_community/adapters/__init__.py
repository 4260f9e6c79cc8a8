"""The ways in: the MkDocs plugin, the command line, the pull-request check."""
