"""What the site publishes for contributors: the JSON Schemas, the web editor, the guide.

- ``/schemas/*.schema.json``: the schemas of ``data/schemas/``, for editors (the
  ``yaml-language-server`` modeline) and for anyone reusing the data;
- ``/admin/``: the Decap CMS web editor (:mod:`.decap`): its page, its configuration, its preview
  script, and Decap's own files copied from ``editeur/node_modules``;
- ``/contribuer/``: the contribution guide, the repository's ``CONTRIBUTING.md`` as a page;
- the "Modifier cette page" address of generated pages, pointing at their data file.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import decap, hors_ligne
from .loader import Project
from .model import Corpus

log = get_plugin_logger("fabrique")

#: Where the schemas are published in the site.
SCHEMAS_FOLDER = "schemas"

#: The page made from ``CONTRIBUTING.md``.
GUIDE_PAGE = "contribuer.md"

#: Environment variable: address of the OAuth relay Decap's GitHub backend signs in through.
AUTH_VARIABLE = "FABRIQUE_DECAP_AUTH_URL"


#: Branch edited by "Modifier cette page" when ``FABRIQUE_EDIT_URI`` is not set.
DEFAULT_EDIT_URI = "edit/main/docs/"


#: ``config.extra`` key: true when the site has the web editor (the offline copy has none).
EDITOR_EXTRA = "fabrique_editeur"


def configure(config: MkDocsConfig) -> None:
    """With a repository address but no ``edit_uri``, edit the ``main`` branch (MkDocs says master);
    say whether the site has the web editor, for the sketch banner's link."""
    config.extra[EDITOR_EXTRA] = not hors_ligne.is_copy()
    if config.repo_url and not os.environ.get("FABRIQUE_EDIT_URI") and config.edit_uri in (None, "", "edit/master/docs/"):
        config.edit_uri = DEFAULT_EDIT_URI


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def add_files(config: MkDocsConfig, project: Project, corpus: Corpus, files: Files) -> None:
    """Add the schemas, the web editor and the contribution guide to the site's files."""
    for path in sorted(project.schemas.folder.glob("*.schema.json")):
        _replace(files, File.generated(config, f"{SCHEMAS_FOLDER}/{path.name}", abs_src_path=str(path)))
    add_editor(config, project, corpus, files)
    guide = project.root / "CONTRIBUTING.md"
    if guide.is_file() and files.get_file_from_path(GUIDE_PAGE) is None:
        text = guide.read_text(encoding="utf-8").replace("](docs/", "](")  # its images, linked from the repository's root
        front = ("---\ndescription: Comment proposer une fiche ou corriger une page du corpus de la Fabrique des transitions.\n"
                 "fabrique_gabarit: page-contribuer\n---\n\n")
        files.append(File.generated(config, GUIDE_PAGE, content=front + text))


def add_editor(config: MkDocsConfig, project: Project, corpus: Corpus, files: Files) -> None:
    """``/admin/``: Decap CMS from ``editeur/`` (a French warning if it is not installed), its configuration and preview."""
    auth_url = os.environ.get(AUTH_VARIABLE) or None
    local_url = os.environ.get(decap.LOCAL_VARIABLE) or None
    data = decap.config(project.schemas, corpus, config.repo_url, config.edit_uri, config.site_url, auth_url, local_url)
    for collection in data["collections"]:
        for name in decap.missing_widgets(collection["fields"]):
            log.warning("data/schemas/ : champ « %s » de « %s » : aucun widget de l'éditeur ne lui correspond, "
                        "il manque au formulaire de /admin/ (fabrique.decap.field)", name, collection["name"])
    admin = decap.ADMIN_FOLDER
    _replace(files, File.generated(config, f"{admin}/config.yml", content=decap.config_yaml(data)))
    editor = decap.find_editor(project.root, Path(sys.prefix).parent)  # a copy of the project: the editor of .venv's repository
    if editor is None:
        log.warning("L'éditeur en ligne n'est pas installé (%s/node_modules/%s) : /admin/ ne l'affichera pas. "
                    "Lancez « bash .ci/setup », qui l'installe avec npm ci.", decap.EDITOR_FOLDER, decap.EDITOR_PACKAGE)
    else:
        if editor.version != editor.expected:
            log.warning("L'éditeur en ligne installé (%s %s) n'est pas la version de %s/package.json (%s) : relancez « bash .ci/setup ».",
                        decap.EDITOR_PACKAGE, editor.version, decap.EDITOR_FOLDER, editor.expected)
        for path in editor.files():
            _replace(files, File.generated(config, f"{admin}/{path.name}", abs_src_path=str(path)))
        theme = sorted(f"../{f.src_uri}" for f in files if f.src_uri.startswith("assets/stylesheets/") and f.src_uri.endswith(".min.css"))
        styles = theme + [f"../{path}" for path in config.extra_css]
        _replace(files, File.generated(config, f"{admin}/reglages.js", content=decap.settings_script(styles)))
    state = decap.SignIn(repository=data["backend"]["name"] == "github", relay=auth_url is not None, local=local_url is not None)
    _replace(files, File.generated(config, f"{admin}/index.html", content=decap.admin_html(config.site_name, editor, state)))


def root_edit_prefix(config: MkDocsConfig, project: Project) -> str | None:
    """The address that, followed by a path from the repository's root, edits that file."""
    if not config.repo_url or not config.edit_uri:
        return None
    docs = project.docs_dir.relative_to(project.root).as_posix().strip("/") + "/"
    if not config.edit_uri.endswith(docs):
        return None
    return config.repo_url.rstrip("/") + "/" + config.edit_uri[: -len(docs)].lstrip("/")


def edit_url(page: Page, config: MkDocsConfig, project: Project, corpus: Corpus, generated: dict[str, Any]) -> str | None:
    """"Modifier cette page": a page of docs/ edits itself; a generated page edits its data file."""
    src = page.file.src_uri
    if src not in generated and src != GUIDE_PAGE:
        return page.edit_url
    prefix = root_edit_prefix(config, project)
    if prefix is None:
        return None
    if src == GUIDE_PAGE:
        return prefix + "CONTRIBUTING.md"
    match = re.fullmatch(r"(territoires|programmes)/([a-z0-9-]+)\.md", src)
    if match:
        records = corpus.territoires if match.group(1) == "territoires" else corpus.programmes
        record = records.get(match.group(2))
        if record is not None and record.origin is not None:
            return prefix + record.origin.path
    return None
