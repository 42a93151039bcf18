"""The offline copy: the whole site, built a second time for ``file://``, as one zip.

``fabrique build --offline`` (or ``FABRIQUE_OFFLINE=1 mkdocs build``) first builds the site
into a temporary folder, zips it with sorted entries and fixed timestamps, and adds the zip to
the published site at :data:`ZIP_PATH`; the home page links it with its size and date.

What the copy changes, and why (a browser blocks ``fetch`` and module imports from ``file://``):

- Material's ``offline`` plugin: no directory URLs (``page.html``, not ``page/``), the search
  index inlined as a script, the search worker started through the ``iframe-worker`` shim,
  served from :data:`SHIM` instead of the CDN the plugin names;
- no instant navigation (it loads pages with XHR);
- links that name a folder (``fiches/gruissan/``, written by code that assumes directory
  URLs) are rewritten to the file of the page (``fiches/gruissan.html``), because from
  ``file://`` a folder shows a listing;
- an SVG drawing that a page takes from another file (``<use href="fond.svg#fond">``, which
  ``file://`` refuses) is copied into the page once;
- search is Material's own (lunr, the ``search`` plugin switched on even if the site uses
  another engine such as Pagefind, which needs a server), and the header and search partials
  of ``overrides/`` that replace Material's are set aside for the copy.

The copy is configured by a temporary ``.fabrique-hors-ligne-*.yml`` beside ``mkdocs.yml``
(``INHERIT`` of it, with the plugins above added): ``mkdocs.yml`` itself needs no entry.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import reglages
from .francais import date_fr, taille_fr
from .erreurs import ErreurDeConstruction

ZIP_PATH = "hors-ligne/fabrique-des-transitions.zip"
FOLDER_IN_ZIP = "fabrique-des-transitions"
#: The local Web Worker shim, in place of the CDN address Material's offline plugin adds.
SHIM = "assets/vendor/iframe-worker/shim.js"
#: The configuration of the copy, written beside mkdocs.yml for the time of the inner build
#: (one name per build, so that two builds at once never share it).
COPY_CONFIG_PREFIX = ".fabrique-hors-ligne-"
#: Material's search, as the copy configures it when the site's configuration has none.
SEARCH = {"lang": "fr", "separator": "[\\s\\-'’]+"}
#: Partials of ``overrides/`` that replace Material's search, set aside in the copy.
SEARCH_PARTIALS = ("partials/header.html", "partials/search.html")


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


def copy_plugins(plugins: Any) -> list[Any]:
    """The plugins of the copy: the site's, with Material's search switched on and ``offline``."""
    items = [{k: v} for k, v in plugins.items()] if isinstance(plugins, dict) else list(plugins or [])
    out: list[Any] = []
    has_search = False
    for item in items:
        name = item if isinstance(item, str) else next(iter(item))
        options = {} if isinstance(item, str) else dict(item[name] or {})
        if name in ("search", "material/search"):
            has_search = True
            options["enabled"] = True
        if name in ("offline", "material/offline"):
            continue
        out.append({name: options} if options else name)
    if not has_search:
        out.insert(0, {"search": dict(SEARCH)})
    out.append("offline")
    return out


def write_copy_config(config_file: Path, parent: dict[str, Any]) -> Path:
    """A temporary ``.fabrique-hors-ligne-*.yml``: mkdocs.yml (INHERIT) with the plugins of the copy.

    ``parent`` is mkdocs.yml as the engine reads it.
    """
    handle, name = tempfile.mkstemp(prefix=COPY_CONFIG_PREFIX, suffix=".yml", dir=config_file.parent)
    os.close(handle)
    target = Path(name)
    content: dict[str, Any] = {"INHERIT": config_file.name, "plugins": copy_plugins(parent.get("plugins"))}
    features = (parent.get("theme") or {}).get("features") or []
    if any(str(f).startswith("navigation.instant") for f in features):
        # instant navigation fetches pages with XHR, which file:// refuses
        content["theme"] = {"features": [f for f in features if not str(f).startswith("navigation.instant")]}
    target.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def build_copy(config_file: Path, parent: dict[str, Any], strict: bool, jour: str | None, epoch: str | None) -> CopieHorsLigne:
    """Build the site for ``file://`` into a temporary folder and zip it."""
    work = Path(tempfile.mkdtemp(prefix="fabrique-hors-ligne-"))
    site = work / FOLDER_IN_ZIP
    env = {**os.environ, **reglages.environnement(copie_hors_ligne=True, hors_ligne=False), "NO_MKDOCS_2_WARNING": "1"}
    if epoch:
        env[reglages.variable("source_date_epoch")] = epoch
    copy_config = write_copy_config(config_file, parent)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(copy_config), "--site-dir", str(site)]
    try:
        result = subprocess.run(command + (["--strict"] if strict else []), cwd=config_file.parent, env=env, capture_output=True, text=True)
    finally:
        copy_config.unlink(missing_ok=True)
    if result.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise ErreurDeConstruction("La copie hors ligne n'a pas pu être construite :\n" + result.stderr[-4000:])
    for folder in external_script_pages():
        shutil.rmtree(site / folder, ignore_errors=True)
    target = work / "fabrique-des-transitions.zip"
    zip_folder(site, target, FOLDER_IN_ZIP, jour)
    shutil.rmtree(site)
    return CopieHorsLigne(target, jour)


def external_script_pages() -> list[str]:
    """The folders useless without a network (the online editor), left out of the copy."""
    from .decap import ONLINE_ONLY_FOLDERS

    return sorted(ONLINE_ONLY_FOLDERS)


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


#: A relative link in an attribute: ``href="../fiches/gruissan/#contexte"``.
_RELATIVE_LINK = re.compile(r'(\b(?:href|src)=")((?:\.{1,2}/|[A-Za-z0-9_-])[^"#?:]*)([?#][^"]*)?"')


def _page_file(site: Path, path: str) -> str | None:
    """The file that shows ``path`` (inside the site), or None: itself, a folder's
    ``index.html``, or the ``.html`` file of a page whose directory URL it is."""
    path = posixpath.normpath(path)
    if path.startswith("../") or path == "..":
        return None
    if path != "." and (site / path).is_file():
        return path
    if (site / path / "index.html").is_file():
        return posixpath.normpath(posixpath.join(path, "index.html"))
    if path != "." and (site / f"{path}.html").is_file():
        return f"{path}.html"
    return None


def rewrite_folder_links(site: Path) -> int:
    """In the built copy, fix the links written for directory URLs (``page/``): a link to a
    folder names the page's file, and a link computed from ``page/`` (one level deeper than
    ``page.html``) is made relative to where the file really is. Returns the links changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        real = page.parent.relative_to(site).as_posix()
        bases = [real]
        if page.name != "index.html":
            bases.append(posixpath.join(real, page.stem))  # where the page would be with directory URLs

        def fix(match: re.Match[str]) -> str:
            nonlocal changed
            target = match.group(2)
            if not target.endswith("/") and _page_file(site, posixpath.join(real, target)) == posixpath.normpath(posixpath.join(real, target)):
                return match.group(0)
            for base in bases:
                found = _page_file(site, posixpath.join(base, target))
                if found is not None:
                    new = posixpath.relpath(found, real)
                    if new == target:
                        return match.group(0)
                    changed += 1
                    return f'{match.group(1)}{new}{match.group(3) or ""}"'
            return match.group(0)

        new_text = _RELATIVE_LINK.sub(fix, text)
        if new_text != text:
            page.write_text(new_text, encoding="utf-8")
    return changed


#: An SVG ``<use>`` of a drawing kept in another file of the site.
_USE_FILE = re.compile(r'(<use\b[^>]*?\bhref=")((?:\.{1,2}/|[A-Za-z0-9_-])[^"#:]*\.svg)#([^"]+)"')
_SVG_ROOT = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?<svg\b[^>]*>(.*)</svg>\s*\Z", re.S)
_BODY = re.compile(r"<body\b[^>]*>")


def inline_svg_uses(site: Path) -> int:
    """In the built copy: drawings used from another SVG file are copied into each page that
    uses them (hidden, once per page) and used from there. Returns the pages changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "<use" not in text:
            continue
        real = page.parent.relative_to(site).as_posix()
        sources: dict[str, str] = {}

        def local(match: re.Match[str]) -> str:
            path = posixpath.normpath(posixpath.join(real, match.group(2)))
            if path.startswith("..") or not (site / path).is_file():
                return match.group(0)
            found = _SVG_ROOT.match((site / path).read_text(encoding="utf-8"))
            if found is None:
                return match.group(0)
            sources.setdefault(path, found.group(1))
            return f'{match.group(1)}#{match.group(3)}"'

        new_text = _USE_FILE.sub(local, text)
        body = _BODY.search(new_text)
        if not sources or body is None:
            continue
        hidden = "".join(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" aria-hidden="true" focusable="false" '
            f'style="position:absolute;overflow:hidden" data-fabrique-copie="{path}">{content}</svg>'
            for path, content in sorted(sources.items())
        )
        page.write_text(new_text[: body.end()] + hidden + new_text[body.end():], encoding="utf-8")
        changed += 1
    return changed
