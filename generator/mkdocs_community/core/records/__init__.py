"""One typed model per record kind."""
