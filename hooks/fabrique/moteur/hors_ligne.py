"""The offline copy's ties to Material: its ``offline`` plugin's shim and its search partials."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from ..hors_ligne import SEARCH_PARTIALS, SHIM


def localise_polyfills(config: MkDocsConfig) -> None:
    """Replace the shim Material's offline plugin loads from a CDN with the local copy."""
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [SHIM if "iframe-worker" in str(url) else url for url in polyfills]


def set_aside_search_partials(config: MkDocsConfig) -> Path | None:
    """In the copy: Material's own header and search partials before those of ``overrides/``."""
    custom = config.theme.custom_dir
    overridden = [name for name in SEARCH_PARTIALS if custom and (Path(custom) / name).is_file()]
    if not overridden:
        return None
    material = next((Path(d) for d in config.theme.dirs if (Path(d) / "partials" / "search.html").is_file() and Path(d) != Path(custom)), None)
    if material is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="fabrique-hors-ligne-theme-"))
    for name in overridden:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(material / name, folder / name)
    config.theme.dirs.insert(0, str(folder))
    return folder


def lire_configuration(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (``!ENV`` tags resolved), for the copy's configuration."""
    with config_file.open("rb") as handle:
        return yaml_load(handle)
