"""The offline copy: the whole site, built a second time for ``file://``, as one zip.

``fabrique build --offline`` (or ``FABRIQUE_OFFLINE=1 mkdocs build``) first builds the site
into a temporary folder with Material's ``offline`` plugin on (``FABRIQUE_HORS_LIGNE_COPIE``:
no directory URLs, the search index inlined as a script, the Web Worker shim served locally),
zips it with sorted entries and fixed timestamps, and adds the zip to the published site at
:data:`ZIP_PATH`; the home page links it with its size and date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .donnees import date_fr, taille_fr

#: "1" asks the build for the offline copy.
OFFLINE_VARIABLE = "FABRIQUE_OFFLINE"
#: Set by the build for the inner build of the copy (read by mkdocs.yml: offline plugin).
COPY_VARIABLE = "FABRIQUE_HORS_LIGNE_COPIE"

ZIP_PATH = "hors-ligne/fabrique-des-transitions.zip"
FOLDER_IN_ZIP = "fabrique-des-transitions"
#: The local Web Worker shim, in place of the CDN address Material's offline plugin adds.
SHIM = "assets/vendor/iframe-worker/shim.js"


def requested() -> bool:
    return os.environ.get(OFFLINE_VARIABLE, "") == "1" and not is_copy()


def is_copy() -> bool:
    return os.environ.get(COPY_VARIABLE, "").lower() in ("1", "true")


def localise_polyfills(config: MkDocsConfig) -> None:
    """Replace the shim Material's offline plugin loads from a CDN with the local copy."""
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [SHIM if "iframe-worker" in str(url) else url for url in polyfills]


@dataclass
class CopieHorsLigne:
    """The zip made for this build, waiting in a temporary folder until MkDocs copies it."""

    zip: Path
    jour: str | None

    @property
    def taille(self) -> str:
        return taille_fr(self.zip.stat().st_size)

    @property
    def date(self) -> str:
        return date_fr(self.jour) if self.jour else ""

    @property
    def url(self) -> str:
        return ZIP_PATH

    def cleanup(self) -> None:
        shutil.rmtree(self.zip.parent, ignore_errors=True)


def build_copy(config_file: Path, strict: bool, jour: str | None, epoch: str | None) -> CopieHorsLigne:
    """Build the site for ``file://`` into a temporary folder and zip it."""
    work = Path(tempfile.mkdtemp(prefix="fabrique-hors-ligne-"))
    site = work / FOLDER_IN_ZIP
    env = {**os.environ, COPY_VARIABLE: "true", OFFLINE_VARIABLE: "0", "NO_MKDOCS_2_WARNING": "1"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir", str(site)]
    result = subprocess.run(command + (["--strict"] if strict else []), cwd=config_file.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise PluginError("La copie hors ligne n'a pas pu être construite :\n" + result.stderr[-4000:])
    target = work / "fabrique-des-transitions.zip"
    zip_folder(site, target, FOLDER_IN_ZIP, jour)
    shutil.rmtree(site)
    return CopieHorsLigne(target, jour)


def zip_folder(folder: Path, target: Path, prefix: str, jour: str | None = None) -> None:
    """A reproducible zip: entries sorted, one fixed timestamp, fixed permissions."""
    day = date.fromisoformat(jour) if jour else date(1980, 1, 1)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    paths = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def commit_epoch(root: Path) -> str | None:
    """SOURCE_DATE_EPOCH, else the time of the last commit (sitemap dates of the copy)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None
