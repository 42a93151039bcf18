"""The pages of the guide that the corpus makes: the index of every proposition (filterable by
competence and theme), one page of propositions per competence and per theme (the same choice
without JavaScript, at an address to share), and the pages that present the propositions of one
axe or the recommendations of one part; the macros of the staff pages and the reverse links
of the corpus pages.

Staff pages of ``docs/guide/`` call ``{{ propositions("vision") }}``,
``{{ recommandations("elus", "cap") }}`` and ``{{ sommaire_du_guide() }}``; each macro renders a
template of ``overrides/fabrique/`` for the page that calls it, so its links are relative to it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from jinja2 import pass_context

from ..erreurs import ErreurDeMacro
from ..francais import nombre
from ..guide import _nombre, chapitres, groupes, pages_de_fiches
from ..adresses import PROPOSITIONS as PROPOSITIONS_INDEX
from ..model import Corpus, Proposition, Ressource, Territoire
from ..render import Renderer, md_escape
from ..pages import GeneratedPage

#: The page that lists the pages of propositions by competence and by theme.
REGROUPEMENTS = f"{PROPOSITIONS_INDEX[:-3]}/par-competence-et-par-theme.md"


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    yield from _pages_de_fiches(corpus, renderer)
    if not corpus.propositions:
        return
    piliers = renderer.schemas.labels("proposition", "pilier")
    competences = renderer.schemas.labels("proposition", "competences")
    items = sorted(corpus.propositions.values(), key=lambda p: (list(piliers).index(p.pilier), p.sort_key))
    used_competences = [(key, name) for key, name in competences.items() if any(key in p.competences for p in items)]
    used_themes = [t for t in corpus.themes.values() if any(t in p.themes for p in items)]
    meta = {
        "title": "Toutes les propositions du guide",
        "description": f"Les propositions du guide des municipales 2026 ({nombre(len(items), 'proposition')}), à filtrer par compétence du bloc communal et par thème.",
    }
    content = renderer.render(
        "propositions.md.j2",
        PROPOSITIONS_INDEX,
        meta,
        items=items,
        par_pilier=groupes(items, lambda p: p.pilier),
        piliers=piliers,
        competences=used_competences,
        themes=used_themes,
        regroupements=REGROUPEMENTS,
    )
    yield GeneratedPage(PROPOSITIONS_INDEX, content, "index-propositions")
    yield from _regroupements(items, used_competences, used_themes, piliers, renderer)


def _regroupements(items: list[Proposition], competences: list[tuple[str, str]], themes: list, piliers: dict[str, str],
                   renderer: Renderer) -> Iterator[GeneratedPage]:
    """One page per competence and per theme, and the page that lists them."""
    choix = [("competence", key, name, [p for p in items if key in p.competences]) for key, name in competences]
    choix += [("theme", t.id, t.nom, [p for p in items if t in p.themes]) for t in themes]
    pages = []
    for sorte, key, name, selection in choix:
        src = f"{PROPOSITIONS_INDEX[:-3]}/{sorte}s/{key}.md"
        pages.append((sorte, name, src, len(selection)))
        mot = "la compétence" if sorte == "competence" else "le thème"
        meta = {
            "title": f"Propositions du guide, {mot.split()[-1]} : {name}",
            "description": f"{nombre(len(selection), 'proposition')} du guide des municipales 2026 "
                           f"qui {'touche' if len(selection) < 2 else 'touchent'} {mot} « {name} ».",
        }
        content = renderer.render("propositions-regroupement.md.j2", src, meta, nom=name, mot=mot, items=selection,
                                  par_pilier=groupes(selection, lambda p: p.pilier), piliers=piliers,
                                  index=PROPOSITIONS_INDEX, regroupements=REGROUPEMENTS)
        yield GeneratedPage(src, content, "propositions-regroupement")
    meta = {
        "title": "Les propositions du guide par compétence et par thème",
        "description": "Une page par compétence du bloc communal et par thème, avec les propositions du guide des municipales 2026 qui s'y rapportent.",
    }
    content = renderer.render("propositions-regroupements.md.j2", REGROUPEMENTS, meta, pages=pages, index=PROPOSITIONS_INDEX)
    yield GeneratedPage(REGROUPEMENTS, content, "propositions-regroupements")


def _pages_de_fiches(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    chapitres = {r.src_path: r for r in corpus.ressources if r.type == "guide"}
    piliers = renderer.schemas.labels("proposition", "pilier")
    destinataires = renderer.schemas.labels("recommandation", "destinataires")
    postures = renderer.schemas.labels("recommandation", "posture")
    for src, items in pages_de_fiches(corpus).items():
        first = items[0]
        chapitre = chapitres.get(first.chapitre_src)
        if chapitre is None:
            continue  # a draft chapter, left out of this build (validation reports a missing one)
        if isinstance(first, Proposition):
            nature, titre = "proposition", first.axe
            partie = piliers[first.pilier]
            sections = [(None, items)]
        else:
            nature, titre = "recommandation", destinataires[first.destinataires]
            partie = titre
            sections = [(postures.get(k) if k else None, group) for k, group in groupes(items, lambda r: r.posture)]
            sections.sort(key=lambda s: list(postures.values()).index(s[0]) if s[0] in postures.values() else -1)
        meta = {
            "title": f"{titre} — guide des municipales 2026",
            "description": f"{partie} : {len(items)} {nature}{'s' if len(items) > 1 else ''} du guide des municipales 2026, avec les expériences qui les illustrent.",
        }
        content = renderer.render("guide-fiches.md.j2", src, meta, titre=titre, chapitre=chapitre,
                                  nombre=len(items), nature=nature, sections=sections)
        yield GeneratedPage(src, content, "guide-fiches")


def macros(corpus: Corpus, renderer: Renderer) -> dict[str, Callable[..., str]]:
    """The macros offered to the staff pages (mkdocs-macros)."""

    def src(context: Any) -> str:
        return context["page"].file.src_uri

    @pass_context
    def propositions(context: Any, pilier: str, niveau: int = 2) -> str:
        if pilier not in renderer.schemas.labels("proposition", "pilier"):
            raise ErreurDeMacro(f"propositions(« {pilier} ») : partie inconnue du guide")
        here = src(context)
        parts = []
        for axe, items in groupes(corpus.propositions_of(pilier), lambda p: p.axe):
            if axe is None:
                parts.append(renderer.fragment("guide-propositions.md.j2", here, groupes=[(None, items)], niveau=niveau))
                continue
            parts.append(f"{'#' * niveau} {md_escape(axe)}\n\n")
            parts.append(renderer.fragment("guide-sommaire-fiches.md.j2", here, items=items, page=items[0].src_path,
                                           niveau=niveau + 1, quoi=_nombre(len(items), "proposition", "de cet axe")))
        return "".join(parts)

    @pass_context
    def recommandations(context: Any, destinataires: str, posture: str | None = None, niveau: int = 3) -> str:
        if destinataires not in renderer.schemas.labels("recommandation", "destinataires"):
            raise ErreurDeMacro(f"recommandations(« {destinataires} ») : partie inconnue")
        items = corpus.recommandations_of(destinataires, posture)
        if not items:
            return ""
        return renderer.fragment("guide-sommaire-fiches.md.j2", src(context), items=items, page=items[0].src_path,
                                 niveau=niveau, quoi=_nombre(len(items), "recommandation", "en détail"))

    @pass_context
    def sommaire_du_guide(context: Any) -> str:
        here = src(context)
        pages = [r for r in chapitres(corpus) if r.src_path != here]
        return renderer.fragment("guide-sommaire.md.j2", here, pages=pages)

    return {"propositions": propositions, "recommandations": recommandations, "sommaire_du_guide": sommaire_du_guide}


def illustrees_par(renderer: Renderer, src_path: str, cible: Ressource | Territoire, nom: str) -> str:
    """The « Propositions du guide illustrées par … » section of a page (empty if none)."""
    if not (cible.propositions or cible.recommandations):
        return ""
    return renderer.fragment("guide-illustrees.md.j2", src_path, cible=cible, nom=nom)
