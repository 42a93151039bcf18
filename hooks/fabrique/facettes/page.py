"""Index pages: one hub, one page per facet (themes, régions, …) and one page per facet value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..adresses import href, relative
from ..facettes import DOSSIER, Entree, Facette, Valeur, entrees, facettes, value_src
from ..model import Corpus, Ressource
from ..render import Renderer, md_escape
from ..schemas import Schemas
from ..pages import GeneratedPage
from ..pages.pagination import Tranche, paginer

HUB = f"{DOSSIER}/index.md"

#: How a value page links back to its facet's index ("Tous les thèmes", "Toutes les régions").
FEMININE = ("region", "annee", "dimension")


def retour(facette: Facette) -> str:
    return ("Toutes les " if facette.id in FEMININE else "Tous les ") + facette.titre[0].lower() + facette.titre[1:]


#: The sections of a value page, in order: nature of the entries, heading, anchor.
SECTIONS = (("ressource", "Ressources", "ressources"), ("territoire", "Territoires", "territoires"), ("programme", "Programmes", "programmes"))


@dataclass(frozen=True)
class Section:
    """The entries of one nature on one page of a value; ``suite`` when they began on an earlier page."""

    nature: str
    titre: str
    ancre: str
    suite: bool
    items: list[Entree]


def sections(valeur: Valeur, tranche: Tranche[Entree], debuts: dict[str, str]) -> list[Section]:
    """The sections of one page: ``debuts`` gives, per nature, the page where its entries begin."""
    found: list[Section] = []
    for nature, titre, ancre in SECTIONS:
        items = [e for e in tranche.items if e.nature == nature]
        if not items:
            continue
        suite = debuts[nature] != tranche.src_path
        nombre = len(valeur.of(nature))
        found.append(Section(nature, f"{titre} (suite)" if suite else f"{titre} ({nombre})", ancre + ("-suite" if suite else ""), suite, items))
    return found


def value_pages(corpus: Corpus, renderer: Renderer, facette: Facette, valeur: Valeur) -> Iterator[GeneratedPage]:
    """The pages of one value: its resources, then territories, then programmes, PAR_PAGE a page."""
    description = ""
    if facette.id == "theme" and valeur.id in corpus.themes:
        description = corpus.themes[valeur.id].description
    titre = valeur.label if facette.id not in ("annee",) else f"Année {valeur.label}"
    ordered = [e for nature, _, _ in SECTIONS for e in valeur.of(nature)]
    tranches = paginer(ordered, valeur.src_path)
    debuts: dict[str, str] = {}
    for tranche in tranches:
        for entree in tranche.items:
            debuts.setdefault(entree.nature, tranche.src_path)
    for tranche in tranches:
        suffixe = "" if tranche.numero == 1 else f" Page {tranche.numero} sur {tranche.total}."
        meta = {
            # The page's <title> names its facet: a theme and a section, a dimension and a
            # fondamental may share a label, their pages must not share a title.
            "title": tranche.titre(titre if facette.id == "annee" else f"{facette.singulier} : {valeur.label}"),
            "description": f"{facette.singulier} « {valeur.label} » : les ressources, territoires et programmes du corpus de la Fabrique des transitions.{suffixe}",
        }
        here = tranche.src_path
        yield GeneratedPage(
            here,
            renderer.render("valeur.md.j2", here, meta, facette=facette, valeur=valeur, titre=tranche.titre(titre),
                            description=description if tranche.numero == 1 else "", retour=retour(facette),
                            tranche=tranche, sections=sections(valeur, tranche, debuts),
                            href=lambda target, here=here: href(here, target)),
            "valeur",
        )


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    found = facettes(corpus, renderer.schemas)
    total = len(entrees(corpus, renderer.schemas))
    meta = {
        "title": "Parcourir le corpus",
        "description": "Toutes les portes d'entrée du corpus de la Fabrique des transitions : thèmes, fondamentaux, Fantastiques, programmes, régions, départements, années.",
    }
    yield GeneratedPage(HUB, renderer.render("parcourir.md.j2", HUB, meta, facettes=found, total=total), "parcourir")
    for facette in found:
        path = facette.index_src
        meta = {"title": f"{facette.titre} : index du corpus", "description": f"{facette.titre} : {facette.intro}"}
        yield GeneratedPage(path, renderer.render("facette.md.j2", path, meta, facette=facette), "facette")
        if not facette.generee:
            continue
        for valeur in facette.valeurs:
            yield from value_pages(corpus, renderer, facette, valeur)


#: Fields of a resource shown in its context block, with the facet whose pages they link to.
CONTEXT_FIELDS = (("theme_ids", "theme", "Thèmes"), ("fondamentaux", "fondamental", "Fondamentaux"),
                  ("fantastiques", "fantastique", "Fantastiques"), ("dimensions", "dimension", "Dimensions de la mise en récits"))


def facet_labels(schemas: Schemas) -> dict[str, dict[str, str]]:
    """French labels of the enumerated facets, read once from the schemas."""
    return {
        "fondamental": schemas.labels("ressource", "fondamentaux"),
        "fantastique": schemas.labels("ressource", "fantastiques"),
        "dimension": schemas.labels("ressource", "dimensions"),
    }


def facet_lines(ressource: Ressource, labels: dict[str, dict[str, str]]) -> list[str]:
    """Markdown lines linking a resource to the index pages of its themes, fondamentaux, … and year.

    ``labels`` comes from :func:`facet_labels`. Themes weigh more than body text in the search index.
    """
    lines = []
    src = ressource.src_path
    known_labels = {**labels, "theme": {t.id: t.nom for t in ressource.themes}}
    for field_name, facette_id, titre in CONTEXT_FIELDS:
        known = known_labels[facette_id]
        values = [v for v in getattr(ressource, field_name) if v in known]
        if not values:
            continue
        links = ", ".join(f"[{md_escape(known[v])}]({relative(src, value_src(facette_id, v))})" for v in values)
        if facette_id == "theme":
            links = f'<span data-pagefind-weight="5">{links}</span>'
        lines.append(f"- **{titre}** : {links}")
    if ressource.annee:
        lines.append(f"- **Année** : [{ressource.annee}]({relative(src, value_src('annee', str(ressource.annee)))})")
    return lines
