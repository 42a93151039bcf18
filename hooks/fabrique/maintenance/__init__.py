"""Maintenance scripts: regenerate the derived data committed under ``data/``."""
