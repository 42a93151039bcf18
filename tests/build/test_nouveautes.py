"""The "Nouveautés" page and its Atom feed: newest resources first, dated, with absolute URLs."""

from __future__ import annotations

import subprocess

import feedparser
import pytest
from bs4 import BeautifulSoup

from fabrique import loader

from conftest import ROOT, run_mkdocs

SITE_URL = "http://127.0.0.1:8000/"


def dates(ressource) -> tuple[str | None, str | None]:
    """Publication from the content (day, else year), modification from git."""
    result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", f"docs/{ressource.src_path}"],
                            cwd=ROOT, capture_output=True, text=True)
    return ressource.date or (str(ressource.annee) if ressource.annee else None), result.stdout.strip() or ressource.date


@pytest.fixture(scope="module")
def newest():
    corpus, problems = loader.load(loader.Project.at(ROOT))
    assert not problems
    dated = [(dates(r), r) for r in corpus.ressources if r.type != "page"]
    # Newest publication first, then newest change, then in alphabetical order of title (the order of the page and the feed).
    by_title = sorted(dated, key=lambda pair: (pair[1].titre.casefold(), pair[1].id))
    return sorted(by_title, key=lambda pair: (pair[0][0] or "", pair[0][1] or ""), reverse=True)


def test_feed_parses_and_lists_the_newest_resources(built_site, newest):
    feed = feedparser.parse((built_site / "nouveautes/atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.link == SITE_URL + "nouveautes/"
    assert len(feed.entries) == min(30, len(newest))
    assert [entry.link for entry in feed.entries] == [SITE_URL + r.url for _, r in newest[: len(feed.entries)]]
    by_link = {entry.link: entry for entry in feed.entries}
    for (published, modified), ressource in newest[: len(feed.entries)]:
        entry = by_link[SITE_URL + ressource.url]
        assert entry.title == ressource.titre
        assert entry.updated.startswith(modified)
        if published and len(published) == 10:
            assert entry.published.startswith(published)
        else:
            assert "published" not in entry, f"{ressource.url} : une année seule ne devient pas un jour de publication"
        assert entry.summary == ressource.resume


def test_front_matter_date_comes_first_and_urls_follow_site_url(project, tmp_path):
    """A resource dated in its front matter is dated so, and the feed's links use site_url."""
    fiche = project / "docs/fiches/gruissan-station-sans-voiture.md"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(text.replace("annee: 2024\n", "annee: 2024\ndate: 2099-01-02\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site, env={"FABRIQUE_SITE_URL": "https://exemple.org/corpus/"})
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((site / "nouveautes/atom.xml").read_bytes())
    first = feed.entries[0]
    assert first.link == "https://exemple.org/corpus/fiches/gruissan-station-sans-voiture/"
    assert first.updated.startswith("2099-01-02")
    soup = BeautifulSoup((site / "nouveautes/index.html").read_text(encoding="utf-8"), "html.parser")
    row = soup.select_one("article table tbody tr")
    assert row.select_one("time")["datetime"] == "2099-01-02"
    assert "Gruissan" in row.get_text()
    assert soup.select_one("article a[type='application/atom+xml']")["href"] == "atom.xml"

