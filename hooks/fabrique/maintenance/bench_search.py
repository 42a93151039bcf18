"""Benchmark of the search at scale: Material's lunr index against Pagefind, on the same corpus.

    .venv/bin/python -m fabrique.maintenance.bench_search --ressources 3000 [--textes DOSSIER]

Copies the project into a temporary folder, adds synthetic resources and territories (sentences
drawn from the ``--textes`` files, else from ``docs/``), builds the site twice (Pagefind as
shipped; Material's search with ``lang: fr``), then measures in Chromium the bytes downloaded
from the moment a visitor starts searching until the first result shows. Prints a Markdown table.
Needs the test extra (Playwright) and Debian's Chromium.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from ..schemas import Schemas

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
QUERIES = ["mobilité", "economie circulaire", "gouvernance partagée", "récits"]


def sentences(folder: Path | None) -> list[str]:
    texts = []
    sources = sorted(folder.glob("*.txt")) if folder else sorted((ROOT / "docs").rglob("*.md"))
    for path in sources:
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    found = [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", "\n".join(texts))]
    found = [re.sub(r"<[^>]*>|[<>]", "", s) for s in found]
    return [s for s in found if 40 <= len(s) <= 400 and not s.startswith(("---", "#", "id:", "-"))]


def populate(project: Path, count: int, pool: list[str], seed: int = 7) -> None:
    rng = random.Random(seed)
    genres = Schemas(project / "data" / "schemas").genres
    themes = [t["id"] for t in yaml.safe_load((project / "data/themes.yml").read_text(encoding="utf-8"))]
    programmes = sorted(p.stem for p in (project / genres["programme"].source).glob("*.yml"))
    departements = [line.split(",")[0] for line in (project / "data/geo/departements.csv").read_text(encoding="utf-8").splitlines()[1:]]
    territoires = []
    for index in range(count // 10):
        identifier = f"commune-synthetique-{index}"
        territoires.append(identifier)
        record = {
            "id": identifier, "nom": f"Commune synthétique {index}", "type": "autre",
            "departement": rng.choice(departements),
            "participations": [{"programme": rng.choice(programmes), "debut": rng.randint(2020, 2025)}],
        }
        (project / genres["territoire"].source / f"{identifier}.yml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    kinds = {kind: genres[kind].source for kind in ("fiche-projet-pilote", "retour-experience", "mise-en-recits")}
    for index in range(count):
        kind = rng.choice(list(kinds))
        identifier = f"ressource-synthetique-{index}"
        words: list[str] = []
        while len(words) < 640:
            words += rng.choice(pool).split()
        body = " ".join(words)
        paragraphs = "\n\n".join(body[i:i + 700] for i in range(0, len(body), 700))
        meta = {
            "id": identifier, "type": kind,
            "titre": " ".join(rng.choice(pool).split()[:8]).strip(" ,;:") + f" ({index})",
            "resume": rng.choice(pool)[:380].ljust(30, "."),
            "themes": rng.sample(themes, 2), "programmes": [rng.choice(programmes)],
            "territoires": [rng.choice(territoires)], "annee": rng.randint(2020, 2026),
        }
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10_000) + "---\n\n" + paragraphs + "\n"
        (project / kinds[kind] / f"{identifier}.md").write_text(text, encoding="utf-8")


def build(project: Path, site: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a strict build (CPU time is what a loaded machine does not distort)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu


def use_lunr(project: Path) -> None:
    """Material's own search with French settings, its header, and no Pagefind."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n", "plugins:\n  - search:\n      lang: fr\n      separator: '[\\s\\-''’]+'\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("header.html", "search.html"):
        (project / "overrides/partials" / name).unlink(missing_ok=True)


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def payload(site: Path, engine: str) -> list[tuple[str, int, int, float]]:
    """For each query: bytes downloaded from the start of the search to its first result (as served, and
    with HTTP compression of what compresses), and the time it took."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: D401
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    measures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for query in QUERIES:
            page = browser.new_context().new_page()
            sizes: dict[str, int] = {}
            packed: dict[str, int] = {}
            started = [False]

            def record(response) -> None:
                if started[0] or engine == "lunr":
                    try:
                        body = response.body()
                        sizes[response.url] = len(body)
                        packed[response.url] = min(len(body), len(gzip.compress(body)))
                    except Exception:  # noqa: BLE001 - redirects have no body
                        pass

            page.on("response", record)
            page.goto(base + "/")
            if engine == "lunr":
                # Material fetches its whole index at page load: count what the search needs.
                page.wait_for_load_state("networkidle")
                t0 = time.perf_counter()
                page.click("input.md-search__input")
                page.fill("input.md-search__input", query)
                page.wait_for_selector(".md-search-result__item", timeout=120_000)
                elapsed = time.perf_counter() - t0
                wanted = [k for k in sizes if "search" in k or "lunr" in k or "worker" in k]
                total = sum(sizes[k] for k in wanted)
                compressed = sum(packed[k] for k in wanted)
            else:
                page.wait_for_load_state("networkidle")
                started[0] = True
                t0 = time.perf_counter()
                page.keyboard.press("/")
                page.fill("#fabrique-recherche-requete", query)
                page.wait_for_selector(".fabrique-recherche__resultats li", timeout=120_000)
                elapsed = time.perf_counter() - t0
                # The small search script loads with the page; count it too.
                script = (site / "assets/fabrique-recherche.js").read_bytes()
                total = sum(sizes.values()) + len(script)
                compressed = sum(packed.values()) + len(gzip.compress(script))
            measures.append((query, total, compressed, elapsed))
            page.context.close()
        browser.close()
    server.shutdown()
    return measures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ressources", type=int, default=3000)
    parser.add_argument("--textes", type=Path, default=None, help="dossier de textes .txt d'où tirer les phrases")
    parser.add_argument("--moteurs", nargs="+", default=["pagefind", "lunr"], choices=["pagefind", "lunr"])
    args = parser.parse_args()
    pool = sentences(args.textes)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        rows = []
        for engine in args.moteurs:
            project = work / engine
            shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "__pycache__", "tests"))
            populate(project, args.ressources, pool)
            if engine == "lunr":
                use_lunr(project)
            site = work / f"site-{engine}"
            seconds, cpu = build(project, site)
            index = size(site / "pagefind") if engine == "pagefind" else size(site / "search")
            measures = payload(site, engine)
            worst = max(m[1] for m in measures)
            worst_packed = max(m[2] for m in measures)
            slowest = max(m[3] for m in measures)
            rows.append((engine, seconds, cpu, size(site), index, worst, worst_packed, slowest))
            print(f"{engine}: " + ", ".join(f"{q} {b / 1000:.0f} Ko ({c / 1000:.0f} Ko compressés) {t:.2f} s" for q, b, c, t in measures),
                  file=sys.stderr)
        print(f"| moteur ({args.ressources} ressources) | construction (horloge / CPU) | site | index | "
              "octets avant le 1er résultat, pire requête (bruts / compressés en HTTP) | délai (pire) |")
        print("|---|---:|---:|---:|---:|---:|")
        for engine, seconds, cpu, site_size, index, worst, worst_packed, slowest in rows:
            print(f"| {engine} | {seconds:.1f} s / {cpu:.1f} s | {site_size / 1e6:.0f} Mo | {index / 1e6:.1f} Mo | "
                  f"{worst / 1000:.0f} Ko / {worst_packed / 1000:.0f} Ko | {slowest:.2f} s |")


if __name__ == "__main__":
    main()
