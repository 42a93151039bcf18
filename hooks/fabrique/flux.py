"""The Atom feed of the newest resources, written with the standard library's XML tools.

Dates follow :mod:`fabrique.dates`. ``updated`` (required by RFC 4287) is the last modification
of the resource, the date feed readers show and sort by when there is no ``published``;
``published`` is written only when the content gives a day: a resource dated by its year alone
has none, rather than a made-up 1 January that readers would show as its day of publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin
from xml.etree import ElementTree

ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Article:
    """One entry of the feed."""

    titre: str
    url: str  # relative to the site's root
    publication: str | None  # AAAA-MM-JJ, or None when the content gives only a year (or nothing)
    modification: str  # AAAA-MM-JJ
    resume: str
    categorie: str


def atom(site_url: str, titre: str, sous_titre: str, auteur: str, page_url: str, feed_url: str, articles: list[Article]) -> str:
    """An Atom 1.0 document; every link absolute, built from ``site_url``."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    ElementTree.register_namespace("", ATOM)

    def sub(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": "fr"})
    sub(feed, "title", titre)
    sub(feed, "subtitle", sous_titre)
    sub(feed, "id", urljoin(base, page_url))
    sub(feed, "link", rel="alternate", type="text/html", href=urljoin(base, page_url))
    sub(feed, "link", rel="self", type="application/atom+xml", href=urljoin(base, feed_url))
    sub(feed, "updated", _timestamp(max((a.modification for a in articles), default="1970-01-01")))
    sub(sub(feed, "author"), "name", auteur)
    for article in articles:
        entry = sub(feed, "entry")
        url = urljoin(base, article.url)
        sub(entry, "title", article.titre)
        sub(entry, "id", url)
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        if article.publication:
            sub(entry, "published", _timestamp(article.publication))
        sub(entry, "updated", _timestamp(article.modification))
        sub(entry, "summary", article.resume)
        sub(entry, "category", term=article.categorie)
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"
