"""What each page cites: the « Sources » block at the end of every page, and its text for citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model import Corpus, DocumentSource


@dataclass
class Cite:
    """One document a page cites: a source record of the corpus, or a public document by title and address."""

    titre: str
    document: DocumentSource | None = None
    url: str | None = None
    parties: list[str] = field(default_factory=list)

    @property
    def texte(self) -> str:
        """« Titre (éditeur, date), parties » for a citation."""
        details = []
        if self.document is not None:
            details = [d for d in (self.document.editeur, self.document.quand) if d]
        head = f"{self.titre} ({', '.join(details)})" if details else self.titre
        if self.url:
            head += f", {self.url}"
        return head + (f" : {' ; '.join(self.parties)}" if self.parties else "")


def cites(corpus: Corpus, sources: Iterable[dict[str, Any]]) -> list[Cite]:
    """The documents named by ``sources`` entries, each once, its parts gathered in order."""
    found: dict[tuple[str, str], Cite] = {}
    for source in sources:
        document = corpus.sources.get(source.get("document") or "")
        if document is not None:
            key = ("document", document.id)
            cite = found.setdefault(key, Cite(document.titre, document))
        elif source.get("titre"):
            key = ("url", source.get("url") or "")
            cite = found.setdefault(key, Cite(source["titre"], url=source.get("url")))
        else:
            continue
        partie = source.get("partie")
        if partie and partie not in cite.parties:
            cite.parties.append(partie)
    return list(found.values())


def par_page(corpus: Corpus) -> dict[str, list[Cite]]:
    """Page (src path) -> the documents it cites, gathered from every record the page presents."""
    gathered: dict[str, list[dict[str, Any]]] = {}
    for _, _, src_path, _, sources in corpus.cited():
        gathered.setdefault(src_path, []).extend(sources)
    for document in corpus.sources.values():
        gathered.setdefault(document.src_path, []).append({"document": document.id})
    return {src_path: cites(corpus, sources) for src_path, sources in gathered.items()}
