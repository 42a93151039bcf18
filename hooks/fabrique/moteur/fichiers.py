"""The one way the build adds a generated file to the site (MkDocs' file API)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .journal import log


def ajouter(files: Files, config: MkDocsConfig, path: str, content: str | bytes | Path) -> bool:
    """Add the generated file ``path`` (its text or bytes, or the file to copy).

    One rule for collisions: a file of ``docs/`` or of the theme wins over a generated one (which
    is then not added); a generated file replaces one generated before it. Returns True when added.
    """
    existing = files.get_file_from_path(path)
    if existing is not None and not existing.generated_by:
        log.debug("%s existe dans docs/ : le fichier généré n'est pas produit", path)
        return False
    if existing is not None:
        files.remove(existing)
    if isinstance(content, Path):
        files.append(File.generated(config, path, abs_src_path=str(content)))
    else:
        files.append(File.generated(config, path, content=content))
    return True
