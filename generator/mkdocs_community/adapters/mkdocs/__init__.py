"""The MkDocs adapter: options, hooks, build shortcuts."""
