"""Index pages: every facet value has its page, and every entry appears under each of its values.

Checked on the built HTML against the corpus model read by the loader, so that it holds for
whatever corpus is shipped.
"""

from __future__ import annotations

import posixpath
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from slugify import slugify

from fabrique import loader

from conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    model, problems = loader.load(loader.Project.at(ROOT))
    assert not problems, problems.report()
    return model


@pytest.fixture(scope="module")
def schemas():
    return loader.Project.at(ROOT).schemas


#: Links of a card that are not its entry: the territories and programme it names.
CARD_DETAILS = ".fabrique-vignettes > li > span a"


def page_links(site: Path, url: str, entries_only: bool = False) -> set[str]:
    """Site paths (``territoires/gruissan/``) of every link in the article of the page at ``url``
    and of the pages that follow it when it is a paginated list (« Page suivante »); with
    ``entries_only``, without the links a card adds to its entry."""
    found: set[str] = set()
    while url is not None:
        path = site / url / "index.html" if url.endswith("/") or not url else site / url
        assert path.is_file(), f"page absente : {url}"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        details = set(map(id, soup.select(f"article {CARD_DETAILS}"))) if entries_only else set()
        for a in soup.select("article a[href]"):
            if id(a) in details:
                continue
            href = a["href"].split("#")[0]
            if not href or "://" in href:
                continue
            target = posixpath.normpath(posixpath.join(url, href))
            found.add("" if target == "." else target.rstrip("/") + "/")
        following = soup.select_one("nav.fabrique-pagination a:-soup-contains('Page suivante')")
        url = posixpath.normpath(posixpath.join(url, following["href"])) + "/" if following else None
    return found


def article_text(site: Path, url: str) -> str:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text(" ").split())


def region_code(corpus, territoire) -> str | None:
    if territoire.type == "etranger":
        return "hors-de-france"
    if territoire.region:
        return territoire.region
    if territoire.departement in corpus.departements:
        return corpus.departements[territoire.departement][1]
    return territoire.code if territoire.type == "region" else None


def region_url(corpus, code: str) -> str:
    slug = code if code == "hors-de-france" else slugify(corpus.regions[code])
    return f"parcourir/regions/{slug}/"


def departement_of(territoire) -> str | None:
    return territoire.departement or (territoire.code if territoire.type == "departement" else None)


def years_of(territoire, corpus) -> set[int]:
    years = set()
    for participation in territoire.participations:
        programme = corpus.programmes[participation.programme_id]
        debut = participation.debut or programme.debut
        # an open participation (« depuis 2021 ») runs to the year of the build's last commit
        fin = participation.fin or programme.fin or corpus.annee_de_reference
        years.update(range(debut, max(debut, fin) + 1))
    return years


def expected_pages(corpus) -> dict[str, set[str]]:
    """Facet value page -> URLs of the entries it must list, from the raw fields of the model."""
    expected: dict[str, set[str]] = {}

    def add(page: str, url: str) -> None:
        expected.setdefault(page, set()).add(url)

    for r in corpus.ressources:
        if r.type == "page":
            continue
        for theme in r.theme_ids:
            add(f"parcourir/themes/{theme}/", r.url)
        for value in r.fondamentaux:
            add(f"parcourir/fondamentaux/{value}/", r.url)
        for value in r.fantastiques:
            add(f"parcourir/fantastiques/{value}/", r.url)
        for value in r.dimensions:
            add(f"parcourir/dimensions/{value}/", r.url)
        if r.annee:
            add(f"parcourir/annees/{r.annee}/", r.url)
        for programme in r.programme_ids:
            add(f"programmes/{programme}/", r.url)
        if r.genre.dossier:
            add(f"{r.genre.dossier}/", r.url)
        for territoire_id in r.territoire_ids:
            territoire = corpus.territoires[territoire_id]
            code = region_code(corpus, territoire)
            if code:
                add(region_url(corpus, code), r.url)
            departement = departement_of(territoire)
            if departement:
                add(f"parcourir/departements/{slugify(departement + '-' + corpus.departements[departement][0])}/", r.url)
    for t in corpus.territoires.values():
        url = f"territoires/{t.id}/"
        add("territoires/", url)
        code = region_code(corpus, t)
        if code:
            add(region_url(corpus, code), url)
        departement = departement_of(t)
        if departement:
            add(f"parcourir/departements/{slugify(departement + '-' + corpus.departements[departement][0])}/", url)
        for participation in t.participations:
            add(f"programmes/{participation.programme_id}/", url)
        for year in years_of(t, corpus):
            add(f"parcourir/annees/{year}/", url)
    for p in corpus.programmes.values():
        for theme in p.theme_ids:
            add(f"parcourir/themes/{theme}/", f"programmes/{p.id}/")
    return expected


def test_every_entry_appears_under_each_of_its_values(built_site, corpus):
    expected = expected_pages(corpus)
    assert len(expected) > 10
    missing = []
    for page, urls in sorted(expected.items()):
        links = page_links(built_site, page)
        missing += [f"{page} ne liste pas {url}" for url in sorted(urls - links)]
    assert not missing, "\n".join(missing)


def test_value_pages_list_nothing_else(built_site, corpus):
    """A value page lists exactly its entries: no resource or territory that lacks the value."""
    expected = expected_pages(corpus)
    entry_urls = {r.url for r in corpus.ressources if r.type != "page"} | {f"territoires/{t}/" for t in corpus.territoires}
    for page, urls in expected.items():
        if not page.startswith("parcourir/"):
            continue
        listed = page_links(built_site, page, entries_only=True) & entry_urls
        assert listed == urls & entry_urls, page


def test_every_enumerated_value_and_theme_has_a_page(built_site, corpus, schemas):
    """Values come from the JSON Schemas and data/themes.yml, each with its own stable URL."""
    for facet, field in (("fondamentaux", "fondamentaux"), ("fantastiques", "fantastiques"), ("dimensions", "dimensions")):
        labels = schemas.labels("ressource", field)
        assert labels
        index = page_links(built_site, f"parcourir/{facet}/")
        for value, label in labels.items():
            url = f"parcourir/{facet}/{value}/"
            assert url in index, f"{url} absent de l'index des {facet}"
            soup = BeautifulSoup((built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
            assert " ".join(soup.h1.get_text().replace("¶", "").split()) == label
    themes_index = page_links(built_site, "parcourir/themes/")
    for theme in corpus.themes.values():
        assert f"parcourir/themes/{theme.id}/" in themes_index
        assert theme.nom in article_text(built_site, f"parcourir/themes/{theme.id}/")


def test_facet_index_pages_show_the_model_counts(built_site, corpus):
    """The themes index gives, for each theme, the number of resources and programmes that carry it."""
    soup = BeautifulSoup((built_site / "parcourir/themes/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.select_one("td a")["href"].strip("./").split("/")[-1]: [td.get_text(strip=True) for td in tr.select("td")]
            for tr in soup.select("article table tbody tr")}
    for theme in corpus.themes.values():
        ressources = sum(1 for r in corpus.ressources if r.type != "page" and theme.id in r.theme_ids)
        programmes = sum(1 for p in corpus.programmes.values() if theme.id in p.theme_ids)
        assert rows[theme.id][1] == str(ressources), theme.id
        assert rows[theme.id][3] == str(programmes), theme.id
        assert rows[theme.id][4] == str(ressources + programmes), theme.id


def test_year_and_region_indexes_list_every_value_present(built_site, corpus):
    years = {r.annee for r in corpus.ressources if r.annee and r.type != "page"}
    for t in corpus.territoires.values():
        years |= years_of(t, corpus)
    index = page_links(built_site, "parcourir/annees/")
    assert {f"parcourir/annees/{y}/" for y in years} <= index
    regions = {region_code(corpus, t) for t in corpus.territoires.values()} - {None}
    index = page_links(built_site, "parcourir/regions/")
    assert {region_url(corpus, code) for code in regions} <= index


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def a_to_z_pages(built_site) -> list[tuple[str, BeautifulSoup]]:
    """The pages of the A–Z, followed through their pagination (« Page suivante »)."""
    pages = []
    url = "parcourir/a-z/"
    while url is not None:
        soup = BeautifulSoup((built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        pages.append((url, soup))
        following = soup.select_one("nav.fabrique-pagination a:-soup-contains('Page suivante')")
        url = posixpath.normpath(posixpath.join(url, following["href"])) + "/" if following else None
    return pages


def test_a_to_z_lists_everything_in_order(built_site, corpus):
    """Every entry once, in order, across the pages; each letter heads the page where it begins,
    and the row of letters on every page links there."""
    pages = a_to_z_pages(built_site)
    assert len(pages) > 1, "le corpus livré dépasse une page de l'index de A à Z"
    listed = [a.get_text(" ", strip=True) for _, soup in pages for a in soup.select("article .fabrique-liste li > a")]
    titles = [r.titre for r in corpus.ressources if r.type != "page"] + [t.nom for t in corpus.territoires.values()] + [
        p.nom for p in corpus.programmes.values()]
    assert sorted(listed) == sorted(titles)
    headings = [(url, h.get_text(strip=True).rstrip("¶"), h.get("id")) for url, soup in pages for h in soup.select("article h2:not(#fabrique-sources-titre)")]
    letters = [text for _, text, _ in headings if not text.endswith("(suite)")]
    assert letters == sorted(letters, key=lambda l: (not l.isalpha(), l))
    assert len(set(letters)) == len(letters)
    seen: list[str] = []
    for url, soup in pages:
        texts = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2:not(#fabrique-sources-titre)")]
        for position, text in enumerate(texts):
            if text.endswith(" (suite)"):
                # a letter continued from the page before: it comes first and began earlier
                assert position == 0 and seen and seen[-1] == text.removesuffix(" (suite)"), (url, text)
            else:
                seen.append(text)
    begins = {text: f"{url}#{ident}" for url, text, ident in headings if not text.endswith("(suite)")}
    for url, soup in pages:
        row = {a.get_text(strip=True): posixpath.normpath(posixpath.join(url, a["href"].split("#")[0])) + "/#" + a["href"].split("#")[1]
               for a in soup.select("nav.fabrique-lettres a")}
        assert row == begins, url


def test_home_reaches_every_resource_in_three_clicks(built_site, corpus):
    """From the home page, through the navigation and the indexes, every resource is ≤ 3 clicks away."""
    def links(url: str) -> set[str]:
        path = built_site / url / "index.html"
        if not path.is_file():
            return set()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found = set()
        for a in soup.select("a[href]"):
            href = a["href"].split("#")[0].split("?")[0]
            if not href or "://" in href or href.endswith((".xml", ".json", ".css", ".js")):
                continue
            target = posixpath.normpath(posixpath.join(url, href))
            found.add("" if target == "." else target.rstrip("/") + "/")
        return found

    seen = {""}
    frontier = {""}
    for _ in range(3):
        frontier = {target for url in frontier for target in links(url)} - seen
        seen |= frontier
    missing = [r.url for r in corpus.ressources if r.url not in seen]
    assert not missing


def test_navigation_stays_small(built_site, corpus):
    """The navigation lists sections and index pages, never every resource or territory."""
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav_links = soup.select("nav.md-nav--primary a[href]")
    assert len(nav_links) < 40
    hrefs = " ".join(a["href"] for a in nav_links)
    for territoire in corpus.territoires:
        assert f"territoires/{territoire}/" not in hrefs
    assert "parcourir/" in hrefs and "explorer/" in hrefs
