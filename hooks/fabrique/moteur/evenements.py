"""The MkDocs events of the build: what each one does, through the domain modules.

One :class:`Build` lives for one run of MkDocs (``mkdocs serve`` makes a new one per rebuild).
The hook file ``hooks/fabrique_hooks.py`` imports the ``on_*`` functions of this module.
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from .. import (accessibilite, citations, contribution, donnees, environnement, gabarits, guide, hors_ligne, loader, pdf, recherche,
               reproductible, sources)
from ..build import TEMPLATES_FOLDER, context_block
from ..erreurs import ErreurDeConstruction
from ..model import Corpus, Ressource
from ..pages import GeneratedPage
from ..pages.generateurs import generators
from ..accueil import page as accueil_page
from ..donnees import page as donnees_page
from ..guide import page as guide_page
from ..facettes.page import facet_labels
from ..referencement import PageVue, Referencement
from ..reglages import Reglages
from ..render import Renderer
from ..safety import escape_meta, sanitise
from . import theme
from . import fichiers, macros
from . import hors_ligne as theme_hors_ligne
from .journal import log, relier


@dataclass
class Build:
    config: MkDocsConfig
    reglages: Reglages = field(default_factory=Reglages.lire)
    project: loader.Project = field(init=False)
    corpus: Corpus = field(default_factory=Corpus)
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    by_src: dict[str, Ressource] = field(default_factory=dict)
    referencement: Referencement | None = None
    copie_hors_ligne: hors_ligne.CopieHorsLigne | None = None
    theme_hors_ligne: Path | None = None
    facet_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    renderer: Renderer | None = None
    manifeste: gabarits.Manifeste = field(default_factory=gabarits.Manifeste)
    date: str | None = None
    sources_par_page: dict[str, list[sources.Cite]] = field(default_factory=dict)
    appels: macros.Appels = field(default_factory=macros.Appels)
    files: Files | None = None

    def __post_init__(self) -> None:
        relier()
        root = Path(self.config.config_file_path or ".").resolve().parent
        self.project = loader.Project.at(root, Path(self.config.docs_dir))
        self.config.edit_uri = contribution.edit_uri(self.config.repo_url, self.config.edit_uri, self.reglages.edit_uri is not None)
        self.config.extra[contribution.EDITOR_EXTRA] = not self.reglages.copie_hors_ligne
        theme_hors_ligne.localise_polyfills(self.config)
        self.theme_hors_ligne = theme_hors_ligne.set_aside_search_partials(self.config) if self.reglages.copie_hors_ligne else None
        self.date = reproductible.date_de_reference(root, self.reglages.source_date_epoch)

    @property
    def include_drafts(self) -> bool:
        return self.reglages.brouillons

    @property
    def make_pdf(self) -> bool:
        return self.reglages.pdf

    def _add(self, files: Files, path: str, content: str | bytes | Path) -> bool:
        return fichiers.ajouter(files, self.config, path, content)

    def on_files(self, files: Files) -> Files:
        try:
            corpus, problems = loader.load(self.project, include_drafts=self.include_drafts)
        except OSError as error:
            raise PluginError(f"Le corpus ne peut pas être lu : {environnement.message(error, self.project.root)}") from None
        if self.reglages.html_dangereux_avertir:
            for problem in [p for p in problems.items if p.unsafe]:
                log.warning("HTML dangereux gardé pour un test : %s", problem)
            problems.items = [p for p in problems.items if not p.unsafe]
        if problems:
            raise ErreurDeConstruction("Le corpus contient des erreurs :\n" + problems.report())
        self.corpus = corpus
        self.files = files
        self.sources_par_page = sources.par_page(corpus)
        self.by_src = {r.src_path: r for r in corpus.ressources}
        self.config.extra["fabrique_accessibilite"] = accessibilite.lire(self.project.root).conformite
        for file in [f for f in files if f.src_uri.startswith(TEMPLATES_FOLDER + "/") and not f.src_uri.endswith(".html")]:
            files.remove(file)
        if not self.include_drafts:
            for file in list(files):
                if file.src_uri.endswith(".md") and file.src_uri not in self.by_src and self._is_draft_file(file):
                    files.remove(file)
        renderer = Renderer(self.project.root / "overrides" / TEMPLATES_FOLDER, corpus, self.project.schemas, self.config.site_name,
                            self.config.site_url or "", self.project.docs_dir, self.config.use_directory_urls)
        self.renderer = renderer
        for generate in generators():
            for page in generate(corpus, renderer):
                self._add_page(files, page)
        self._add_release(files, renderer)
        self._add_offline_copy(files)
        self.referencement = Referencement(_site_config(self.config), self.project.root, self.project.docs_dir,
                                           self.project.root / "overrides" / TEMPLATES_FOLDER, corpus, self.project.schemas)
        existing = {f.src_uri for f in files}
        taken = {f.url for f in files if f.is_documentation_page()}
        for path, content in self.referencement.files(existing, taken).items():
            self._add(files, path, content)
        stylesheets = sorted(f.src_uri for f in files if f.src_uri.startswith("assets/stylesheets/") and f.src_uri.endswith(".min.css"))
        contributed = contribution.files(self.project, corpus, self.config.site_name, self.config.repo_url, self.config.edit_uri,
                                         self.config.site_url, self.reglages.decap_auth_url,
                                         files.get_file_from_path(contribution.GUIDE_PAGE) is not None,
                                         self.reglages.decap_local, stylesheets + list(self.config.extra_css))
        for path, content in contributed.items():
            self._add(files, path, content)
        macros.enregistrer(self.config, {"corpus": self.corpus, "hors_ligne": self.copie_hors_ligne}, {**guide_page.macros(self.corpus, self.renderer), **accueil_page.macros(self.corpus, self.renderer)},
                           self.appels)
        log.info("Corpus : %d ressources, %d territoires, %d programmes, %d pages générées",
                 len(corpus.ressources), len(corpus.territoires), len(corpus.programmes), len(self.generated))
        return files

    def _add_page(self, files: Files, page: GeneratedPage) -> None:
        if self._add(files, page.src_path, page.content):
            self.generated[page.src_path] = page

    def _add_release(self, files: Files, renderer: Renderer) -> None:
        """The open data of /donnees/ and its page (fabrique.donnees)."""
        release = donnees.build_release(self.project, self.corpus, self.project.schemas, self.config.site_url or "", self.include_drafts,
                                        self.reglages.source_date_epoch)
        for path, content in release.all_files().items():
            self._add(files, path, content)
        self._add_page(files, donnees_page.page(release, renderer))
        self._add_page(files, donnees_page.dictionnaire(release, renderer))

    def _add_offline_copy(self, files: Files) -> None:
        """With FABRIQUE_OFFLINE=1: the zip of the site built for file:// (fabrique.hors_ligne)."""
        if not self.reglages.avec_copie_hors_ligne:
            return
        epoch = self.reglages.source_date_epoch
        jour, _ = donnees.release_date(self.project, self.corpus, epoch)
        config_file = Path(self.config.config_file_path).resolve()
        self.copie_hors_ligne = hors_ligne.build_copy(config_file, theme_hors_ligne.lire_configuration(config_file), bool(self.config.strict),
                                                      jour, donnees.release_epoch(self.project, epoch))
        self._add(files, hors_ligne.ZIP_PATH, self.copie_hors_ligne.zip)
        log.info("Copie hors ligne : %s (%s)", hors_ligne.ZIP_PATH, self.copie_hors_ligne.taille)

    def on_post_build(self) -> None:
        self._write_manifeste()
        if self.reglages.copie_hors_ligne:
            hors_ligne.rewrite_folder_links(Path(self.config.site_dir))
            hors_ligne.inline_svg_uses(Path(self.config.site_dir))
        if self.copie_hors_ligne is not None:
            self.copie_hors_ligne.cleanup()
        if self.theme_hors_ligne is not None:
            shutil.rmtree(self.theme_hors_ligne, ignore_errors=True)
        self._make_guide_pdf()
        self._index_search()

    def _is_draft_file(self, file: File) -> bool:
        return loader.is_draft_page(self.project.docs_dir / file.src_uri)

    def _last_change(self, src_uri: str) -> str | None:
        """The sitemap's ``<lastmod>``: a resource's last modification (see :mod:`fabrique.dates`), else the build's date."""
        ref = self.referencement.citations.references.get(src_uri) if self.referencement else None
        return (ref.mis_a_jour if ref else None) or self.date

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        """Runs before mkdocs-macros: contributed and generated pages never render macros."""
        ressource = self.by_src.get(page.file.src_uri)
        self.appels.page = page.file.src_uri
        page.update_date = self._last_change(page.file.src_uri) or page.update_date
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.meta.setdefault(gabarits.META_KEY, generated.template)
        if generated is not None or (ressource is not None and ressource.contribuee):
            page.meta["render_macros"] = False
        if ressource is None:
            escape_meta(page.meta)
            return markdown
        page.meta["title"] = ressource.titre
        page.meta.setdefault("description", ressource.resume)
        escape_meta(page.meta)
        page.meta[gabarits.META_KEY] = gabarits.of_ressource(ressource)
        page.meta["fabrique_statut"] = ressource.statut
        if ressource.type == "guide" and self.make_pdf:
            page.meta["fabrique_pdf"] = pdf.PDF_PATH
        if ressource.type == "page":
            return markdown
        return markdown.rstrip() + "\n\n" + self._context_block(ressource) + "\n"

    def on_page_content(self, html: str, page: Page) -> str:
        """Second line of defence: the rendered HTML of contributed pages goes through nh3. A macro
        of the page called with a bad argument stops the build here, with its line."""
        if page.file.src_uri in self.appels.erreurs:  # only staff pages, files of docs/, render macros
            shown = self.project.relative(Path(page.file.abs_src_path or page.file.src_uri))
            raise ErreurDeConstruction(self.appels.message(page.file.src_uri, shown, page.file.content_string))
        ressource = self.by_src.get(page.file.src_uri)
        if ressource is not None and ressource.contribuee:
            html = sanitise(html)
        if self._avec_pagefind:
            # The page's weight in the search bundles, counted where it is rendered (in the workers
            # of ``--jobs N``, which send it back with the page's state).
            setattr(page, _MOTS, recherche.mots(html))
        return html

    @property
    def _avec_pagefind(self) -> bool:
        return not ("material/search" in self.config.plugins or "search" in self.config.plugins)

    def _context_block(self, ressource: Ressource) -> str:
        if not self.facet_labels:
            self.facet_labels = facet_labels(self.project.schemas)
        return context_block(ressource, self.corpus, self.renderer, self.facet_labels)

    def page_context(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        ressource = self.by_src.get(page.file.src_uri)
        context["fabrique_ressource"] = ressource
        context["fabrique_sources"] = self.sources_par_page.get(page.file.src_uri, [])
        if self.referencement is not None:
            generated = self.generated.get(page.file.src_uri)
            vue = PageVue(page.file.src_uri, page.url, page.canonical_url, page.title, page.meta)
            if self.referencement.page_context(context, vue, ressource, generated.template if generated else None):
                _add_to_toc(page, citations.TOC_TITLE, citations.TOC_ANCHOR)
        page.edit_url = contribution.edit_url(page.file.src_uri, page.edit_url, self.config.repo_url, self.config.edit_uri,
                                              self.project, self.corpus, self.generated)
        self.manifeste.add(page.meta.get(gabarits.META_KEY), page.url)
        return context

    def _index_search(self) -> None:
        """Index the built site for the search of the header (Pagefind), unless Material's search is configured."""
        if not self._avec_pagefind:
            return
        try:
            recherche.index(Path(self.config.site_dir), self._mots_par_page())
        except recherche.SearchIndexError as error:
            raise ErreurDeConstruction(str(error)) from error

    def _mots_par_page(self) -> dict[str, int]:
        """The words each rendered page gives the search index, by the file it was written to."""
        pages = self.files.documentation_pages() if self.files is not None else []
        found = {}
        for file in pages:
            if file.page is not None and file.page.content is not None:
                counted = getattr(file.page, _MOTS, None)
                found[file.dest_uri] = counted if counted is not None else recherche.mots(file.page.content)
        return found

    def _make_guide_pdf(self) -> None:
        """With FABRIQUE_PDF=1: the guide as a PDF, made from the pages just built."""
        if not self.make_pdf:
            return
        site_dir = Path(self.config.site_dir)
        propositions = [p for pilier in self.project.schemas.labels("proposition", "pilier") for p in self.corpus.propositions_of(pilier)]
        target = pdf.build(site_dir, guide.chapitres(self.corpus), self.config.site_url or "", self.config.site_name,
                           propositions, self.project.schemas.labels("proposition", "competences"))
        log.info("Guide en PDF : %s", target.relative_to(site_dir).as_posix())

    def _write_manifeste(self) -> None:
        path = gabarits.write(self.manifeste, Path(self.config.site_dir))
        missing = self.manifeste.pages.get(gabarits.SANS_GABARIT)
        if missing:
            log.warning("%d page(s) sans gabarit (page.meta[%r]) : %s ; %s les liste sous « %s »",
                        len(missing), gabarits.META_KEY, ", ".join(missing[:5]), path.name, gabarits.SANS_GABARIT)


#: The attribute of a page that holds its words for the search bundles (see Build.on_page_content).
_MOTS = "fabrique_mots"


def _site_config(config: MkDocsConfig) -> dict[str, Any]:
    """What the citations and metadata read of the configuration, as plain values."""
    return {key: config.get(key) for key in ("site_name", "site_url", "site_author", "site_description", "extra")}


def _add_to_toc(page: Page, title: str, anchor: str) -> None:
    """List the « Citer cette ressource » section in the page's table of contents."""
    items = page.toc.items
    if len(items) == 1 and items[0].level == 1:
        items[0].children.append(AnchorLink(title, anchor, 2))
    else:
        items.append(AnchorLink(title, anchor, 2))


#: The build of the current run of MkDocs.
_build: Build | None = None


def courant() -> Build:
    """The build of the current run (set by :func:`on_config`)."""
    if _build is None:
        raise RuntimeError("aucune construction en cours")
    return _build


def _signale(event: Callable[..., Any]) -> Callable[..., Any]:
    """A domain error becomes MkDocs' PluginError: a French message and no traceback."""

    @functools.wraps(event)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except ErreurDeConstruction as error:
            raise PluginError(str(error)) from error

    return wrapper


@_signale
def on_config(config):
    global _build
    _build = Build(config)
    return config


@_signale
def on_files(files, config):
    return courant().on_files(files)


@event_priority(100)  # before mkdocs-macros, which must see render_macros: false
@_signale
def on_page_markdown(markdown, page, config, files):
    return courant().on_page_markdown(markdown, page)


@_signale
def on_page_content(html, page, config, files):
    return courant().on_page_content(html, page)


@_signale
def on_page_context(context, page, config, nav):
    return courant().page_context(context, page)


@_signale
def on_post_page(output, page, config):
    return theme.valid_toggles(output)


@_signale
def on_post_template(output_content, template_name, config):
    return theme.valid_toggles(output_content)


@_signale
def on_post_build(config):
    courant().on_post_build()
