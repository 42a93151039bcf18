"""mkdocs-macros: the variables and macros the staff pages may use."""

from __future__ import annotations

from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig


def enregistrer(config: MkDocsConfig, variables: dict[str, Any], macros: dict[str, Callable[..., str]]) -> None:
    """Give mkdocs-macros this build's variables and macros (``mkdocs serve`` registers them again)."""
    plugin = config.plugins.get("macros")
    if plugin is None:
        return
    current = getattr(plugin, "variables", None) or {}
    if "corpus" in current:
        current.update(variables)
    else:
        plugin.register_variables(variables)
    if all(name in (getattr(plugin, "macros", None) or {}) for name in macros):
        plugin.macros.update(macros)
        plugin.variables["macros"].update(macros)
        plugin.env.globals.update(macros)
    else:
        plugin.register_macros(macros)
