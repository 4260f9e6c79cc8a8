"""One module per section of the site; site.py composes them."""
