"""The framework-free core: read files, validate, model the community."""
