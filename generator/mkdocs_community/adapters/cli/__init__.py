"""The ``community`` command."""
