"""What the site publishes for contributors: the JSON Schemas, the web editor, the guide.

- ``/schemas/*.schema.json``: the schemas of ``data/schemas/``, for editors (the
  ``yaml-language-server`` modeline) and for anyone reusing the data;
- ``/admin/``: the Decap CMS web editor (:mod:`.decap`): its page, its configuration, its preview
  script, and Decap's own files copied from ``editeur/node_modules``;
- ``/contribuer/``: the contribution guide, the repository's ``CONTRIBUTING.md`` as a page;
- the "Modifier cette page" address of generated pages, pointing at their data file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from . import decap
from .journal import log
from .loader import Project
from .model import Corpus

#: Where the schemas are published in the site.
SCHEMAS_FOLDER = "schemas"

#: The page made from ``CONTRIBUTING.md``.
GUIDE_PAGE = "contribuer.md"

#: Branch edited by "Modifier cette page" when ``FABRIQUE_EDIT_URI`` is not set.
DEFAULT_EDIT_URI = "edit/main/docs/"


#: ``config.extra`` key: true when the site has the web editor (the offline copy has none).
EDITOR_EXTRA = "fabrique_editeur"


def edit_uri(repo_url: str | None, edit_uri: str | None, edit_uri_set: bool) -> str | None:
    """With a repository address but no ``edit_uri``, edit the ``main`` branch (MkDocs says master)."""
    if repo_url and not edit_uri_set and edit_uri in (None, "", "edit/master/docs/"):
        return DEFAULT_EDIT_URI
    return edit_uri


def files(project: Project, corpus: Corpus, site_name: str, repo_url: str | None, edit_uri: str | None, site_url: str | None,
          auth_url: str | None, has_guide_page: bool, local_url: str | None = None,
          stylesheets: list[str] | None = None) -> dict[str, str | Path]:
    """The schemas, the web editor and the contribution guide: site path -> text, or the file to copy."""
    out: dict[str, str | Path] = editor_files(project, corpus, site_name, repo_url, edit_uri, site_url, auth_url, local_url, stylesheets or [])
    for path in sorted(project.schemas.folder.glob("*.schema.json")):
        out[f"{SCHEMAS_FOLDER}/{path.name}"] = path
    guide = project.root / "CONTRIBUTING.md"
    if guide.is_file() and not has_guide_page:
        text = guide.read_text(encoding="utf-8").replace("](docs/", "](")  # its images, linked from the repository's root
        front = ("---\ndescription: Comment proposer une fiche ou corriger une page du corpus de la Fabrique des transitions.\n"
                 "fabrique_gabarit: page-contribuer\n---\n\n")
        out[GUIDE_PAGE] = front + text
    return out


def editor_files(project: Project, corpus: Corpus, site_name: str, repo_url: str | None, edit_uri: str | None,
                 site_url: str | None, auth_url: str | None, local_url: str | None, stylesheets: list[str]) -> dict[str, str | Path]:
    """``/admin/``: Decap CMS from ``editeur/`` (a French warning if it is not installed), its configuration
    and preview: site path -> text, or the file to copy. ``stylesheets``: the site's, from the site's root."""
    out: dict[str, str | Path] = {}
    data = decap.config(project.schemas, corpus, repo_url, edit_uri, site_url, auth_url, local_url)
    for collection in data["collections"]:
        for name in decap.missing_widgets(collection["fields"]):
            log.warning("data/schemas/ : champ « %s » de « %s » : aucun widget de l'éditeur ne lui correspond, "
                        "il manque au formulaire de /admin/ (fabrique.decap.field)", name, collection["name"])
    admin = decap.ADMIN_FOLDER
    out[f"{admin}/config.yml"] = decap.config_yaml(data)
    editor = decap.find_editor(project.root, Path(sys.prefix).parent)  # a copy of the project: the editor of .venv's repository
    if editor is None:
        log.warning("L'éditeur en ligne n'est pas installé (%s/node_modules/%s) : /admin/ ne l'affichera pas. "
                    "Lancez « bash .ci/setup », qui l'installe avec npm ci.", decap.EDITOR_FOLDER, decap.EDITOR_PACKAGE)
    else:
        if editor.version != editor.expected:
            log.warning("L'éditeur en ligne installé (%s %s) n'est pas la version de %s/package.json (%s) : relancez « bash .ci/setup ».",
                        decap.EDITOR_PACKAGE, editor.version, decap.EDITOR_FOLDER, editor.expected)
        for path in editor.files():
            out[f"{admin}/{path.name}"] = path
        out[f"{admin}/reglages.js"] = decap.settings_script([f"../{path}" for path in stylesheets],
                                                           [kind for kind, genre in project.schemas.pages.items() if genre.contribuee])
    state = decap.SignIn(repository=data["backend"]["name"] == "github", relay=auth_url is not None, local=local_url is not None)
    out[f"{admin}/index.html"] = decap.admin_html(site_name, editor, state)
    return out


def root_edit_prefix(repo_url: str | None, edit_uri: str | None, project: Project) -> str | None:
    """The address that, followed by a path from the repository's root, edits that file."""
    if not repo_url or not edit_uri:
        return None
    docs = project.docs_dir.relative_to(project.root).as_posix().strip("/") + "/"
    if not edit_uri.endswith(docs):
        return None
    return repo_url.rstrip("/") + "/" + edit_uri[: -len(docs)].lstrip("/")


def edit_url(src: str, own_edit_url: str | None, repo_url: str | None, edit_uri: str | None, project: Project, corpus: Corpus,
             generated: dict[str, Any]) -> str | None:
    """"Modifier cette page": a page of docs/ edits itself (``own_edit_url``); a generated page edits its data file."""
    if src not in generated and src != GUIDE_PAGE:
        return own_edit_url
    prefix = root_edit_prefix(repo_url, edit_uri, project)
    if prefix is None:
        return None
    if src == GUIDE_PAGE:
        return prefix + "CONTRIBUTING.md"
    records = {r.src_path: r for r in (*corpus.territoires.values(), *corpus.programmes.values())}
    record = records.get(src)
    if record is not None and record.origin is not None:
        return prefix + record.origin.path
    return None
