"""The engine's log: MkDocs counts the warnings of its own loggers (``--strict``); the product's
log (:mod:`fabrique.journal`) is relayed there."""

from __future__ import annotations

import logging

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("fabrique")


class _Relais(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


def relier() -> None:
    """Send the product's log to MkDocs' (once per process)."""
    produit = logging.getLogger("fabrique")
    if not any(isinstance(h, _Relais) for h in produit.handlers):
        produit.addHandler(_Relais())
        produit.propagate = False
