"""Territory pages and the territories index."""

from __future__ import annotations

from typing import Iterator

from ..francais import nombre
from .. import adresses
from ..model import Corpus
from ..proches import territoires_proches
from ..render import Renderer
from . import GeneratedPage
from .pagination import paginer

INDEX = adresses.INDEX_TERRITOIRES


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    proches = territoires_proches(corpus, renderer.schemas)
    for territoire in sorted(corpus.territoires.values(), key=lambda t: t.id):
        path = territoire.src_path
        type_label = renderer.schemas.labels("territoire", "type").get(territoire.type, territoire.type)
        lieu = corpus.lieu(territoire)
        description = f"{territoire.nom} : {type_label.lower()}" + (f" ({lieu})" if lieu else "") + ", territoire documenté par la Fabrique des transitions."
        meta = {"title": territoire.nom, "description": description, "fabrique_statut": territoire.statut}
        yield GeneratedPage(path, renderer.render("territoire.md.j2", path, meta, territoire=territoire, type_label=type_label, lieu=lieu, proches=proches[territoire.id]), "territoire")
    by_region: dict[str, list] = {}
    for territoire in corpus.territoires.values():
        region = corpus.region_of(territoire)
        name = corpus.regions.get(region or "", "") or ("Hors de France" if territoire.type == "etranger" else "Sans région")
        by_region.setdefault(name, []).append(territoire)
    ordered = [
        (name, territoire)
        for name, items in sorted(by_region.items(), key=lambda pair: (pair[0] in ("Hors de France", "Sans région"), pair[0]))
        for territoire in sorted(items, key=lambda t: t.nom.casefold())
    ]
    description = f"Les territoires documentés par la Fabrique des transitions ({nombre(len(corpus.territoires), 'territoire')}), classés par région."
    for tranche in paginer(ordered, INDEX):
        groups: list[tuple[str, list]] = []
        for name, territoire in tranche.items:
            if not groups or groups[-1][0] != name:
                groups.append((name, []))
            groups[-1][1].append(territoire)
        meta = {
            "title": tranche.titre("Territoires"),
            "description": description + ("" if tranche.numero == 1 else f" Page {tranche.numero} sur {tranche.total}."),
        }
        yield GeneratedPage(tranche.src_path, renderer.render("territoires.md.j2", tranche.src_path, meta, groups=groups,
                                                              tranche=tranche), "index-territoires")
