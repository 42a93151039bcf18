"""The error a build step raises on bad input or a failed step; the engine package reports it."""

from __future__ import annotations


class ErreurDeConstruction(Exception):
    """A build step cannot go on: the message, in French, says what and where."""


class ErreurDeMacro(ValueError):
    """A macro of a staff page called with a bad argument: the message names the call, in French."""
