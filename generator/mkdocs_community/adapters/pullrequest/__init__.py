"""``community check-pr``: who may change what in a pull request."""
