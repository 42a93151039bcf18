"""Permanent links: redirects from the former addresses of a resource, and the list of published URLs.

A resource records its former addresses in its front matter (``anciennes_adresses``): a bare
identifier is a former id in the same folder, a path with ``/`` is an address from the site's root.
Each one becomes a small HTML page (meta refresh, canonical link, a visible link in French).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Iterable

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .citations import Site
from .model import Corpus, Ressource
from .problems import Problems

FIELD = "anciennes_adresses"

#: Where the list of every published URL is kept (updated by ``fabrique urls --mettre-a-jour``).
PUBLISHED_LIST = "tests/urls-publiees.txt"


def ancienne_url(ressource: Ressource, adresse: str) -> str:
    """The site-relative URL (``fiches/ancien-id/``) that a recorded former address stands for."""
    adresse = adresse.strip().strip("/")
    for suffix in ("/index.html", ".html", ".md"):
        if adresse.endswith(suffix):
            adresse = adresse[: -len(suffix)]
    if "/" not in adresse:
        folder = posixpath.dirname(ressource.src_path)
        if ressource.src_path.endswith("/index.md"):
            folder = posixpath.dirname(folder)
        adresse = posixpath.join(folder, adresse) if folder else adresse
    return adresse.strip("/") + "/"


def anciennes_urls(ressource: Ressource) -> list[tuple[int, str]]:
    values = ressource.meta.get(FIELD) or []
    return [(index, ancienne_url(ressource, value)) for index, value in enumerate(values) if isinstance(value, str)]


def redirections(corpus: Corpus, problems: Problems | None = None, taken: Iterable[str] = ()) -> dict[str, Ressource]:
    """Former URL -> the resource now at another address. Conflicts are reported as problems."""
    problems = problems if problems is not None else Problems()
    current = {r.url: r for r in corpus.ressources}
    occupied = set(taken)
    found: dict[str, Ressource] = {}
    for ressource in sorted(corpus.ressources, key=lambda r: r.src_path):
        for index, url in anciennes_urls(ressource):
            origin = ressource.origin
            path, line = (origin.path, origin.line(FIELD, index)) if origin else (ressource.src_path, 1)
            field = f"{FIELD}[{index + 1}]"
            if url == ressource.url:
                problems.add(path, line, field, f"« {url} » est l'adresse actuelle de la page : retirez-la de la liste")
            elif url in current:
                other = current[url]
                problems.add(path, line, field, f"« {url} » est l'adresse d'une autre page ({other.origin.path if other.origin else other.src_path}) : une page existante ne peut pas être redirigée")
            elif url in occupied:
                problems.add(path, line, field, f"« {url} » est l'adresse d'une page générée du site : choisissez une autre adresse")
            elif url in found and found[url] is not ressource:
                first = found[url]
                problems.add(path, line, field, f"« {url} » est déjà redirigée vers {first.origin.path if first.origin else first.src_path} : une ancienne adresse ne mène qu'à une page")
            else:
                found[url] = ressource
    return found


def check(corpus: Corpus, problems: Problems) -> None:
    """Validation step of the loader: former addresses that cannot become redirects."""
    redirections(corpus, problems)


def page_redirection(templates: Path, ancienne: str, ressource: Ressource, site: Site) -> str:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    target = ressource.url
    relative = posixpath.relpath(target or ".", ancienne.rstrip("/") or ".")
    relative = "./" if relative == "." else relative + "/"
    return env.get_template("redirection.html").render(
        titre=ressource.titre,
        relative=relative,
        absolute=site.absolute(target),
        site=site,
    )


def redirect_files(templates: Path, corpus: Corpus, site: Site, taken: Iterable[str]) -> tuple[dict[str, str], Problems]:
    """Site path (``fiches/ancien-id/index.html``) -> HTML of the redirect page."""
    problems = Problems()
    found = redirections(corpus, problems, taken)
    return {url + "index.html": page_redirection(templates, url, ressource, site) for url, ressource in found.items()}, problems


# --- published URLs ---------------------------------------------------------------------------


def urls_du_site(site_dir: Path) -> list[str]:
    """Every address a built site answers with a page (redirect pages included), as ``/path/``."""
    urls: set[str] = set()
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir).as_posix()
        if relative == "404.html" or relative.startswith("assets/"):
            continue
        if relative == "index.html":
            urls.add("/")
        elif relative.endswith("/index.html"):
            urls.add("/" + relative[: -len("index.html")])
        else:
            urls.add("/" + relative)
    return sorted(urls)


def lire_liste(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


HEADER = (
    "# Adresses publiées par le site : chacune doit continuer de répondre (page ou redirection).\n"
    "# Mise à jour : fabrique urls --mettre-a-jour. Une page renommée garde son ancienne adresse\n"
    "# dans son en-tête (anciennes_adresses) ; retirez une ligne d'ici seulement si la page a été\n"
    "# supprimée volontairement.\n"
)


def ecrire_liste(path: Path, urls: Iterable[str]) -> None:
    path.write_text(HEADER + "".join(f"{url}\n" for url in sorted(set(urls))), encoding="utf-8")


def disparues(publiees: Iterable[str], site_dir: Path) -> list[str]:
    """Recorded addresses the built site no longer answers."""
    present = set(urls_du_site(site_dir))
    return sorted(url for url in publiees if url not in present)
