"""What the build does for citations, metadata and permanent links, called from :class:`fabrique.build.Build`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from . import citations, historique, metadonnees, permanence
from .model import Corpus, Ressource
from .schemas import Schemas

#: Generated page templates whose page is one territory (``territoires/<id>.md``), one programme.
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

    def __post_init__(self) -> None:
        self.site = citations.Site.from_config(self.config)

    def on_files(self, files: Files) -> None:
        """Add the citation downloads, the bibliography and the redirect pages to the site."""
        genres = self.schemas.labels("ressource", "type")
        git_dates = historique.dates_git(self.root, self.docs_dir)
        existing = {f.src_uri for f in files}
        pdfs = {}
        for ressource in self.corpus.ressources:
            found = citations.pdf_path(ressource, existing)
            if found:
                pdfs[ressource.src_path] = self.site.absolute(found)
        self.citations = citations.Citations.of(self.corpus, self.site, genres, git_dates, pdfs)
        added = dict(self.citations.files())
        taken = {f.url for f in files if f.is_documentation_page()}
        redirects, problems = permanence.redirect_files(self.templates, self.corpus, self.site, taken)
        if problems:
            raise PluginError("Les anciennes adresses ne peuvent pas toutes être redirigées :\n" + problems.report())
        added.update(redirects)
        for path, content in added.items():
            existing_file = files.get_file_from_path(path)
            if existing_file is not None:
                files.remove(existing_file)
            files.append(File.generated(self.config, path, content=content))

    def page_context(self, context: dict[str, Any], page: Page, ressource: Ressource | None, template: str | None) -> None:
        url = page.canonical_url or self.site.absolute(page.url)
        description = _plain(page.meta.get("description") or self.config.get("site_description") or "")
        titre = ressource.titre if ressource else _plain(page.meta.get("title") or page.title or self.site.nom)
        meta = metadonnees.MetaPage()
        ref = self.citations.references.get(ressource.src_path) if ressource else None
        if ressource is not None:
            description = ressource.resume
        if ref is not None:
            meta.balises += metadonnees.highwire(ref)
            meta.json_ld = metadonnees.json_ld(metadonnees.article(ref, ressource, self.corpus, self.schemas))
            context["fabrique_citation"] = citations.vue(ref)
            _add_to_toc(page, citations.TOC_TITLE, citations.TOC_ANCHOR)
        elif template == TERRITORY_TEMPLATE:
            territoire = self.corpus.territoires.get(Path(page.file.src_uri).stem)
            if territoire is not None:
                meta.json_ld = metadonnees.json_ld(metadonnees.lieu(territoire, self.corpus, self.site, self.schemas, complet=True))
        elif template == PROGRAMME_TEMPLATE:
            programme = self.corpus.programmes.get(Path(page.file.src_uri).stem)
            if programme is not None:
                meta.json_ld = metadonnees.json_ld(metadonnees.serie(programme, self.site))
        meta.balises += metadonnees.opengraph(self.site, titre, description, url, ref)
        context["fabrique_meta"] = meta
        raw = page.meta.get("description")
        if raw and not isinstance(raw, Markup):
            page.meta["description"] = escape(str(raw))  # Material's base.html prints it unescaped


def _plain(value: Any) -> str:
    """The text of a value the build may already have escaped for the theme."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def _add_to_toc(page: Page, title: str, anchor: str) -> None:
    """List the « Citer cette ressource » section in the page's table of contents."""
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items[0].children.append(AnchorLink(title, anchor, 2))
    else:
        items.append(AnchorLink(title, anchor, 2))
