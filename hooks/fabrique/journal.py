"""The product's log: domain modules log here; the engine package relays it to the engine's log."""

from __future__ import annotations

import logging

log = logging.getLogger("fabrique")
