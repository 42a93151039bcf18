""""En chiffres": what the corpus holds, counted at build time, beside the figures the sources declare.

The main page draws every series; a long series sorted by count shows its first
:data:`MAX_LIGNES` rows (chart and table) and links to its full table on a page of its own.
The figures declared by the sources, with their comparison, have their own page too: each page
stays light whatever the size of the corpus.
"""

from __future__ import annotations

from typing import Iterator

from ..chiffres import Serie, comparaisons, programmes_declares, series, valeur_texte
from ..model import chiffres_du_document
from ..graphiques import barres
from ..model import Corpus
from ..render import Renderer
from ..pages import GeneratedPage

PATH = "en-chiffres/index.md"
SOURCES = "en-chiffres/sources.md"

#: Rows of a series sorted by count drawn on the main page; the rest are in its full table.
MAX_LIGNES = 12


def tableau(serie: Serie) -> str:
    """The source path of the full table of a series."""
    return f"en-chiffres/{serie.id}.md"


def montrees(serie: Serie) -> list[tuple[str, int]]:
    """The rows the main page shows for a series."""
    return serie.lignes[:MAX_LIGNES] if serie.par_nombre else serie.lignes


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    found = series(corpus, renderer.schemas)
    lignes = {s.id: montrees(s) for s in found}
    meta = {
        "title": "En chiffres",
        "description": "Ce que le corpus de la Fabrique des transitions documente, compté à partir des données : territoires par type, programme, région et année ; ressources par type et thème.",
    }
    yield GeneratedPage(
        PATH,
        renderer.render(
            "chiffres.md.j2", PATH, meta,
            series=found, lignes=lignes, svg={s.id: barres(f"graphique-{s.id}", lignes[s.id]) for s in found},
            tableau=tableau, sources=SOURCES, nb_ressources=sum(1 for r in corpus.ressources if r.type != "page"),
        ),
        "chiffres",
    )
    for serie in found:
        if len(lignes[serie.id]) == len(serie.lignes):
            continue
        path = tableau(serie)
        meta = {
            "title": f"{serie.titre} : tableau complet",
            "description": f"{serie.titre} : les {len(serie.lignes)} lignes du décompte, calculées à partir des données du corpus de la Fabrique des transitions.",
        }
        yield GeneratedPage(path, renderer.render("chiffres-tableau.md.j2", path, meta, serie=serie, retour=PATH), "chiffres-tableau")
    meta = {
        "title": "Chiffres déclarés par les sources",
        "description": "Les chiffres qu'annoncent les documents de la Fabrique des transitions, avec leur source, comparés entre eux et à ce que le corpus documente.",
    }
    documents = [d for d in sorted(corpus.sources.values(), key=lambda d: d.titre.casefold()) if chiffres_du_document(corpus, d.id)]
    yield GeneratedPage(
        SOURCES,
        renderer.render("chiffres-sources.md.j2", SOURCES, meta, comparaisons=[c for c in comparaisons(corpus) if c.a_dire],
                        programmes=programmes_declares(corpus), valeur_texte=valeur_texte, retour=PATH,
                        documents=[(d, chiffres_du_document(corpus, d.id)) for d in documents]),
        "chiffres-sources",
    )
    for document in documents:
        path = chiffres_du_document(corpus, document.id)[0][0]
        meta = {
            "title": f"Chiffres de « {document.titre} »",
            "description": f"Tous les chiffres que déclare le document « {document.titre} », avec la partie où il les donne.",
        }
        yield GeneratedPage(path, renderer.render("chiffres-document.md.j2", path, meta, document=document,
                                                  chiffres=[c for _, c in chiffres_du_document(corpus, document.id)],
                                                  valeur_texte=valeur_texte, retour=SOURCES), "chiffres-document")
