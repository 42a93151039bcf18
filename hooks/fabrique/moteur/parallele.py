"""``fabrique build --jobs N``: the pages rendered and written by N processes.

``python -m fabrique.moteur.parallele --jobs N build --strict ...`` runs MkDocs' own ``build``
command with its two page loops handed out to N forked processes, through MkDocs' own page
functions (``_populate_page``: Markdown to HTML; ``_build_page``: the theme's template, written
to ``site_dir``):

1. after the navigation is built, the first call of ``_populate_page`` renders every page on the
   workers; each sends back what the page events left on the page (HTML, table of contents,
   metadata, title, anchors, date) and its log records, merged in page order (the titles of every
   page are then known to the navigation, as in a serial build);
2. the first call of ``_build_page`` forks again: each worker renders the templates of its pages
   and writes them; it sends back its log records and what ``on_page_context`` collects (the
   templates manifest), merged in page order.

The log records are emitted again by the parent, in page order, so that ``--strict`` counts
them once. A page that fails stops the build with its path and the error; a worker that dies
stops it too (never a hang). ``mkdocs build`` and ``mkdocs serve`` stay serial.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from ..gabarits import Manifeste
from . import evenements

#: MkDocs' own page functions, called by the workers.
_POPULATE = mkdocs_build._populate_page
_BUILD = mkdocs_build._build_page

#: What a page refers to and does not carry between processes (the parent has its own).
_STRUCTURE = frozenset({"file", "parent", "children", "previous_page", "next_page", "_Page__active", "active"})

#: Chunks per worker: small enough to balance the load, large enough to send little.
_MORCEAUX_PAR_PROCESSUS = 4


@dataclass
class Resultat:
    """What a worker sends back for its chunk: per page, its state and log records."""

    pages: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)
    erreur: tuple[int, str, list[dict[str, Any]]] | None = None


@dataclass
class _Etat:
    """The build state the workers inherit when they are forked."""

    jobs: int
    pages: list[Page] = field(default_factory=list)
    arguments: tuple[Any, ...] = ()
    rendues: bool = False
    ecrites: bool = False


_etat: _Etat | None = None


class _Capture(logging.Handler):
    """In a worker: MkDocs' log records, kept to be emitted by the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append({"name": record.name, "levelno": record.levelno, "levelname": record.levelname,
                             "msg": record.getMessage(), "args": None, "pathname": record.pathname, "lineno": record.lineno})

    def prendre(self) -> list[dict[str, Any]]:
        records, self.records = self.records, []
        return records


_capture: _Capture | None = None


def _capturer() -> _Capture:
    """Once per worker: MkDocs' log goes to a capture instead of the terminal and the strict count."""
    global _capture
    if _capture is None:
        _capture = _Capture()
        logger = logging.getLogger("mkdocs")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(_capture)
    return _capture


def _erreur(error: BaseException, records: list[dict[str, Any]]) -> str:
    """The error of a page, or the exit of a plugin (mkdocs-macros' ``on_error_fail``, which said why)."""
    if isinstance(error, SystemExit):
        said = any(r["levelno"] >= logging.WARNING for r in records)
        return f"un greffon a arrêté la construction (code {error.code})" + (", voir son message ci-dessus" if said else "")
    return f"{type(error).__name__} : {error}" if str(error) else type(error).__name__


def _etat_de_page(page: Page) -> dict[str, Any]:
    """What the page events left on the page; the files its anchors link to, by path."""
    state = {key: value for key, value in vars(page).items() if key not in _STRUCTURE}
    if state.get("links_to_anchors"):
        state["links_to_anchors"] = {file.src_uri: links for file, links in state["links_to_anchors"].items()}
    return state


def _rendre(indices: Sequence[int]) -> Resultat:
    """Worker, phase 1: Markdown to HTML (``_populate_page``) for these pages."""
    assert _etat is not None
    capture = _capturer()
    config, files, dirty = _etat.arguments
    out = Resultat()
    for index in indices:
        page = _etat.pages[index]
        try:
            _POPULATE(page, config, files, dirty)
        except (Exception, SystemExit) as error:  # noqa: BLE001 (reported by the parent, in French, with the page)
            records = capture.prendre()
            out.erreur = (index, _erreur(error, records), records)
            return out
        out.pages.append((index, _etat_de_page(page), capture.prendre()))
    return out


def _ecrire(indices: Sequence[int]) -> Resultat:
    """Worker, phase 2: template and file (``_build_page``) for these pages."""
    assert _etat is not None
    capture = _capturer()
    config, doc_files, nav, env, dirty = _etat.arguments
    build = evenements.courant()
    out = Resultat()
    for index in indices:
        page = _etat.pages[index]
        build.manifeste = Manifeste()
        try:
            _BUILD(page, config, doc_files, nav, env, dirty, excluded=page.file.inclusion.is_excluded())
        except (Exception, SystemExit) as error:  # noqa: BLE001
            records = capture.prendre()
            out.erreur = (index, _erreur(error, records), records)
            return out
        out.pages.append((index, {"manifeste": build.manifeste.pages}, capture.prendre()))
    return out


def morceaux(total: int, jobs: int) -> list[range]:
    """Consecutive chunks of ``range(total)``, a few per worker."""
    count = max(1, min(total, jobs * _MORCEAUX_PAR_PROCESSUS))
    bounds = [round(i * total / count) for i in range(count + 1)]
    return [range(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def repartir(travail: Callable[[Sequence[int]], Resultat], total: int, jobs: int, quoi: str,
             nom: Callable[[int], str]) -> list[Resultat]:
    """Run ``travail`` on chunks of ``range(total)`` in ``jobs`` forked processes; results in order.

    A failed page or a dead worker raises :class:`PluginError` naming the page(s), in French.
    """
    chunks = morceaux(total, jobs)
    results: list[Resultat] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(travail, chunk) for chunk in chunks]
        try:
            for chunk, future in zip(chunks, futures):
                try:
                    result = future.result()
                except BrokenProcessPool as error:
                    raise PluginError(f"Un processus de {quoi} s'est arrêté sans répondre, pendant les pages « {nom(chunk[0])} » "
                                      f"à « {nom(chunk[-1])} » : {error}") from None
                results.append(result)
                if result.erreur is not None:
                    break
        finally:
            for future in futures:
                future.cancel()
    return results


def _emettre(records: list[dict[str, Any]]) -> None:
    for data in records:
        record = logging.makeLogRecord(data)
        logging.getLogger(record.name).handle(record)


def _fusionner(results: list[Resultat], appliquer: Callable[[int, dict[str, Any]], None], quoi: str) -> None:
    """Emit the records and apply the states in page order; raise the first page error."""
    assert _etat is not None
    for result in results:
        for index, state, records in result.pages:
            _emettre(records)
            appliquer(index, state)
        if result.erreur is not None:
            index, message, records = result.erreur
            _emettre(records)
            raise PluginError(f"La page « {_etat.pages[index].file.src_uri} » n'a pas pu être {quoi} : {message}")


def _appliquer_rendu(index: int, state: dict[str, Any]) -> None:
    assert _etat is not None
    if state.get("links_to_anchors"):
        files = _etat.arguments[1]
        state["links_to_anchors"] = {files.get_file_from_path(src): links for src, links in state["links_to_anchors"].items()}
    vars(_etat.pages[index]).update(state)


def _appliquer_ecriture(index: int, state: dict[str, Any]) -> None:
    build = evenements.courant()
    for gabarit, urls in state["manifeste"].items():
        for url in urls:
            build.manifeste.add(gabarit, url)


def _nom(index: int) -> str:
    assert _etat is not None
    return _etat.pages[index].file.src_uri


def _populate_page(page: Page, config: Any, files: Any, dirty: bool = False) -> None:
    """In place of MkDocs' loop body: the first call renders every page on the workers."""
    assert _etat is not None
    if not _etat.rendues:
        _etat.rendues = True
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        _etat.pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        _etat.arguments = (config, files, dirty)
        results = repartir(_rendre, len(_etat.pages), _etat.jobs, "rendu", _nom)
        _fusionner(results, _appliquer_rendu, "rendue")


def _build_page(page: Page, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False, excluded: bool = False) -> None:
    """In place of MkDocs' loop body: the first call writes every page on the workers."""
    assert _etat is not None
    if not _etat.ecrites:
        _etat.ecrites = True
        _etat.pages = [f.page for f in doc_files]
        _etat.arguments = (config, doc_files, nav, env, dirty)
        results = repartir(_ecrire, len(_etat.pages), _etat.jobs, "rendu", _nom)
        _fusionner(results, _appliquer_ecriture, "écrite")


def main(argv: list[str] | None = None) -> int:
    """``--jobs N`` then the arguments of ``mkdocs``: MkDocs' command with the parallel page loops."""
    global _etat
    arguments = list(sys.argv[1:] if argv is None else argv)
    jobs = 1
    if arguments[:1] == ["--jobs"]:
        jobs = int(arguments[1])
        arguments = arguments[2:]
    if jobs > 1:
        _etat = _Etat(jobs)
        mkdocs_build._populate_page = _populate_page
        mkdocs_build._build_page = _build_page
    from mkdocs.__main__ import cli

    return cli.main(arguments, prog_name="mkdocs", standalone_mode=True)


if __name__ == "__main__":
    sys.exit(main())
