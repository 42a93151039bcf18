"""The shipped corpus builds with --strict, and the generated pages link where they should."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from fabrique import loader  # noqa: E402
from fabrique.schemas import Schemas  # noqa: E402

KINDS = Schemas(ROOT / "data/schemas").pages


@pytest.fixture(scope="module")
def corpus():
    corpus, problems = loader.load(loader.Project.at(ROOT))
    assert not problems, problems.report()
    return corpus


def html(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"page absente : {url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def links(soup: BeautifulSoup, base: str) -> set[str]:
    """Links of the article, resolved against the page URL, as site paths ending with '/'."""
    import posixpath

    found = set()
    for anchor in soup.select("article a[href]"):
        href = anchor["href"].split("#")[0]
        if not href or href.startswith(("http:", "https:", "mailto:")):
            continue
        path = posixpath.normpath(posixpath.join(base, href))
        found.add(path.strip("/") + "/" if path not in (".", "") else "")
    return found


def test_every_territory_page_exists_and_links_its_programmes_and_resources(built_site: Path, corpus) -> None:
    assert corpus.territoires
    for territoire in corpus.territoires.values():
        soup = html(built_site, territoire.url)
        assert soup.find("h1").get_text(strip=True).startswith(territoire.nom)
        targets = links(soup, "/" + territoire.url)
        for programme, _ in territoire.programmes:
            assert programme.url in targets, f"{territoire.url} ne lie pas {programme.url}"
        for ressource in territoire.ressources:
            assert ressource.url in targets, f"{territoire.url} ne lie pas {ressource.url}"


def test_every_programme_page_lists_its_territories(built_site: Path, corpus) -> None:
    assert corpus.programmes
    for programme in corpus.programmes.values():
        soup = html(built_site, programme.url)
        assert soup.find("h1").get_text(strip=True).startswith(programme.nom)
        targets = links(soup, "/" + programme.url)
        for territoire, _ in programme.territoires:
            assert territoire.url in targets
        for ressource in programme.ressources:
            assert ressource.url in targets
        if programme.territoires_declares is not None:
            assert str(programme.territoires_declares) in soup.select_one("article").get_text()


def test_resource_pages_link_back_to_their_territories_and_kind_index(built_site: Path, corpus) -> None:
    for ressource in corpus.ressources:
        if ressource.type == "page":
            continue
        soup = html(built_site, ressource.url)
        assert soup.find("h1") is not None
        targets = links(soup, "/" + ressource.url)
        for territoire in ressource.territoires:
            assert territoire.url in targets
        folder = KINDS[ressource.type].dossier
        assert f"{folder}/" in targets


def test_each_kind_has_an_index_listing_its_resources(built_site: Path, corpus) -> None:
    for kind, genre in KINDS.items():
        if not genre.dossier:
            continue
        soup = html(built_site, genre.dossier + "/")
        targets = links(soup, f"/{genre.dossier}/")
        for ressource in corpus.ressources_of(kind):
            if ressource.src_path != f"{genre.dossier}/index.md":
                assert ressource.url in targets, f"l'index {genre.dossier} ne lie pas {ressource.url}"


def test_navigation_lists_sections_not_every_resource(built_site: Path, corpus) -> None:
    soup = html(built_site, "")
    nav_links = soup.select("nav.md-nav--primary a.md-nav__link[href]")
    assert len(nav_links) < 40
    assert {"Territoires", "Programmes", "Fondamentaux"} <= {a.get_text(" ", strip=True) for a in nav_links}


def test_pages_are_french_with_title_and_description(built_site: Path, corpus) -> None:
    for url in ["", "territoires/", "programmes/", *(t.url for t in corpus.territoires.values())]:
        soup = html(built_site, url)
        assert soup.html["lang"] == "fr"
        assert soup.title and soup.title.get_text(strip=True)
        description = soup.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 20


def test_sketch_pages_show_the_invitation_to_complete(built_site: Path, corpus) -> None:
    sketches = [r for r in corpus.ressources if r.statut == "esquisse"]
    assert sketches
    for ressource in sketches:
        banner = html(built_site, ressource.url).select_one(".fabrique-bandeau")
        assert banner is not None and "Esquisse" in banner.get_text()


def test_no_third_party_host_in_built_html(built_site: Path) -> None:
    from fabrique.decap import EXTERNAL_SCRIPT_PAGES

    for path in built_site.rglob("*.html"):
        if any(path.relative_to(built_site).as_posix().startswith(folder) for folder in EXTERNAL_SCRIPT_PAGES):
            continue  # the documented exception: the web editor loads Decap CMS from its CDN
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.select("script[src], link[rel=stylesheet][href], img[src]"):
            source = tag.get("src") or tag.get("href")
            assert not source.startswith(("http:", "https:", "//")), f"{path}: {source}"
