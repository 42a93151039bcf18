"""mkdocs-macros: the variables and macros the staff pages may use."""

from __future__ import annotations

import functools
import re
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig

from ..erreurs import ErreurDeMacro


class Appels:
    """The macro calls of this build that failed on a bad argument, page by page.

    mkdocs-macros turns any exception of a macro into a warning with a Python traceback; a
    staff page that calls ``propositions("visio")`` gets instead, from the engine, one French
    line with the page and the line of the call (:meth:`message`)."""

    def __init__(self) -> None:
        self.page: str | None = None
        self.erreurs: dict[str, list[tuple[str, str]]] = {}

    def garder(self, nom: str, macro: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(macro)  # keeps Jinja's pass_context mark
        def appel(*args: Any, **kwargs: Any) -> str:
            try:
                return macro(*args, **kwargs)
            except ErreurDeMacro as erreur:
                self.erreurs.setdefault(self.page or "", []).append((nom, str(erreur)))
                return ""

        return appel

    def message(self, src_uri: str, shown: str, source: str) -> str:
        """``docs/guide/vision.md:15: propositions(« visio ») : …`` for each failed call of the page
        (``shown``: its path from the project's root; ``source``: its file, front matter included)."""
        found = self.erreurs.pop(src_uri, [])
        lines = source.splitlines()
        shown_lines = []
        for nom, texte in found:
            line = next((i for i, l in enumerate(lines, 1) if re.search(rf"\b{re.escape(nom)}\s*\(", l)), 1)
            shown_lines.append(f"{shown}:{line}: {texte}")
        return "\n".join(shown_lines)


def enregistrer(config: MkDocsConfig, variables: dict[str, Any], macros: dict[str, Callable[..., str]], appels: Appels) -> None:
    """Give mkdocs-macros this build's variables and macros (``mkdocs serve`` registers them again)."""
    plugin = config.plugins.get("macros")
    if plugin is None:
        return
    macros = {nom: appels.garder(nom, macro) for nom, macro in macros.items()}
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
