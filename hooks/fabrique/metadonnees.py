"""Machine-readable metadata of a page: Highwire ``citation_*``, OpenGraph, Twitter card, JSON-LD.

Values are returned raw; the template escapes attributes, and :func:`json_ld` escapes the JSON
so that no corpus value can close the ``<script>`` element.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .citations import Reference, Site
from .geographie import position
from .partage import Carte
from .model import Corpus, Programme, Ressource, Territoire
from .schemas import Schemas

#: (attribute, name, content) of one ``<meta>`` element.
Balise = tuple[str, str, str]


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@dataclass
class MetaPage:
    """What the ``extrahead`` block writes for one page."""

    balises: list[Balise] = field(default_factory=list)
    json_ld: Markup | None = None


def _highwire_date(value: str) -> str:
    return value.replace("-", "/")


def highwire(ref: Reference) -> list[Balise]:
    """Highwire Press tags, as Google Scholar and Zotero read them."""
    tags: list[Balise] = [("name", "citation_title", ref.titre)]
    tags += [("name", "citation_author", a.nom) for a in ref.auteurs]
    if ref.date_publication:
        tags.append(("name", "citation_publication_date", _highwire_date(ref.date_publication)))
    tags += [
        ("name", "citation_publisher", ref.site.editeur),
        ("name", "citation_language", "fr"),
        ("name", "citation_public_url", ref.url),
    ]
    if ref.pdf_url:
        tags.append(("name", "citation_pdf_url", ref.pdf_url))
    if ref.themes:
        tags.append(("name", "citation_keywords", "; ".join(ref.themes)))
    return tags


def opengraph(site: Site, titre: str, description: str, url: str, article: Reference | None = None,
              carte: Carte | None = None) -> list[Balise]:
    tags: list[Balise] = [
        ("property", "og:type", "article" if article else "website"),
        ("property", "og:title", titre),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:site_name", site.nom),
        ("property", "og:locale", "fr_FR"),
    ]
    if article is not None:
        if article.date:
            tags.append(("property", "article:published_time", article.date))
        if article.mis_a_jour:
            tags.append(("property", "article:modified_time", article.mis_a_jour))
    if carte is not None:
        tags += [
            ("property", "og:image", carte.url),
            ("property", "og:image:type", carte.type),
            ("property", "og:image:width", str(carte.largeur)),
            ("property", "og:image:height", str(carte.hauteur)),
            ("property", "og:image:alt", carte.alt),
        ]
    tags += [
        ("name", "twitter:card", "summary_large_image" if carte else "summary"),
        ("name", "twitter:title", titre),
        ("name", "twitter:description", description),
    ]
    if carte is not None:
        tags += [("name", "twitter:image", carte.url), ("name", "twitter:image:alt", carte.alt)]
    return tags


def _schema_type(territoire: Territoire, schemas: Schemas) -> str:
    """The schema.org type declared for each kind of territory in territoire.schema.json (``Place`` otherwise)."""
    return schemas.properties("territoire").get("type", {}).get("x-schema-org", {}).get(territoire.type, "Place")


def _geo(territoire: Territoire) -> dict[str, Any] | None:
    found = position(territoire)
    if found is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": found[0], "longitude": found[1]}


def lieu(territoire: Territoire, corpus: Corpus, site: Site, schemas: Schemas, complet: bool = False) -> dict[str, Any]:
    """A territory as a schema.org ``Place`` (``AdministrativeArea`` for an administrative one)."""
    url = site.absolute(territoire.url)
    data: dict[str, Any] = {"@type": _schema_type(territoire, schemas), "@id": url + "#lieu", "name": territoire.nom, "url": url}
    geo = _geo(territoire)
    if geo:
        data["geo"] = geo
    if not complet:
        return data
    data = {"@context": "https://schema.org", **data}
    if territoire.description:
        data["description"] = " ".join(territoire.description.split())
    if territoire.code:
        data["identifier"] = territoire.code
    containers: list[dict[str, Any]] = []
    departement = corpus.departements.get(territoire.departement or "")
    if departement and territoire.type != "departement":
        containers.append({"@type": "AdministrativeArea", "name": departement[0]})
    region = corpus.region_of(territoire)
    if region and region in corpus.regions and territoire.type != "region":
        containers.append({"@type": "AdministrativeArea", "name": corpus.regions[region]})
    if containers:
        data["containedInPlace"] = containers[0] if len(containers) == 1 else containers
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "FR" if not territoire.pays else territoire.pays}
    if region and region in corpus.regions:
        address["addressRegion"] = corpus.regions[region]
    data["address"] = address
    return data


def _programme(programme: Programme, site: Site) -> dict[str, Any]:
    url = site.absolute(programme.url)
    return {"@type": "CreativeWorkSeries", "@id": url + "#programme", "name": programme.nom, "url": url}


def serie(programme: Programme, site: Site) -> dict[str, Any]:
    """A programme as a schema.org ``CreativeWorkSeries``: the series of resources it produced.

    The same ``@id`` as the ``isPartOf`` of its resources' ``Article``, so the two describe one
    thing (the resources are not repeated here: the page lists them 30 at a time and must stay
    light); ``startDate``/``endDate`` are its years, said as years.
    """
    data: dict[str, Any] = {"@context": "https://schema.org", **_programme(programme, site), "inLanguage": "fr",
                            "publisher": {"@type": "Organization", "name": site.editeur, "url": site.url}}
    if programme.description:
        data["description"] = " ".join(programme.description.split())
    if programme.debut:
        data["startDate"] = str(programme.debut)
    if programme.fin:
        data["endDate"] = str(programme.fin)
    if programme.themes:
        data["about"] = [{"@type": "DefinedTerm", "name": t.nom, "termCode": t.id} for t in programme.themes]
    if programme.territoires:  # by reference: each territory's page describes it in full
        data["spatialCoverage"] = [{"@id": site.absolute(t.url) + "#lieu"} for t, _ in programme.territoires]
    return data


def article(ref: Reference, ressource: Ressource, corpus: Corpus, schemas: Schemas) -> dict[str, Any]:
    """A resource as a schema.org ``Article``."""
    site = ref.site
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": ref.url,
        "url": ref.url,
        "mainEntityOfPage": ref.url,
        "headline": ref.titre,
        "name": ref.titre,
        "description": ref.resume,
        "genre": ref.genre,
        "inLanguage": "fr",
        "author": [{"@type": "Organization" if a.organisation else "Person", "name": a.nom} for a in ref.auteurs],
        "publisher": {"@type": "Organization", "name": site.editeur, "url": site.url},
        "license": ref.licence.url or ref.licence.nom,
        "isPartOf": [_programme(p, site) for p in ressource.programmes] + [{"@type": "WebSite", "name": site.nom, "url": site.url}],
    }
    if ref.date_publication:
        data["datePublished"] = ref.date_publication
    if ref.mis_a_jour:
        data["dateModified"] = ref.mis_a_jour
    if ressource.annee:
        data["temporalCoverage"] = str(ressource.annee)
    if ressource.themes:
        data["about"] = [{"@type": "DefinedTerm", "name": t.nom, "termCode": t.id} for t in ressource.themes]
    if ressource.territoires:
        data["spatialCoverage"] = [lieu(t, corpus, site, schemas) for t in ressource.territoires]
    if ref.pdf_url:
        data["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": ref.pdf_url}
    return data
