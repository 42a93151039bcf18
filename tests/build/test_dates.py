"""One publication date and one modification date per resource, said the same everywhere.

Publication comes from the content (``date``, else ``annee`` as a year), modification from git
(last commit of the file, else ``mis_a_jour``). Read on the built site as readers read it: the
Atom feed with feedparser, the JSON-LD and the citation box of the page, the CSL-JSON, BibTeX and
RIS downloads, the sitemap and the « Nouveautés » page.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from sitehtml import NOT_PAGES
from citables import ROOT, PageCitable, load_csl, pages_citables, parse_bibtex, parse_ris

SITE_URL = "http://127.0.0.1:8000/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def publication(page: PageCitable) -> str | None:
    ressource = page.ressource
    return ressource.date or (str(ressource.annee) if ressource.annee else None)


def modification(page: PageCitable) -> str | None:
    ressource = page.ressource
    git = subprocess.run(["git", "log", "-1", "--format=%cs", "--", f"docs/{ressource.src_path}"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return ressource.meta.get("mis_a_jour") or git or ressource.date


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[PageCitable]:
    return pages_citables(built_site)


@pytest.fixture(scope="module")
def feed(built_site: Path) -> dict[str, feedparser.FeedParserDict]:
    parsed = feedparser.parse((built_site / "nouveautes/atom.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return {entry.link: entry for entry in parsed.entries}


@pytest.fixture(scope="module")
def sitemap(built_site: Path) -> dict[str, str]:
    tree = ElementTree.parse(built_site / "sitemap.xml")
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in tree.getroot()}


@pytest.fixture(scope="module")
def nouveautes(built_site: Path) -> dict[str, list[str]]:
    """Link of each row of « Nouveautés » -> its publication and update cells (datetime, or the text)."""
    soup = BeautifulSoup((built_site / "nouveautes/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {}
    for row in soup.select("article table tbody tr"):
        cells = row.find_all("td")
        link = posixpath.normpath(posixpath.join("nouveautes", cells[2].a["href"])).removesuffix("/index.html")
        rows[link + "/"] = [c.time["datetime"] if c.time else c.get_text(strip=True) for c in cells[:2]]
    return rows


def date_parts(value: str) -> list[int]:
    return [int(part) for part in value.split("-")]


def test_every_resource_has_the_same_dates_everywhere(pages, feed, sitemap, nouveautes) -> None:
    problems = []
    in_feed = 0
    for page in pages:
        url = page.ressource.url
        published, modified = publication(page), modification(page)
        assert modified, f"{url} : aucune date de modification (le site est construit depuis git)"
        [data] = [json.loads(s.string) for s in page.soup.find_all("script", type="application/ld+json")]
        seen = {
            "JSON-LD datePublished": data.get("datePublished"),
            "JSON-LD dateModified": data.get("dateModified"),
            "citation_publication_date": next(iter(page.meta("citation_publication_date")), "").replace("/", "-") or None,
        }
        credits = {dt.get_text(strip=True): dd.time["datetime"] for dt, dd in zip(page.soup.select(".fabrique-credits dt"),
                                                                                    page.soup.select(".fabrique-credits dd")) if dd.time}
        seen["encadré Publication"] = credits.get("Publication")
        seen["encadré Dernière mise à jour"] = credits.get("Dernière mise à jour")
        [csl] = load_csl(page.download("json"))
        seen["CSL issued"] = csl.get("issued", {}).get("date-parts")
        [bib] = parse_bibtex(page.download("bib"))
        seen["BibTeX year/date"] = (bib.get("year"), bib.get("date"))
        [ris] = parse_ris(page.download("ris"))
        seen["RIS PY/DA"] = (ris.get("year"), ris.get("date"))
        seen["sitemap lastmod"] = sitemap.get(SITE_URL + url)
        seen["Nouveautés"] = nouveautes.get(url)
        entry = feed.get(SITE_URL + url)
        if entry is not None:
            in_feed += 1
            seen["Atom published"] = entry.get("published")
            seen["Atom updated"] = entry.updated
        day = published if published and len(published) == 10 else None
        year = published[:4] if published else None
        expected = {
            "JSON-LD datePublished": published,
            "JSON-LD dateModified": modified,
            "citation_publication_date": published,
            "encadré Publication": published,
            "encadré Dernière mise à jour": modified,
            "CSL issued": [date_parts(published)] if published else None,
            "BibTeX year/date": (year, day),
            "RIS PY/DA": (year, day.replace("-", "/") if day else None),
            "sitemap lastmod": modified,
            "Nouveautés": [published or "s. d.", modified],
        }
        if entry is not None:
            # Atom: no made-up day for a year; ``updated`` is the last change.
            expected["Atom published"] = f"{day}T00:00:00Z" if day else None
            expected["Atom updated"] = f"{modified}T00:00:00Z"
        problems += [f"{url} : {what} = {seen[what]!r}, attendu {value!r}" for what, value in expected.items() if seen[what] != value]
    assert in_feed == min(30, len(pages))
    assert not problems, "\n".join(problems)


def test_no_resource_claims_a_publication_its_content_does_not_give(pages) -> None:
    """The year of the build is no resource's publication year."""
    for page in pages:
        if publication(page) is None:
            [data] = [json.loads(s.string) for s in page.soup.find_all("script", type="application/ld+json")]
            assert "datePublished" not in data, page.ressource.url
            assert ", s. d. Disponible sur" in page.citation


def test_every_page_links_the_feed_in_its_head(built_site: Path) -> None:
    missing = []
    for path in sorted(built_site.rglob("*.html")):
        shown = path.relative_to(built_site).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if shown in NOT_PAGES or soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # the Decap editor; a redirect to the page that replaces an old address
        link = soup.head.find("link", rel="alternate", type="application/atom+xml") if soup.head else None
        href = link["href"] if link else ""
        target = href[1:] if href.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(shown), href))
        if target != "nouveautes/atom.xml":
            missing.append(shown)
    assert not missing, "pages sans lien vers le flux Atom dans <head> : " + ", ".join(missing[:20])


def test_programme_pages_describe_the_series_their_resources_belong_to(built_site: Path, model) -> None:
    corpus, _ = model
    for programme in corpus.programmes.values():
        soup = BeautifulSoup((built_site / programme.url / "index.html").read_text(encoding="utf-8"), "html.parser")
        [data] = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
        assert data["@type"] == "CreativeWorkSeries" and data["name"] == programme.nom
        assert data["@id"] == SITE_URL + programme.url + "#programme"
        assert data.get("startDate") == (str(programme.debut) if programme.debut else None)
        assert [place["@id"] for place in data.get("spatialCoverage", [])] == [SITE_URL + t.url + "#lieu" for t, _ in programme.territoires]
        for ressource in [r for r in programme.ressources if r.citable]:
            article = BeautifulSoup((built_site / ressource.url / "index.html").read_text(encoding="utf-8"), "html.parser")
            [ld] = [json.loads(s.string) for s in article.find_all("script", type="application/ld+json")]
            assert data["@id"] in [p.get("@id") for p in ld["isPartOf"]], ressource.url
