"""The map page's weight for many territories: a synthetic corpus placed with the real
gazetteer, and the page's pieces measured (``python -c "from fabrique.carte.mesure import
measure; print(measure(1500))"``). Not used by the build."""

from __future__ import annotations

from pathlib import Path

from ..model import Corpus, Programme, Territoire
from ..render import Renderer
from . import FOND
from .page import INDEX, generate


def synthetic_corpus(n: int, geo_dir: Path, seed: int = 5) -> Corpus:
    """A corpus of ``n`` territories placed from the real gazetteer, for measures (benchmark).

    About 70 % communes, 15 % intercommunalités, the rest PETR, PNR, départements, régions and
    partners abroad, spread over eight programmes from 2016 to 2026.
    """
    import random

    from .. import geographie
    from ..loader import Project, load_referentiel
    from ..model import Participation
    from ..problems import Problems

    rng = random.Random(seed)
    corpus = Corpus()
    load_referentiel(Project(geo_dir.parent.parent, geo_dir.parent.parent / "docs", geo_dir.parent), corpus)
    gazetteer = geographie.Gazetteer.load(geo_dir)
    programmes = [Programme(f"programme-{i}", f"Programme synthétique {i}", "cohorte", 2016 + i, "Programme de mesure.",
                            fin=2018 + i if i % 2 else None) for i in range(8)]
    corpus.programmes = {p.id: p for p in programmes}
    communes = sorted(gazetteer.tables["commune"])
    epci = sorted(gazetteer.tables["epci"])
    i = 0
    while len(corpus.territoires) < n:
        i += 1
        roll = rng.random()
        if roll < 0.70:
            code = rng.choice(communes)
            territoire = Territoire(f"commune-{code.lower()}", f"Commune {code}", "commune", code=code,
                                    departement=code[:3] if code.startswith("97") else code[:2])
        elif roll < 0.85:
            code = rng.choice(epci)
            territoire = Territoire(f"epci-{code}", gazetteer.noms["epci"].get(code, code), "epci", code=code)
        elif roll < 0.97:
            code = rng.choice(communes)
            lat, lon = gazetteer.tables["commune"][code]
            kind = rng.choice(["petr", "pnr", "domaine-skiable", "autre"])
            territoire = Territoire(f"{kind}-{i}", f"Regroupement {i}", kind, coordonnees=(lat, lon))
        else:
            territoire = Territoire(f"etranger-{i}", f"Partenaire {i}", "etranger", pays="Ailleurs",
                                    coordonnees=(rng.uniform(-40, 60), rng.uniform(-120, 150)))
        if territoire.id in corpus.territoires:
            continue
        programme = rng.choice(programmes)
        territoire.participations = [Participation(programme.id, debut=programme.debut)]
        corpus.territoires[territoire.id] = territoire
    geographie.resolve(corpus, gazetteer, Problems())
    corpus.link()
    return corpus


def measure(n: int = 1500, geo_dir: Path | None = None) -> dict[str, float]:
    """Weight (bytes) and time (s) of the map page's pieces for ``n`` synthetic territories.

    The map page's HTML is its Markdown rendered with the site's extensions; Material's chrome
    (navigation, header, footer: about 25 KB on this site) comes on top.
    """
    import time

    import markdown

    from ..schemas import Schemas

    geo_dir = geo_dir or Path(__file__).resolve().parents[3] / "data" / "geo"
    corpus = synthetic_corpus(n, geo_dir)
    schemas = Schemas(geo_dir.parent / "schemas")
    renderer = Renderer(Path(__file__).resolve().parents[3] / "overrides" / "fabrique", corpus, schemas)
    started = time.perf_counter()
    pages = list(generate(corpus, renderer))
    generated = time.perf_counter() - started
    page = next(p for p in pages if p.src_path == INDEX)
    started = time.perf_counter()
    html = markdown.markdown(page.content.split("---\n", 2)[2], extensions=["attr_list", "md_in_html", "tables", "toc"])
    rendered = time.perf_counter() - started
    return {
        "territoires": n,
        "contenu_html_octets": len(html.encode("utf-8")),
        "fond_svg_octets": len(next(p for p in pages if p.src_path == FOND).content.encode("utf-8")),
        "generation_s": round(generated, 3),
        "markdown_s": round(rendered, 3),
    }
