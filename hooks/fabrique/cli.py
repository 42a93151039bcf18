"""The ``fabrique`` command: check the corpus, build and serve the site."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import environnement, loader, permanence, reglages, scaffold
from .environnement import ProblemeEnvironnement


def find_root(start: Path) -> Path:
    """The project folder (holding ``mkdocs.yml``): ``start`` or one of its parents."""
    return environnement.projet(start)


def _kinds_here() -> dict[str, scaffold.Kind]:
    """The kinds ``fabrique new`` creates in the project of the current folder, for the help text;
    none outside a project (the command itself then says so)."""
    try:
        return scaffold.kinds(loader.Project.at(find_root(Path.cwd())).schemas)
    except (ProblemeEnvironnement, OSError, ValueError):
        return {}


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
        f"{len(corpus.programmes)} programmes, {len(corpus.themes)} thèmes, "
        f"{len(corpus.propositions)} propositions et {len(corpus.recommandations)} recommandations du guide ({elapsed:.2f} s)."
    )
    return 0


#: Option of ``fabrique new`` -> answer key of the templates.
NEW_OPTIONS = {
    "titre": "titre", "resume": "resume", "territoire": "territoires", "programme": "programmes",
    "theme": "themes", "annee": "annee", "auteur": "auteurs", "organisation": "organisation",
    "nom": "nom", "type": "type_territoire", "code": "code", "departement": "departement",
    "region": "region", "pays": "pays", "description": "description", "dispositif": "dispositif",
    "debut": "debut", "fin": "fin", "statut": "statut", "source": "source", "partie": "partie",
}


def cmd_new(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    schemas = loader.Project.at(root).schemas
    kinds = scaffold.kinds(schemas)
    if args.kind not in kinds:
        print(f"fabrique new : « {args.kind} » n'est pas un type que l'on peut créer : attendu {', '.join(kinds)}", file=sys.stderr)
        return 2
    kind = kinds[args.kind]
    answers = scaffold.Answers({key: getattr(args, option) for option, key in NEW_OPTIONS.items()})
    if kind.schema == "territoire" and answers.get("programmes"):
        answers.values["participations"] = answers.values.pop("programmes")
    interactive = sys.stdin.isatty() and not args.non_interactif
    if interactive:
        print(f"Nouveau : {kind.label}. Répondez aux questions ; tout se modifie ensuite dans le fichier.")
        scaffold.ask_missing(root, kind, answers, input, print)
    missing = [key for key, _, required, _ in scaffold.questions(kind, schemas) if required and answers.get(key) is None]
    if missing:
        names = {key: option for option, key in NEW_OPTIONS.items()}
        options = ", ".join(f"--{names.get(key, key)}" for key in missing)
        print(f"fabrique new {args.kind} : il manque {options} (ou lancez la commande dans un terminal pour répondre aux questions).", file=sys.stderr)
        return 2
    try:
        path, problems = scaffold.create(root, kind, answers, args.id)
    except scaffold.ScaffoldError as error:
        print(f"fabrique new {args.kind} : {error}", file=sys.stderr)
        return 2
    if problems:
        print(problems.report(), file=sys.stderr)
        print("Le fichier n'a pas été créé : corrigez les valeurs ci-dessus et relancez la commande.", file=sys.stderr)
        return 1
    shown = path.relative_to(root).as_posix()
    print(f"Créé : {shown}")
    print("Complétez-le (les commentaires vous guident), puis vérifiez-le avec « fabrique check ».")
    return 0


def _mkdocs(arguments: list[str], root: Path, **variables: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **variables}
    return subprocess.call([sys.executable, "-m", "mkdocs", *arguments], cwd=root, env=env)


def cmd_build(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    extra = ["--site-dir", args.site_dir] if args.site_dir else []
    variables = reglages.environnement(hors_ligne=True) if args.offline else {}
    if getattr(args, "pdf", False):
        variables.update(reglages.environnement(pdf=True))
    if args.jobs > 1:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **variables}
        command = [sys.executable, "-m", "fabrique.moteur.parallele", "--jobs", str(args.jobs), "build", "--strict", *extra]
        return subprocess.call(command, cwd=root, env=env)
    return _mkdocs(["build", "--strict", *extra], root, **variables)


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"« {value} » : un nombre de processus est attendu (1 ou plus)")
    return jobs


def cmd_guide_pdf(args: argparse.Namespace) -> int:
    """The guide's PDF, from a production build (drafts left out) of the whole site."""
    from .pdf import PDF_PATH

    root = find_root(Path(args.root).resolve())
    site_dir = Path(args.site_dir or root / "site").resolve()
    code = _mkdocs(["build", "--strict", "--site-dir", str(site_dir)], root, **reglages.environnement(pdf=True, brouillons=False))
    if code:
        return code
    made = site_dir / PDF_PATH
    if args.output:
        target = Path(args.output).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, target)
        made = target
    print(f"Guide en PDF : {made}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    environnement.port_libre(args.dev_addr)
    return _mkdocs(["serve", "--dev-addr", args.dev_addr], root)


def cmd_accessibilite(args: argparse.Namespace) -> int:
    """Run the accessibility checks on a fresh build and write the results the statement reads."""
    from . import accessibilite, controles_accessibilite

    root = find_root(Path(args.root).resolve())
    chromium = reglages.Reglages.lire().chromium or controles_accessibilite.CHROMIUM
    environnement.chromium(chromium)
    with tempfile.TemporaryDirectory(prefix="fabrique-accessibilite-") as folder:
        code = _mkdocs(["build", "--strict", "--quiet", "--site-dir", folder], root)
        if code:
            return code
        results = controles_accessibilite.executer(root, Path(folder), chromium)
    target = root / accessibilite.RESULTS
    target.write_text(controles_accessibilite.texte(results), encoding="utf-8")
    failed = [key for key, value in results["criteres"].items() if value["statut"] != "conforme"]
    print(f"{accessibilite.RESULTS} : {len(results['criteres']) - len(failed)} contrôles sur {len(results['criteres'])} satisfaits "
          f"sur {len(results['pages'])} pages" + (f" ; non conformes : {', '.join(failed)}" if failed else "") + ". Committez le fichier.")
    return 0


def cmd_urls(args: argparse.Namespace) -> int:
    """Compare the published site with the recorded list of URLs; record the new ones."""
    root = find_root(Path(args.root).resolve())
    listing = root / permanence.PUBLISHED_LIST
    with tempfile.TemporaryDirectory(prefix="fabrique-urls-") as folder:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **reglages.environnement(brouillons=False)}
        code = subprocess.call([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", folder], cwd=root, env=env)
        if code:
            return code
        recorded = permanence.lire_liste(listing)
        missing = permanence.disparues(recorded, Path(folder))
        current = permanence.urls_du_site(Path(folder))
    new = sorted(set(current) - set(recorded))
    for url in missing:
        print(f"{permanence.PUBLISHED_LIST}: adresse disparue sans redirection : {url}")
    if args.mettre_a_jour:
        permanence.ecrire_liste(listing, [*recorded, *current])
        print(f"{permanence.PUBLISHED_LIST} : {len(new)} adresse(s) ajoutée(s), {len(set(recorded) | set(current))} en tout.")
    elif new:
        print(f"{len(new)} nouvelle(s) adresse(s) à enregistrer : fabrique urls --mettre-a-jour")
    if missing:
        print("Ajoutez l'ancienne adresse à l'en-tête de la page qui la remplace (anciennes_adresses), "
              f"ou retirez la ligne de {permanence.PUBLISHED_LIST} si la page a été supprimée volontairement.")
        return 1
    print(f"Les {len(recorded)} adresses publiées répondent toujours (page ou redirection).")
    return 0


def cmd_synthetique(args: argparse.Namespace) -> int:
    from . import synthetique

    root = find_root(Path(args.root).resolve())
    started = time.perf_counter()
    try:
        result = synthetique.generer(root, Path(args.dest), args.ressources, args.territoires, args.graine)
    except (FileExistsError, ValueError) as error:
        print(f"fabrique synthetique : {error}", file=sys.stderr)
        return 1
    print(
        f"Corpus synthétique écrit dans {result.dest} : {result.ressources} ressources, {result.territoires} territoires, "
        f"{result.programmes} programmes ({time.perf_counter() - started:.1f} s)."
    )
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="fabrique", description="Outils du corpus de la Fabrique des transitions.")
    main.add_argument("--root", default=".", help="dossier du projet (par défaut : le dossier courant)")
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="valider tout le corpus sans construire le site")
    check.add_argument("--format", choices=["text", "github"], default="text", help="« github » : annotations GitHub Actions")
    check.set_defaults(func=cmd_check)
    new = commands.add_parser("new", help="créer une fiche, un retour d'expérience, un territoire… à partir d'un modèle")
    kinds = _kinds_here()
    new.add_argument("kind", metavar="{" + ",".join(kinds) + "}" if kinds else "type",
                     help="ce que vous créez : " + ", ".join(f"{k.name} ({k.label})" for k in kinds.values()) if kinds else "ce que vous créez")
    new.add_argument("--id", default=None, help="identifiant et nom du fichier (par défaut : tiré du titre)")
    new.add_argument("--non-interactif", action="store_true", help="ne poser aucune question (options seules)")
    text = {"titre": "le titre de la page", "resume": "une ou deux phrases de résumé", "organisation": "l'organisation qui porte la ressource",
            "nom": "le nom du territoire ou du programme", "type": "le type de territoire", "code": "le code officiel (INSEE, SIREN…)",
            "departement": "le code du département", "region": "le code de la région", "pays": "le pays (hors de France)",
            "description": "la présentation", "dispositif": "la forme du programme", "statut": "le statut éditorial (par défaut : publie ; valeurs dans data/schemas/commun.schema.json)",
            "source": "l'identifiant du document source (un fichier de data/sources/, ex. presentation-fabrique)",
            "partie": "la partie citée du document source (titre de section tel qu'il l'écrit, ou page)"}
    for option in ("titre", "resume", "organisation", "nom", "type", "code", "departement", "region", "pays", "description", "dispositif",
                   "statut", "source", "partie"):
        new.add_argument(f"--{option}", default=None, help=text[option])
    for option, what in (("territoire", "un territoire concerné"), ("programme", "un programme concerné"), ("theme", "un thème"), ("auteur", "une autrice ou un auteur")):
        new.add_argument(f"--{option}", action="append", default=None, help=f"identifiant d'{what} (option répétable)")
    for option, what in (("annee", "l'année de l'expérience"), ("debut", "l'année de début"), ("fin", "l'année de fin")):
        new.add_argument(f"--{option}", type=int, default=None, help=what)
    new.set_defaults(func=cmd_new)
    build = commands.add_parser("build", help="construire le site (mkdocs build --strict)")
    build.add_argument("--site-dir", default=None, help="dossier de sortie (par défaut : site/)")
    build.add_argument("--offline", action="store_true", help="écrire aussi la copie hors ligne du site (hors-ligne/fabrique-des-transitions.zip)")
    build.add_argument("--pdf", action="store_true", help=f"produire aussi le guide en PDF (comme {reglages.variable('pdf')}=1)")
    build.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1,
                       help="nombre de processus qui rendent les pages (par défaut : le nombre de cœurs ; 1 : comme mkdocs build)")
    build.set_defaults(func=cmd_build)
    guide_pdf = commands.add_parser("guide-pdf", help="construire le site publié (sans brouillons) et le guide municipales 2026 en PDF")
    guide_pdf.add_argument("--site-dir", default=None, help="dossier de sortie du site (par défaut : site/)")
    guide_pdf.add_argument("--output", default=None, help="copier aussi le PDF à cet endroit")
    guide_pdf.set_defaults(func=cmd_guide_pdf)
    serve = commands.add_parser("serve", help="servir le site en local avec rechargement")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adresse et port (par défaut : 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)
    a11y = commands.add_parser("accessibilite", help="passer les contrôles d'accessibilité (Chromium) et écrire les résultats que lit la déclaration")
    a11y.set_defaults(func=cmd_accessibilite)
    urls = commands.add_parser("urls", help="vérifier que les adresses publiées répondent toujours (pages ou redirections)")
    urls.add_argument("--mettre-a-jour", action="store_true", help=f"ajouter les nouvelles adresses à {permanence.PUBLISHED_LIST}")
    urls.set_defaults(func=cmd_urls)
    synth = commands.add_parser("synthetique", help="écrire un corpus synthétique (tests et mesures de performance)")
    synth.add_argument("--ressources", type=int, default=300, help="nombre de ressources ajoutées (par défaut : 300)")
    synth.add_argument("--territoires", type=int, default=60, help="nombre de territoires ajoutés (par défaut : 60)")
    synth.add_argument("--graine", type=int, default=2026, help="graine du tirage : la même graine donne le même corpus")
    synth.add_argument("--dest", required=True, help="dossier de destination (nouveau ou vide) : une copie du projet et le corpus ajouté")
    synth.set_defaults(func=cmd_synthetique)
    return main


def main(argv: list[str] | None = None) -> int:
    """Run one command; a problem of the machine is one French line on stderr, never a traceback."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ProblemeEnvironnement as error:
        print(f"fabrique {args.command} : {error}", file=sys.stderr)
    except OSError as error:
        print(f"fabrique {args.command} : {environnement.message(error, Path(args.root).resolve())}", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"fabrique {args.command} : interrompu", file=sys.stderr)
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
