"""What the build adds to the pages it does not generate: the context block of each resource.

The MkDocs events themselves are in :mod:`fabrique.moteur.evenements`.
"""

from __future__ import annotations

from . import adresses, guide
from .guide import page as guide_page
from .adresses import relative
from .model import Corpus, Ressource
from .facettes.page import facet_lines
from .render import Renderer, md_escape

#: Folder of ``overrides/`` that holds the page templates (not to be copied to the site).
TEMPLATES_FOLDER = "fabrique"


def context_block(ressource: Ressource, corpus: Corpus, renderer: Renderer | None, labels: dict[str, dict[str, str]]) -> str:
    """Where a resource belongs (territories, programmes, facets, kind index), appended to its page."""
    src = ressource.src_path
    lines = ["", '<div class="fabrique-contexte" markdown>', "", "## Contexte", ""]
    if ressource.territoires:
        links = ", ".join(f"[{md_escape(t.nom)}]({relative(src, t.src_path)})" for t in ressource.territoires)
        lines.append(f"- **Territoires** : {links}")
    if ressource.programmes:
        links = ", ".join(f"[{md_escape(p.nom)}]({relative(src, p.src_path)})" for p in ressource.programmes)
        lines.append(f"- **Programmes** : {links}")
    lines += facet_lines(ressource, labels)
    if ressource.type == "guide":
        for word, voisin in zip(("précédent", "suivant"), guide.voisins(corpus, ressource)):
            if voisin is not None:
                lines.append(f"- **Chapitre {word}** : [{md_escape(voisin.titre)}]({relative(src, voisin.src_path)})")
    genre = ressource.genre
    if genre is not None and genre.dossier:
        lines.append(f"- **Type** : [{md_escape(genre.pluriel)}]({relative(src, adresses.index(genre.dossier))})")
    lines += ["", "</div>"]
    if renderer is not None and genre is not None and genre.designation:
        lines += ["", guide_page.illustrees_par(renderer, src, ressource, genre.designation)]
    return "\n".join(lines)
