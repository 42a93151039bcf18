"""Permanent links: redirects from the former addresses of a resource, and the list of published URLs.

A resource records its former addresses in its front matter (``anciennes_adresses``): a bare
identifier is a former id in the same folder, a path with ``/`` is an address from the site's root.
A territory or a programme records its former identifiers (``anciens_ids``) in its YAML file.
Each one becomes a small HTML page (meta refresh, canonical link, a visible link in French).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .citations import Site
from .model import Corpus, Programme, Ressource, Territoire
from .problems import Problems

FIELD = "anciennes_adresses"
#: The field of territories and programmes (data/) that lists their former identifiers.
FIELD_DATA = "anciens_ids"

#: Where the list of every published URL is kept (updated by ``fabrique urls --mettre-a-jour``).
PUBLISHED_LIST = "tests/urls-publiees.txt"


def ancienne_url(ressource: Ressource, adresse: str) -> str:
    """The site-relative URL (``fiches/ancien-id/``) that a recorded former address stands for."""
    rooted = adresse.strip().startswith("/") or "/" in adresse.strip().strip("/")
    adresse = adresse.strip().strip("/")
    for suffix in ("/index.html", ".html", ".md"):
        if adresse.endswith(suffix):
            adresse = adresse[: -len(suffix)]
    if not rooted:
        folder = posixpath.dirname(ressource.src_path)
        if ressource.src_path.endswith("/index.md"):
            folder = posixpath.dirname(folder)
        adresse = posixpath.join(folder, adresse) if folder else adresse
    return adresse.strip("/") + "/"


@dataclass(frozen=True)
class Redirection:
    """A former address and the page now answering for it, with where it was recorded."""

    ancienne: str
    cible: str
    titre: str
    path: str
    line: int
    champ: str


def _origin(record: Ressource | Territoire | Programme, keys: tuple) -> tuple[str, int]:
    origin = record.origin
    if origin is None:
        return getattr(record, "src_path", record.id), 1
    return origin.path, origin.line(*keys)


def demandes(corpus: Corpus) -> Iterator[Redirection]:
    """Every recorded former address: ``anciennes_adresses`` of pages, ``anciens_ids`` of territories and programmes."""
    for ressource in sorted(corpus.ressources, key=lambda r: r.src_path):
        values = ressource.meta.get(FIELD) or []
        for index, value in enumerate(values):
            if isinstance(value, str):
                path, line = _origin(ressource, (FIELD, index))
                yield Redirection(ancienne_url(ressource, value), ressource.url, ressource.titre, path, line, f"{FIELD}[{index + 1}]")
    for folder, records in (("territoires", corpus.territoires), ("programmes", corpus.programmes)):
        for record in sorted(records.values(), key=lambda r: r.id):
            for index, old in enumerate(record.anciens_ids):
                path, line = _origin(record, (FIELD_DATA, index))
                yield Redirection(f"{folder}/{old}/", record.url, record.nom, path, line, f"{FIELD_DATA}[{index + 1}]")


def redirections(corpus: Corpus, problems: Problems | None = None, taken: Iterable[str] = ()) -> dict[str, Redirection]:
    """Former URL -> its redirection. Conflicts are reported as problems."""
    problems = problems if problems is not None else Problems()
    current: dict[str, str] = {r.url: (r.origin.path if r.origin else r.src_path) for r in corpus.ressources}
    for records in (corpus.territoires, corpus.programmes):
        current.update({r.url: (r.origin.path if r.origin else r.id) for r in records.values()})
    occupied = set(taken)
    found: dict[str, Redirection] = {}
    for demande in demandes(corpus):
        url = demande.ancienne
        def add(message: str) -> None:
            problems.add(demande.path, demande.line, demande.champ, message)
        if url == demande.cible:
            add(f"« {url} » est l'adresse actuelle de la page : retirez-la de la liste")
        elif url in current:
            add(f"« {url} » est l'adresse d'une autre page ({current[url]}) : une page existante ne peut pas être redirigée")
        elif url in occupied:
            add(f"« {url} » est l'adresse d'une page générée du site : choisissez une autre adresse")
        elif url in found and found[url].cible != demande.cible:
            add(f"« {url} » est déjà redirigée depuis {found[url].path}:{found[url].line} : une ancienne adresse ne mène qu'à une page")
        else:
            found[url] = demande
    return found


def check(corpus: Corpus, problems: Problems) -> None:
    """Validation step of the loader: former addresses that cannot become redirects."""
    redirections(corpus, problems)


def page_redirection(templates: Path, redirection: Redirection, site: Site) -> str:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    relative = posixpath.relpath(redirection.cible or ".", redirection.ancienne.rstrip("/") or ".")
    relative = "./" if relative == "." else relative + "/"
    return env.get_template("redirection.html").render(
        titre=redirection.titre,
        relative=relative,
        absolute=site.absolute(redirection.cible),
        site=site,
    )


def redirect_files(templates: Path, corpus: Corpus, site: Site, taken: Iterable[str]) -> tuple[dict[str, str], Problems]:
    """Site path (``fiches/ancien-id/index.html``) -> HTML of the redirect page."""
    problems = Problems()
    found = redirections(corpus, problems, taken)
    return {url + "index.html": page_redirection(templates, redirection, site) for url, redirection in found.items()}, problems


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
