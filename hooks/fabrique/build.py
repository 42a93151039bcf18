"""The build: what the MkDocs events do, kept out of the hook file.

One :class:`Build` lives for one run of MkDocs (``mkdocs serve`` makes a new one per rebuild).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import accessibilite, accueil, contribution, donnees, gabarits, guide, hors_ligne, loader, pdf, recherche, reproductible
from .referencement import Referencement
from .model import KINDS, Corpus, Ressource
from .pages import GeneratedPage, generators
from .pages import donnees as donnees_page
from .pages.facettes import facet_labels, facet_lines
from .render import Renderer, md_escape, relative
from .safety import escape_meta, sanitise

log = get_plugin_logger("fabrique")

#: Environment variable: "0" leaves drafts (statut: brouillon) out of the build.
DRAFTS_VARIABLE = "FABRIQUE_BROUILLONS"

#: Environment variable: "avertir" turns dangerous HTML into warnings instead of errors, so that
#: the tests can force a hostile page into a build and check that the sanitiser still holds.
UNSAFE_VARIABLE = "FABRIQUE_HTML_DANGEREUX"

#: Environment variable: "1" makes the guide's PDF at the end of the build.
PDF_VARIABLE = "FABRIQUE_PDF"

#: Folder of ``overrides/`` that holds the page templates (not to be copied to the site).
TEMPLATES_FOLDER = "fabrique"


def context_block(ressource: Ressource, corpus: Corpus, renderer: Renderer | None, labels: dict[str, dict[str, str]]) -> str:
    """Where a resource belongs (territories, programmes, facets, kind index), appended to its page."""
    src = ressource.src_path
    lines = ["", '<div class="fabrique-contexte" markdown>', "", "## Contexte", ""]
    if ressource.territoires:
        links = ", ".join(f"[{md_escape(t.nom)}]({relative(src, f'territoires/{t.id}.md')})" for t in ressource.territoires)
        lines.append(f"- **Territoires** : {links}")
    if ressource.programmes:
        links = ", ".join(f"[{md_escape(p.nom)}]({relative(src, f'programmes/{p.id}.md')})" for p in ressource.programmes)
        lines.append(f"- **Programmes** : {links}")
    lines += facet_lines(ressource, labels)
    if ressource.type == "guide":
        for word, voisin in zip(("précédent", "suivant"), guide.voisins(corpus, ressource)):
            if voisin is not None:
                lines.append(f"- **Chapitre {word}** : [{md_escape(voisin.titre)}]({relative(src, voisin.src_path)})")
    folder = KINDS[ressource.type]["dossier"]
    if folder:
        lines.append(f"- **Type** : [{md_escape(KINDS[ressource.type]['pluriel'])}]({relative(src, f'{folder}/index.md')})")
    lines += ["", "</div>"]
    if renderer is not None and ressource.type in guide.DESIGNATIONS:
        lines += ["", guide.illustrees_par(renderer, src, ressource, guide.DESIGNATIONS[ressource.type])]
    return "\n".join(lines)


@dataclass
class Build:
    config: MkDocsConfig
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

    def __post_init__(self) -> None:
        root = Path(self.config.config_file_path or ".").resolve().parent
        self.project = loader.Project.at(root, Path(self.config.docs_dir))
        contribution.configure(self.config)
        hors_ligne.localise_polyfills(self.config)
        self.theme_hors_ligne = hors_ligne.set_aside_search_partials(self.config) if hors_ligne.is_copy() else None
        self.date = reproductible.date_de_reference(root)

    @property
    def include_drafts(self) -> bool:
        return os.environ.get(DRAFTS_VARIABLE, "1") != "0"

    @property
    def make_pdf(self) -> bool:
        return os.environ.get(PDF_VARIABLE, "0") == "1"

    def on_files(self, files: Files) -> Files:
        corpus, problems = loader.load(self.project, include_drafts=self.include_drafts)
        if os.environ.get(UNSAFE_VARIABLE) == "avertir":
            for problem in [p for p in problems.items if p.unsafe]:
                log.warning("HTML dangereux gardé pour un test : %s", problem)
            problems.items = [p for p in problems.items if not p.unsafe]
        if problems:
            raise PluginError("Le corpus contient des erreurs :\n" + problems.report())
        self.corpus = corpus
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
        self.referencement = Referencement(self.config, self.project.root, self.project.docs_dir,
                                           self.project.root / "overrides" / TEMPLATES_FOLDER, corpus, self.project.schemas)
        self.referencement.on_files(files)
        contribution.add_files(self.config, self.project, corpus, files)
        self._register_macro_variables()
        log.info("Corpus : %d ressources, %d territoires, %d programmes, %d pages générées",
                 len(corpus.ressources), len(corpus.territoires), len(corpus.programmes), len(self.generated))
        return files

    def _add_page(self, files: Files, page: GeneratedPage) -> None:
        existing = files.get_file_from_path(page.src_path)
        if existing is not None and not existing.generated_by:
            log.debug("%s existe dans docs/ : la page générée n'est pas produite", page.src_path)
            return
        if existing is not None:
            files.remove(existing)
        self.generated[page.src_path] = page
        files.append(File.generated(self.config, page.src_path, content=page.content))

    def _add_release(self, files: Files, renderer: Renderer) -> None:
        """The open data of /donnees/ and its page (fabrique.donnees)."""
        release = donnees.build_release(self.project, self.corpus, self.project.schemas, self.config.site_url or "", self.include_drafts)
        for path, content in release.all_files().items():
            files.append(File.generated(self.config, path, content=content))
        self._add_page(files, donnees_page.page(release, renderer))

    def _add_offline_copy(self, files: Files) -> None:
        """With FABRIQUE_OFFLINE=1: the zip of the site built for file:// (fabrique.hors_ligne)."""
        if not hors_ligne.requested():
            return
        jour, _ = donnees.release_date(self.project, self.corpus)
        config_file = Path(self.config.config_file_path).resolve()
        self.copie_hors_ligne = hors_ligne.build_copy(config_file, bool(self.config.strict), jour, donnees.release_epoch(self.project))
        files.append(File.generated(self.config, hors_ligne.ZIP_PATH, abs_src_path=str(self.copie_hors_ligne.zip)))
        log.info("Copie hors ligne : %s (%s)", hors_ligne.ZIP_PATH, self.copie_hors_ligne.taille)

    def on_post_build(self) -> None:
        self._write_manifeste()
        if hors_ligne.is_copy():
            hors_ligne.rewrite_folder_links(Path(self.config.site_dir))
            hors_ligne.inline_svg_uses(Path(self.config.site_dir))
        if self.copie_hors_ligne is not None:
            self.copie_hors_ligne.cleanup()
        if self.theme_hors_ligne is not None:
            shutil.rmtree(self.theme_hors_ligne, ignore_errors=True)
        self._make_guide_pdf()
        self._index_search()

    def _is_draft_file(self, file: File) -> bool:
        path = self.project.docs_dir / file.src_uri
        text = path.read_text(encoding="utf-8", errors="replace")
        front, _, _ = loader.split_front_matter(text)
        return front is not None and "statut: brouillon" in front

    def _register_macro_variables(self) -> None:
        plugin = self.config.plugins.get("macros")
        if plugin is None:
            return
        variables = {"corpus": self.corpus, "hors_ligne": self.copie_hors_ligne}
        current = getattr(plugin, "variables", None) or {}
        if "corpus" in current:
            current.update(variables)
        else:
            plugin.register_variables(variables)
        macros = {**guide.macros(self.corpus, self.renderer), **accueil.macros(self.corpus, self.renderer)}
        if all(name in (getattr(plugin, "macros", None) or {}) for name in macros):
            plugin.macros.update(macros)
            plugin.variables["macros"].update(macros)
            plugin.env.globals.update(macros)
        else:
            plugin.register_macros(macros)

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        """Runs before mkdocs-macros: contributed and generated pages never render macros."""
        ressource = self.by_src.get(page.file.src_uri)
        if self.date:
            page.update_date = self.date
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
        """Second line of defence: the rendered HTML of contributed pages goes through nh3."""
        ressource = self.by_src.get(page.file.src_uri)
        if ressource is not None and ressource.contribuee:
            return sanitise(html)
        return html

    def _context_block(self, ressource: Ressource) -> str:
        if not self.facet_labels:
            self.facet_labels = facet_labels(self.project.schemas)
        return context_block(ressource, self.corpus, self.renderer, self.facet_labels)

    def page_context(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        ressource = self.by_src.get(page.file.src_uri)
        context["fabrique_ressource"] = ressource
        if self.referencement is not None:
            generated = self.generated.get(page.file.src_uri)
            self.referencement.page_context(context, page, ressource, generated.template if generated else None)
        page.edit_url = contribution.edit_url(page, self.config, self.project, self.corpus, self.generated)
        self.manifeste.add(page.meta.get(gabarits.META_KEY), page.url)
        return context

    def _index_search(self) -> None:
        """Index the built site for the search of the header (Pagefind), unless Material's search is configured."""
        if "material/search" in self.config.plugins or "search" in self.config.plugins:
            return
        try:
            recherche.index(Path(self.config.site_dir))
        except recherche.SearchIndexError as error:
            raise PluginError(str(error)) from error

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
