"""Programme pages and the programmes index."""

from __future__ import annotations

from typing import Iterator

from .. import adresses
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage
from .pagination import paginer

#: Resources per page of a programme: fewer than in other lists, its first page also carries its
#: mini-map, its territories and its sources.
PAR_PAGE_PROGRAMME = 20

INDEX = adresses.INDEX_PROGRAMMES


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    dispositifs = renderer.schemas.labels("programme", "dispositif")
    for programme in sorted(corpus.programmes.values(), key=lambda p: p.id):
        path = programme.src_path
        label = dispositifs.get(programme.dispositif, programme.dispositif)
        meta = {
            "title": programme.nom,
            "description": f"{programme.nom} ({programme.annees}) : {label.lower()} de la Fabrique des transitions.",
            "fabrique_statut": programme.statut,
        }
        # The pilot sheets first: what a visitor of a programme looks for.
        tranches = paginer(sorted(programme.ressources, key=lambda r: r.type != "fiche-projet-pilote"), path, PAR_PAGE_PROGRAMME)
        yield GeneratedPage(
            path,
            renderer.render("programme.md.j2", path, meta, programme=programme, dispositif=label,
                            tranche=tranches[0]),
            "programme",
        )
        for tranche in tranches[1:]:
            suite = {
                "title": tranche.titre(f"{programme.nom} : ressources"),
                "description": f"Les ressources du programme {programme.nom}, page {tranche.numero} sur {tranche.total}.",
                "fabrique_statut": programme.statut,
            }
            yield GeneratedPage(tranche.src_path, renderer.render("programme-ressources.md.j2", tranche.src_path, suite,
                                                                  programme=programme, tranche=tranche), "programme-ressources")
    groups = [
        (label, sorted((p for p in corpus.programmes.values() if p.dispositif == key), key=lambda p: (p.debut is None, p.debut or 0, p.nom.casefold())))
        for key, label in dispositifs.items()
    ]
    meta = {
        "title": "Programmes",
        "description": "Les programmes de la Fabrique des transitions : cohortes, accompagnements expérimentaux, appuis ponctuels, chantiers et communautés apprenantes.",
    }
    yield GeneratedPage(INDEX, renderer.render("programmes.md.j2", INDEX, meta, groups=[g for g in groups if g[1]]), "index-programmes")
