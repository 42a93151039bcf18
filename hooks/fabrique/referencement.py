"""What the build does for citations, metadata and permanent links, called from :class:`fabrique.moteur.evenements.Build`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from . import citations, historique, metadonnees, partage, permanence
from .erreurs import ErreurDeConstruction
from .model import Corpus, Ressource
from .schemas import Schemas

#: Generated page templates whose page is one territory, one programme (:mod:`fabrique.adresses`).
TERRITORY_TEMPLATE = "territoire"
PROGRAMME_TEMPLATE = "programme"


@dataclass
class Referencement:
    config: Any
    root: Path
    docs_dir: Path
    templates: Path
    corpus: Corpus
    schemas: Schemas
    site: citations.Site = field(init=False)
    citations: citations.Citations = field(init=False)
    carte: partage.Carte = field(init=False)

    def __post_init__(self) -> None:
        self.site = citations.Site.from_config(self.config)
        self.carte = partage.carte(self.site, self.config.get("site_description") or "")

    def files(self, existing: set[str], taken: set[str]) -> dict[str, str | bytes]:
        """The citation downloads, the bibliography, the redirect pages, the sharing card and
        robots.txt: site path -> content.

        ``existing``: the paths of the site's files; ``taken``: the URLs of its pages.
        """
        genres = self.schemas.labels("ressource", "type")
        git_dates = historique.dates_git(self.root, self.docs_dir)
        pdfs = {}
        for ressource in self.corpus.ressources:
            found = citations.pdf_path(ressource, existing)
            if found:
                pdfs[ressource.src_path] = self.site.absolute(found)
        self.citations = citations.Citations.of(self.corpus, self.site, genres, git_dates, pdfs)
        added = dict(self.citations.files())
        redirects, problems = permanence.redirect_files(self.templates, self.corpus, self.site, taken)
        if problems:
            raise ErreurDeConstruction("Les anciennes adresses ne peuvent pas toutes être redirigées :\n" + problems.report())
        added.update(redirects)
        try:
            added[partage.CARD_PATH] = partage.card_png(self.site.nom, self.config.get("site_description") or "")
        except partage.PoliceAbsente as error:
            raise ErreurDeConstruction(str(error)) from None
        added["robots.txt"] = partage.robots_txt(self.site)
        return added

    def page_context(self, context: dict[str, Any], page: "PageVue", ressource: Ressource | None, template: str | None) -> bool:
        """Fill the page's metadata into ``context``; True when its table of contents lists the citation."""
        url = page.canonical_url or self.site.absolute(page.url)
        description = _plain(page.meta.get("description") or self.config.get("site_description") or "")
        titre = ressource.titre if ressource else _plain(page.meta.get("title") or page.title or self.site.nom)
        cite = False
        meta = metadonnees.MetaPage()
        ref = self.citations.references.get(ressource.src_path) if ressource else None
        if ressource is not None:
            description = ressource.resume
        if ref is not None:
            meta.balises += metadonnees.highwire(ref)
            meta.json_ld = metadonnees.json_ld(metadonnees.article(ref, ressource, self.corpus, self.schemas))
            context["fabrique_citation"] = citations.vue(ref)
            cite = True
        elif template == TERRITORY_TEMPLATE:
            territoire = self.corpus.territoires.get(Path(page.src_uri).stem)
            if territoire is not None:
                meta.json_ld = metadonnees.json_ld(metadonnees.lieu(territoire, self.corpus, self.site, self.schemas, complet=True))
        elif template == PROGRAMME_TEMPLATE:
            programme = self.corpus.programmes.get(Path(page.src_uri).stem)
            if programme is not None:
                meta.json_ld = metadonnees.json_ld(metadonnees.serie(programme, self.site))
        meta.balises += metadonnees.opengraph(self.site, titre, description, url, ref, self.carte)
        context["fabrique_meta"] = meta
        raw = page.meta.get("description")
        if raw and not isinstance(raw, Markup):
            page.meta["description"] = escape(str(raw))  # Material's base.html prints it unescaped
        return cite


@dataclass
class PageVue:
    """What the metadata need of a page, as plain values (``meta`` is the page's own dict)."""

    src_uri: str
    url: str
    canonical_url: str | None
    title: str | None
    meta: dict[str, Any]


def _plain(value: Any) -> str:
    """The text of a value the build may already have escaped for the theme."""
    return value.unescape() if isinstance(value, Markup) else str(value)
