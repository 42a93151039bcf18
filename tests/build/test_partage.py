"""Sharing a link: every page announces a card image (OpenGraph, Twitter) with its alternative
text, and ``robots.txt`` names the sitemap by its absolute address."""

from __future__ import annotations

import re
import urllib.robotparser
from pathlib import Path

import pytest
from PIL import Image

from sitehtml import Site

#: Pages no one shares: the error page answers any unknown address.
NOT_SHARED = {"404.html": "page d'erreur"}


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', home)
    assert canonical, "la page d'accueil n'a pas d'URL canonique"
    return Site.read(built_site, canonical.group(1))


def _content(page, attribute: str, name: str) -> str | None:
    tag = page.soup.find("meta", attrs={attribute: name})
    return tag.get("content") if tag else None


def test_every_page_announces_a_png_card_that_exists_with_its_alternative_text(site: Site) -> None:
    problems, cards = [], set()
    for page in site.pages.values():
        if page.path in NOT_SHARED or page.soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        image, alt = _content(page, "property", "og:image"), _content(page, "property", "og:image:alt")
        if not image or not image.startswith(site.site_url):
            problems.append(f"{page.path}: og:image vaut {image!r}, attendu une adresse absolue sous {site.site_url}")
            continue
        if not alt or len(alt) < 20:
            problems.append(f"{page.path}: og:image:alt absent ou trop court ({alt!r})")
        if _content(page, "name", "twitter:image") != image or _content(page, "name", "twitter:card") != "summary_large_image":
            problems.append(f"{page.path}: twitter:image ou twitter:card ne reprend pas la carte {image}")
        cards.add((image, _content(page, "property", "og:image:width"), _content(page, "property", "og:image:height")))
    assert len(site.pages) > 100
    assert not problems, "\n".join(problems[:50])
    for image, width, height in cards:
        path = site.root / image.removeprefix(site.site_url)
        assert path.is_file(), f"{image} n'est pas dans le site construit"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{image} n'est pas un PNG"
        with Image.open(path) as png:
            assert png.size == (int(width), int(height)), f"{image} : {png.size}, annoncé {width}×{height}"
            assert png.width >= 1200 and png.height >= 600, "les réseaux sociaux veulent au moins 1200×600 pour une grande carte"


def test_robots_txt_names_the_sitemap_by_its_absolute_address_and_lets_every_page_be_crawled(site: Site) -> None:
    text = (site.root / "robots.txt").read_text(encoding="utf-8")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    assert robots.site_maps() == [site.site_url + "sitemap.xml"], text
    assert (site.root / "sitemap.xml").is_file()
    for page in list(site.pages.values())[:50]:
        assert robots.can_fetch("*", site.site_url + page.url), f"robots.txt interdit {page.url}"
