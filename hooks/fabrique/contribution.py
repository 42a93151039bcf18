"""What the site publishes for contributors: the JSON Schemas, the web editor, the guide.

- ``/schemas/*.schema.json``: the schemas of ``data/schemas/``, for editors (the
  ``yaml-language-server`` modeline) and for anyone reusing the data;
- ``/admin/index.html`` and ``/admin/config.yml``: the Decap CMS web editor (:mod:`.decap`);
- ``/contribuer/``: the contribution guide, the repository's ``CONTRIBUTING.md`` as a page;
- the "Modifier cette page" address of generated pages, pointing at their data file.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import decap
from .loader import Project
from .model import Corpus

#: Where the schemas are published in the site.
SCHEMAS_FOLDER = "schemas"

#: The page made from ``CONTRIBUTING.md``.
GUIDE_PAGE = "contribuer.md"

#: Environment variable: address of the OAuth relay Decap's GitHub backend signs in through.
AUTH_VARIABLE = "FABRIQUE_DECAP_AUTH_URL"


#: Branch edited by "Modifier cette page" when ``FABRIQUE_EDIT_URI`` is not set.
DEFAULT_EDIT_URI = "edit/main/docs/"


def configure(config: MkDocsConfig) -> None:
    """With a repository address but no ``edit_uri``, edit the ``main`` branch (MkDocs says master)."""
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
    data = decap.config(project.schemas, corpus, config.repo_url, config.edit_uri, config.site_url, os.environ.get(AUTH_VARIABLE) or None)
    _replace(files, File.generated(config, "admin/config.yml", content=decap.config_yaml(data)))
    configured = data["backend"]["name"] != "test-repo"
    _replace(files, File.generated(config, "admin/index.html", content=decap.admin_html(config.site_name, configured)))
    guide = project.root / "CONTRIBUTING.md"
    if guide.is_file() and files.get_file_from_path(GUIDE_PAGE) is None:
        text = guide.read_text(encoding="utf-8")
        front = ("---\ndescription: Comment proposer une fiche ou corriger une page du corpus de la Fabrique des transitions.\n"
                 "fabrique_gabarit: page-contribuer\n---\n\n")
        files.append(File.generated(config, GUIDE_PAGE, content=front + text))


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
    records = {r.src_path: r for r in (*corpus.territoires.values(), *corpus.programmes.values())}
    record = records.get(src)
    if record is not None and record.origin is not None:
        return prefix + record.origin.path
    return None
