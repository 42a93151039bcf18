"""The municipales guide as one PDF, assembled from the guide's pages once the site is built.

Each chapter is the article of a built page; its ids are prefixed by the chapter id, links to
other chapters become links inside the PDF, links to the rest of the site become absolute
addresses on ``site_url``. WeasyPrint lays it out (cover, table of contents with page numbers,
running headers); :mod:`fabrique.typographie` sets the French spaces.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from .model import Proposition, Ressource
from .typographie import composer

#: Where the PDF goes, inside the site (and inside ``docs/`` for links to it).
PDF_PATH = "guide/guide-municipales-2026.pdf"
TITRE = "Municipales 2026 : ce que le bloc communal peut faire pour la bifurcation écologique de l'économie locale"

#: What a page shows on the web but not on paper.
RETIRES = (
    ".headerlink",
    ".md-content__button",
    ".md-source-file",
    ".fabrique-contexte",
    ".fabrique-citer",
    ".fabrique-bandeau",
    ".fabrique-brouillon",
    ".fabrique-pdf",
    "script",
    "form",
)

CSS = """
@page {
  size: A4;
  margin: 22mm 20mm 22mm 20mm;
  @top-left { content: "Guide municipales 2026"; font: 8pt "DejaVu Sans"; color: #555; }
  @top-right { content: string(chapitre); font: 8pt "DejaVu Sans"; color: #555; }
  @bottom-center { content: counter(page); font: 9pt "DejaVu Sans"; }
}
@page couverture { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
@page sommaire { @top-right { content: "Sommaire"; } }
html { font: 10.5pt/1.45 "DejaVu Serif", serif; color: #111; hyphens: auto; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", sans-serif; line-height: 1.2; break-after: avoid; hyphens: manual; }
h1 { font-size: 20pt; color: #00695c; string-set: chapitre content(); margin: 0 0 12pt; }
h2 { font-size: 14pt; color: #00695c; margin-top: 18pt; }
h3 { font-size: 11.5pt; margin-top: 14pt; }
h4 { font-size: 10.5pt; margin-top: 12pt; }
a { color: #00564b; text-decoration: none; }
a[href^="http"] { text-decoration: underline; }
.couverture { page: couverture; height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.couverture .surtitre { font: bold 12pt "DejaVu Sans"; color: #00695c; text-transform: uppercase; letter-spacing: 0.05em; }
.couverture h1 { font-size: 26pt; string-set: chapitre ""; color: #111; margin: 8pt 0 18pt; }
.couverture p { font-family: "DejaVu Sans"; }
.couverture .editeur { margin-top: 40mm; font-size: 10pt; color: #333; }
nav.sommaire { page: sommaire; break-before: page; }
nav.sommaire h1 { string-set: chapitre "Sommaire"; }
nav.sommaire ol { list-style: none; padding: 0; }
nav.sommaire li { margin: 4pt 0; hyphens: manual; }
nav.sommaire li.niveau-1 { font-family: "DejaVu Sans"; font-weight: bold; margin-top: 9pt; }
nav.sommaire li.niveau-2 { margin-left: 12pt; font-size: 9.5pt; }
nav.sommaire a { color: #111; }
nav.sommaire a::after { content: leader(".") target-counter(attr(href url), page); }
section.chapitre { break-before: page; }
.fabrique-proposition, .fabrique-recommandation { border-left: 2.5pt solid #00695c; padding: 0 0 0 9pt; margin: 10pt 0; break-inside: avoid-page; }
.fabrique-proposition ul, .fabrique-recommandation ul { font-size: 9.5pt; padding-left: 12pt; }
table { border-collapse: collapse; font-size: 9pt; }
td, th { border: 0.5pt solid #999; padding: 2pt 4pt; }
.annexe ul { list-style: none; padding-left: 0; font-size: 9.5pt; }
.annexe h2 { font-size: 11pt; margin-top: 10pt; }
.annexe a { color: #111; }
.annexe a::after { content: leader(".") target-counter(attr(href url), page); }
.colophon { font-size: 8.5pt; color: #333; margin-top: 24pt; }
"""


@dataclass
class Chapitre:
    id: str
    titre: str
    url: str
    html: str = ""


def _page_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url


def annexe_competences(propositions: list[Proposition], competences: dict[str, str], chapitre_ids: set[str]) -> str:
    """An appendix: the propositions under each communal competence, with their page."""
    blocs = []
    for key, label in competences.items():
        items = [p for p in propositions if key in p.competences and p.statut != "brouillon" and f"chapitre-{p.pilier}" in chapitre_ids]
        if not items:
            continue
        entries = "".join(
            f'<li><a href="#chapitre-{p.pilier}--{p.anchor}">{html.escape(p.titre)}</a></li>' for p in items
        )
        blocs.append(f"<h2 id=\"annexe--{key}\">{html.escape(label)}</h2><ul>{entries}</ul>")
    if not blocs:
        return ""
    return ('<section class="chapitre annexe" id="annexe-competences--section">'
            '<h1 id="annexe-competences">Annexe : les propositions par compétence</h1>'
            "<p>Chaque compétence du bloc communal, avec les propositions du guide qui la mobilisent.</p>"
            + "".join(blocs) + "</section>")


def assemble(site_dir: Path, pages: list[Ressource], site_url: str, site_name: str, annexe: str = "") -> str:
    """The HTML document of the guide: cover, table of contents, numbered chapters."""
    from bs4 import BeautifulSoup

    pages = [p for p in pages if p.statut != "brouillon" and _page_file(site_dir, p.url).is_file()]
    chapitres = [Chapitre(f"chapitre-{p.id}", p.titre, p.url) for p in pages]
    by_url = {c.url: c for c in chapitres}
    base = site_url if site_url.endswith("/") else site_url + "/"
    sommaire: list[tuple[int, str, str]] = []
    soups = {c.url: BeautifulSoup(_page_file(site_dir, c.url).read_text(encoding="utf-8"), "html.parser") for c in chapitres}
    for chapitre in chapitres:
        for url in _deplier_fiches(site_dir, soups[chapitre.url], chapitre.url):
            by_url.setdefault(url, chapitre)
    for numero, chapitre in enumerate(chapitres, start=1):
        soup = soups[chapitre.url]
        article = soup.select_one("article.md-content__inner") or soup.select_one("article") or soup.body
        for selector in RETIRES:
            for element in article.select(selector):
                element.decompose()
        for element in article.select("[id]"):
            element["id"] = f"{chapitre.id}--{element['id']}"
        for link in article.select("a[href]"):
            link["href"] = _rewrite(link["href"], chapitre, by_url, base)
        titre = article.find("h1")
        if titre is None:
            titre = soup.new_tag("h1")
            titre.string = chapitre.titre
            article.insert(0, titre)
        titre.string = f"{numero}. {titre.get_text(strip=True)}"
        titre["id"] = chapitre.id
        sommaire.append((1, chapitre.id, titre.string))
        for heading in article.find_all("h2"):
            if heading.get("id"):
                sommaire.append((2, heading["id"], heading.get_text(" ", strip=True)))
        article.name = "section"
        article.attrs = {"class": ["chapitre"], "id": f"{chapitre.id}--section"}
        chapitre.html = str(article)
    if annexe:
        sommaire.append((1, "annexe-competences", "Annexe : les propositions par compétence"))
    entries = "\n".join(
        f'<li class="niveau-{level}"><a href="#{html.escape(target)}">{html.escape(text)}</a></li>'
        for level, target, text in sommaire
    )
    document = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(TITRE)}</title>
<meta name="author" content="La Fabrique des transitions"><style>{CSS}</style></head>
<body>
<section class="couverture">
<p class="surtitre">Municipales des 15 et 22 mars 2026</p>
<h1>{html.escape(TITRE)}</h1>
<p>Un guide pour les candidates, les candidats et les nouveaux exécutifs : propositions, exemples des territoires et recommandations.</p>
<p class="editeur">{html.escape(site_name)}<br>
Version en ligne : <a href="{html.escape(urljoin(base, "guide/"))}">{html.escape(urljoin(base, "guide/"))}</a><br>
Édition du {date.today().strftime("%d/%m/%Y")}, sous licence Creative Commons BY-SA 4.0.</p>
</section>
<nav class="sommaire" aria-label="Sommaire"><h1>Sommaire</h1><ol>
{entries}
</ol></nav>
{"".join(c.html for c in chapitres)}
{annexe}
</body></html>"""
    soup = BeautifulSoup(document, "html.parser")
    composer(soup)
    return str(soup)


def _deplier_fiches(site_dir: Path, soup, url: str) -> set[str]:  # noqa: ANN001 (a BeautifulSoup)
    """Put back in a chapter the propositions or recommendations its web page only lists.

    On the site, a chapter lists the titles of the propositions of each axe, presented in full on
    the axe's page (the same for the recommendations). On paper, each list gives way to the full
    presentations, their headings at the level the list says; returns the URLs of those pages.
    """
    from bs4 import BeautifulSoup

    pages: dict[str, Any] = {}
    for bloc in soup.select(".fabrique-sommaire-fiches"):
        niveau = min(int(bloc.get("data-niveau", "3")), 6)
        for entree in bloc.select("li[id]"):
            lien = entree.find("a", href=True)
            if lien is None:
                continue
            cible = posixpath.normpath(posixpath.join("/" + url, urlsplit(lien["href"]).path)).lstrip("/") + "/"
            if cible not in pages:
                fichier = _page_file(site_dir, cible)
                pages[cible] = BeautifulSoup(fichier.read_text(encoding="utf-8"), "html.parser") if fichier.is_file() else None
            page = pages[cible]
            titre = page.find(id=entree["id"]) if page is not None else None
            carte = titre.find_parent(class_=("fabrique-proposition", "fabrique-recommandation")) if titre else None
            if carte is None:
                continue
            copie = BeautifulSoup(str(carte), "html.parser").find(class_=("fabrique-proposition", "fabrique-recommandation"))
            copie.find(id=entree["id"]).name = f"h{niveau}"
            for a in copie.select("a[href]"):
                parts = urlsplit(a["href"])
                if not (parts.scheme or a["href"].startswith("//") or not parts.path):
                    chemin = posixpath.normpath(posixpath.join("/" + cible, parts.path))
                    a["href"] = chemin + ("/" if parts.path.endswith("/") else "") + (f"#{parts.fragment}" if parts.fragment else "")
                elif not parts.path and parts.fragment:
                    a["href"] = "/" + cible + "#" + parts.fragment
            bloc.insert_before(copie)
        bloc.decompose()
    return {cible for cible, page in pages.items() if page is not None}


def _rewrite(href: str, chapitre: Chapitre, by_url: dict[str, Chapitre], base: str) -> str:
    """A link of a chapter, as it must work in the PDF."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return href
    if not parts.path:
        return f"#{chapitre.id}--{parts.fragment}" if parts.fragment else f"#{chapitre.id}"
    target = posixpath.normpath(posixpath.join("/" + chapitre.url, parts.path)).lstrip("/")
    if parts.path.endswith("/") and target:
        target += "/"
    if target.endswith("index.html"):
        target = target[: -len("index.html")]
    if target == ".":
        target = ""
    found = by_url.get(target)
    if found is not None:
        return f"#{found.id}--{parts.fragment}" if parts.fragment else f"#{found.id}"
    return urljoin(base, target) + (f"#{parts.fragment}" if parts.fragment else "")


def _fetcher(site_dir: Path):  # noqa: ANN202 (a WeasyPrint URL fetcher)
    """WeasyPrint may read the files of the built site, nothing else: no network, no other file."""
    from urllib.parse import unquote

    from weasyprint.urls import URLFetcher

    root = site_dir.resolve()

    class SiteFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):  # noqa: ANN001, ANN202
            if url.startswith("file:"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path == root or root in path.parents:
                    return super().fetch(url, headers)
            raise ValueError(f"ressource refusée dans le PDF (hors du site construit) : {url}")

    return SiteFetcher(allowed_protocols=["file"])


def build(site_dir: Path, pages: list[Ressource], site_url: str, site_name: str,
          propositions: list[Proposition] = (), competences: dict[str, str] | None = None) -> Path:
    """Write the guide's PDF into the built site; return its path."""
    from weasyprint import HTML

    chapitre_ids = {f"chapitre-{p.id}" for p in pages if p.statut != "brouillon"}
    annexe = annexe_competences(list(propositions), competences or {}, chapitre_ids)
    document = assemble(site_dir, pages, site_url, site_name, annexe)
    target = site_dir / PDF_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=document, base_url=str(site_dir) + "/", url_fetcher=_fetcher(site_dir)).write_pdf(target)
    return target
