"""The ``fabrique`` command: check the corpus, build and serve the site."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from . import loader


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    project = loader.Project.at(find_root(Path(args.root).resolve()))
    corpus, problems = loader.load(project)
    elapsed = time.perf_counter() - started
    if problems:
        if args.format == "github":
            for problem in problems.sorted():
                print(problem.github())
        print(problems.report(), file=sys.stderr if args.format == "github" else sys.stdout)
        return 1
    print(
        f"Corpus valide : {len(corpus.ressources)} ressources, {len(corpus.territoires)} territoires, "
        f"{len(corpus.programmes)} programmes, {len(corpus.themes)} thèmes ({elapsed:.2f} s)."
    )
    return 0


def _mkdocs(arguments: list[str], root: Path) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([sys.executable, "-m", "mkdocs", *arguments], cwd=root, env=env)


def cmd_build(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    extra = ["--site-dir", args.site_dir] if args.site_dir else []
    return _mkdocs(["build", "--strict", *extra], root)


def cmd_serve(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    return _mkdocs(["serve", "--dev-addr", args.dev_addr], root)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="fabrique", description="Outils du corpus de la Fabrique des transitions.")
    main.add_argument("--root", default=".", help="dossier du projet (par défaut : le dossier courant)")
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="valider tout le corpus sans construire le site")
    check.add_argument("--format", choices=["text", "github"], default="text", help="« github » : annotations GitHub Actions")
    check.set_defaults(func=cmd_check)
    build = commands.add_parser("build", help="construire le site (mkdocs build --strict)")
    build.add_argument("--site-dir", default=None, help="dossier de sortie (par défaut : site/)")
    build.set_defaults(func=cmd_build)
    serve = commands.add_parser("serve", help="servir le site en local avec rechargement")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adresse et port (par défaut : 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
