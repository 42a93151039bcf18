"""Helpers shared by the citation tests: the citable resources of a built site, read as a reader sees them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
import rispy
import yaml
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from fabrique import loader
from fabrique.model import Ressource


@dataclass
class PageCitable:
    ressource: Ressource
    soup: BeautifulSoup
    site: Path

    @property
    def html_path(self) -> Path:
        return self.site / self.ressource.url / "index.html"

    def meta(self, name: str) -> list[str]:
        return [tag["content"] for tag in self.soup.find_all("meta", attrs={"name": name})]

    def prop(self, name: str) -> list[str]:
        return [tag["content"] for tag in self.soup.find_all("meta", attrs={"property": name})]

    @property
    def titre(self) -> str:
        """The title as the browser shows it in its tab (Material: « titre - site »)."""
        title = self.soup.title.get_text()
        site_name = site_config()["site_name"]
        suffix = " - " + site_name
        assert title.endswith(suffix), title
        return title[: -len(suffix)]

    @property
    def canonical(self) -> str:
        return self.soup.find("link", rel="canonical")["href"]

    @property
    def citation(self) -> str:
        """The French citation shown in « Citer cette ressource »."""
        return " ".join(self.soup.find(id="fabrique-citation-texte").get_text().split())

    def download(self, extension: str) -> str:
        link = self.soup.select_one(f'.fabrique-citer__formats a[download$=".{extension}"]')
        assert link is not None, f"pas de lien .{extension} sur {self.ressource.url}"
        target = (self.html_path.parent / link["href"]).resolve()
        return target.read_text(encoding="utf-8")


ROOT = Path(__file__).resolve().parent.parent


def site_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def corpus_of(root: Path):
    corpus, problems = loader.load(loader.Project.at(root))
    assert not problems, problems.report()
    return corpus


def pages_citables(site: Path, root: Path = ROOT) -> list[PageCitable]:
    corpus = corpus_of(root)
    pages = []
    for ressource in corpus.ressources:
        if not ressource.citable:
            continue
        html = (site / ressource.url / "index.html").read_text(encoding="utf-8")
        pages.append(PageCitable(ressource, BeautifulSoup(html, "html.parser"), site))
    return pages


def parse_bibtex(text: str) -> list[dict[str, str]]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return [{"ID": e.key, "ENTRYTYPE": e.entry_type, **{f.key: f.value for f in e.fields}} for e in library.entries]


def parse_ris(text: str) -> list[dict]:
    return rispy.loads(text)


def render_csl(items: list[dict]) -> list[str]:
    """Render CSL-JSON items with citeproc-py's standard Harvard style, in French."""
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", locale="fr-FR", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def load_csl(text: str) -> list[dict]:
    data = json.loads(text)
    assert isinstance(data, list)
    return data
