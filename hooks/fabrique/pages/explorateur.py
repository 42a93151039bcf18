"""The explorer: every resource and territory, filtered in the browser on a compact index.

The page's HTML holds only the first :data:`PREMIERES` entries (the list a reader without
JavaScript sees, with links to the paginated A–Z and to the indexes) and the filters, drawn at
their final size so that nothing moves when the script shows them; the script draws the whole
filtered list from the index. The index is written twice: ``corpus.json``
for reuse, and ``corpus.js`` (the same data assigned to :data:`VARIABLE`), which the page loads
with ``<script src>``: a browser refuses ``fetch`` on ``file://``, not a script, so the explorer
also works in the offline copy.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import replace
from typing import Any, Iterator

from .. import adresses
from ..adresses import href
from ..cartes import carte, champs
from ..facettes import DOSSIER, EXPLORER_FACETS, Entree, Facette, entrees, facettes, values_of
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage

PATH = "explorer/index.md"
INDEX = "explorer/corpus.json"
SCRIPT = "explorer/corpus.js"
#: The global variable ``corpus.js`` sets.
VARIABLE = "FABRIQUE_EXPLORATEUR"

#: Entries in the page's HTML: the list without JavaScript (the script shows them all). Twenty,
#: not a page of the A–Z (30): with the filters of a 3,000-resource corpus, 30 cards took the
#: page past 50 KB (52 KB); 20 keep it near 46 KB. The A–Z it links to has the rest.
PREMIERES = 20

#: Facets shown open when the page loads.
OPEN = ("type", "theme")


def index(corpus: Corpus, renderer: Renderer, shown: list[Facette], items: list[Entree]) -> dict[str, Any]:
    """The compact index the explorer's script filters on.

    ``facettes``: each facet's id, name and values (``[id, label]``); ``genres``: the kinds of
    entries; ``entrees``: per entry its key ``c``, title ``t``, URL from the site's root ``u``,
    kind ``g`` (position in ``genres``), summary ``r`` and, per facet, the positions of its values ``f``.
    """
    positions = [{v.id: i for i, v in enumerate(f.valeurs)} for f in shown]
    genres: dict[str, int] = {}
    rows = []
    for entree in items:
        values = [
            sorted(positions[i][v] for v in values_of(corpus, f.id, entree) if v in positions[i])
            for i, f in enumerate(shown)
        ]
        genre = genres.setdefault(entree.genre, len(genres))
        rows.append({"c": entree.cle, "t": entree.titre, "u": adresses.url(entree.src_path, renderer.directory_urls), "g": genre,
                     "r": " ".join(entree.resume.split()), "f": values, **champs(entree, corpus.annee_de_reference)})
    return {
        "facettes": [{"id": f.id, "titre": f.singulier, "valeurs": [[v.id, v.label] for v in f.valeurs]} for f in shown],
        "genres": list(genres),
        "entrees": rows,
    }


def filters(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The facets as the page's HTML draws them before the script runs: values with their counts."""
    shown = []
    for i, facette in enumerate(data["facettes"]):
        counts = [0] * len(facette["valeurs"])
        for row in data["entrees"]:
            for position in row["f"][i]:
                counts[position] += 1
        shown.append({**facette, "ouverte": facette["id"] in OPEN,
                      "valeurs": list(zip([v for v, _ in facette["valeurs"]], [label for _, label in facette["valeurs"]], counts))})
    return shown


def script(data: dict[str, Any]) -> str:
    """``corpus.js``: the index as a script (U+2028 and U+2029 escaped, as older parsers need)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{VARIABLE}={text};\n"


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    by_id = {f.id: f for f in facettes(corpus, renderer.schemas)}
    # The explorer lists resources and territories: the "programme" type would never match.
    by_id["type"] = replace(by_id["type"], valeurs=[v for v in by_id["type"].valeurs if v.id != "programme"])
    shown = [by_id[f] for f in EXPLORER_FACETS]
    items = entrees(corpus, renderer.schemas, natures=("ressource", "territoire"))
    data = index(corpus, renderer, shown, items)
    yield GeneratedPage(INDEX, json.dumps(data, ensure_ascii=False, separators=(",", ":")), "explorer-index")
    yield GeneratedPage(SCRIPT, script(data), "explorer-index")
    meta = {
        "title": "Explorateur",
        "description": "Toutes les ressources et tous les territoires du corpus de la Fabrique des transitions, à filtrer par thème, programme, région, année et mots-clés.",
        "hide": ["toc"],
    }
    yield GeneratedPage(
        PATH,
        renderer.render("explorer.md.j2", PATH, meta, premieres=items[:PREMIERES], total=len(items),
                        filtres=filters(data),
                        racine=posixpath.relpath(".", posixpath.dirname(PATH)) + "/", variable=VARIABLE,
                        az=f"{DOSSIER}/a-z.md", href=lambda target: href(PATH, target), carte=lambda entree: carte(entree, None, corpus.annee_de_reference)),
        "explorer",
    )
