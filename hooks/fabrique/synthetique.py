"""A synthetic corpus, for tests and benchmarks at scale.

:func:`generer` copies a project (its configuration, templates, staff pages and data) into a
new folder and adds N resources and M territories of invented but realistic French content:
accented names, ~600 words a resource, front matter linking each resource to its territories
and programmes, every value valid against the schemas of ``data/schemas/``. The same
parameters and seed always give the same bytes. The places are invented: the corpus says so
in every resource's sources.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from . import loader

#: What is copied from the base project (tests and the built site are not).
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides", "pyproject.toml", "CONTRIBUTING.md", "CITATION.cff")

#: Share of each contributed kind among the synthetic resources.
PARTS = {"fiche-projet-pilote": 0.45, "retour-experience": 0.35, "mise-en-recits": 0.12, "fondamental": 0.08}

#: Territory types that need no official code (the places are invented, so no real code fits).
TYPES = ("petr", "pnr", "autre")

#: The source record every synthetic record cites (``data/sources/<id>.yml``).
SOURCE_RECORD = {
    "id": "corpus-synthetique",
    "titre": "Corpus synthétique de démonstration (lieux et faits inventés)",
    "nature": "note",
    "description": "Texte engendré pour mesurer la construction du site : aucun lieu ni aucun fait n'y est réel.",
}
SOURCE = {"document": SOURCE_RECORD["id"], "partie": "ensemble du corpus"}

RACINES = [
    "Aubrière", "Écluse", "Ségala", "Vérane", "Orbière", "Châtaigneraie", "Bruyère", "Mérande",
    "Fontès", "Aigues-Vives", "Roche-Blanche", "Pré-Fleuri", "Bréchet", "Lézardière", "Gâtine",
    "Mauléon", "Thérouanne", "Sèvre", "Ardière", "Cévenole", "Ménétrol", "Hêtraie", "Oussière",
    "Vallière", "Estérel", "Grésigne", "Bocage", "Éperon", "Sablière", "Noyeraie", "Cailloutès",
]
#: A group of places, with its article: "{de}" before a name becomes "de " or "d'".
GROUPES = ["du Haut-{racine}", "du Bas-{racine}", "des Monts {de}{racine}", "des Coteaux {de}{racine}",
           "du Plateau {de}{racine}", "de la Vallée {de}{racine}", "du Val {de}{racine}", "des Rives {de}{racine}"]
FORMES = {
    "petr": ["Pays {de}{racine}", "PETR {groupe}", "Pays {groupe}"],
    "pnr": ["Parc naturel régional {groupe}", "Parc naturel régional {de}{racine}"],
    "autre": ["Entente {groupe}", "Coopération {de}{racine} et {racine2}", "Bassin de vie {de}{racine}"],
}
ACTEURS = [
    "les élus", "les agents de la collectivité", "les services de l'État", "les associations locales",
    "les agriculteurs", "les commerçants", "les habitants", "les entreprises de l'économie sociale et solidaire",
    "les membres du conseil de développement", "les enseignants", "les bailleurs sociaux", "les artisans",
]
ACTIONS = [
    "rénover les écoles communales", "créer une légumerie pour la restauration collective",
    "ouvrir une ressourcerie", "réduire l'éclairage public nocturne", "développer l'autopartage en zone rurale",
    "protéger la ressource en eau", "accompagner la reconversion d'une station de ski",
    "installer des panneaux photovoltaïques sur les toits publics", "relocaliser une filière bois",
    "réaménager le centre-bourg", "organiser des ateliers de réparation", "restaurer les haies bocagères",
    "mettre en place un budget participatif", "animer un réseau de jardins partagés",
]
PHRASES = [
    "Pour {territoire}, {acteur} ont commencé par un constat partagé : {action} ne pouvait plus attendre.",
    "Le projet est né en {annee}, lors d'une réunion publique où {acteur} ont pris la parole sans détour.",
    "Il a fallu près de {nombre} mois pour que {acteur} et {acteur2} s'accordent sur une méthode commune.",
    "La démarche s'est appuyée sur un diagnostic sensible du territoire, mené avec {acteur}.",
    "Plutôt que d'empiler les projets, l'équipe a choisi {de_action} en priorité.",
    "Les premiers résultats ont été présentés en conseil communautaire, devant {acteur} et {acteur2}.",
    "Ce qui a fonctionné tient moins aux moyens qu'à la coopération entre {acteur} et {acteur2}.",
    "La question de l'énergie s'est imposée dès la deuxième année : il fallait {action}.",
    "Les difficultés n'ont pas manqué : départ d'un agent clé, calendrier électoral, budget contraint.",
    "Un comité de suivi réunit chaque trimestre {acteur}, {acteur2} et les partenaires financiers.",
    "L'évaluation ne s'est pas limitée aux indicateurs chiffrés : elle a aussi mesuré la confiance retrouvée.",
    "Selon les participants, le récit commun a changé : on parle désormais de « bifurcation » plutôt que de contrainte.",
    "Sur {nombre} actions envisagées au départ, une dizaine ont été retenues et financées.",
    "La mise en récits a aidé à relier ce projet à l'histoire du territoire, de ses forges à ses vergers.",
    "L'équipe recommande de ne pas sous-estimer le temps nécessaire à l'appropriation par {acteur}.",
    "Cette expérience a inspiré d'autres territoires de la cohorte, qui souhaitent à leur tour {action}.",
    "Le financement a combiné des fonds régionaux, européens et une part d'épargne citoyenne.",
    "Chaque étape a fait l'objet d'un compte rendu public, consultable en mairie et en ligne.",
    "Les habitants ont été associés dès l'été {annee}, au moyen d'ateliers itinérants dans les hameaux.",
    "Aujourd'hui, {acteur} poursuivent le travail : il reste à pérenniser les emplois créés.",
]
INTERTITRES = [
    ("Le contexte", "Ce qui a été entrepris", "Ce que nous en retenons"),
    ("D'où l'on part", "La démarche", "Les enseignements"),
    ("Le territoire et son défi", "Les étapes", "Pour aller plus loin"),
]


@dataclass
class Resultat:
    dest: Path
    ressources: int
    territoires: int
    programmes: int


def _de(nom: str) -> str:
    """French elision: "de Vérane", "d'Écluse"."""
    return "d'" if nom[:1].lower() in "aeiouyéèêâîôû" else "de "


def _nom(rng: random.Random, kind: str) -> str:
    racine, racine2 = rng.sample(RACINES, 2)
    groupe = rng.choice(GROUPES).replace("{de}", _de(racine)).replace("{racine}", racine)
    return rng.choice(FORMES[kind]).format(de=_de(racine), racine=racine, racine2=racine2, groupe=groupe)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base[:70].rstrip("-"), 2
    while candidate in taken:
        candidate = f"{base[:66].rstrip('-')}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _paragraphe(rng: random.Random, territoire: str, phrases: int) -> str:
    out = []
    for template in rng.sample(PHRASES, phrases):
        acteur, acteur2 = rng.sample(ACTEURS, 2)
        action = rng.choice(ACTIONS)
        out.append(template.format(territoire=territoire, acteur=acteur, acteur2=acteur2, action=action, de_action=_de(action) + action,
                                   annee=rng.randint(2019, 2025), nombre=rng.randint(6, 30)))
    text = " ".join(out)
    return text[0].upper() + text[1:]


def _front(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n"


def generer(base: Path, dest: Path, ressources: int, territoires: int, graine: int = 2026) -> Resultat:
    """Copy the project at ``base`` into ``dest`` (new or empty) and add the synthetic corpus."""
    base, dest = Path(base).resolve(), Path(dest).resolve()
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} n'est pas vide")
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        source = base / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.is_file():
            shutil.copy2(source, dest / name)

    project = loader.Project.at(dest)
    corpus, problems = loader.load(project)
    if problems:
        raise ValueError("le projet de base contient des erreurs :\n" + problems.report())
    schemas = project.schemas
    (project.data_dir / "sources" / f"{SOURCE_RECORD['id']}.yml").write_text(
        yaml.safe_dump(SOURCE_RECORD, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rng = random.Random(graine)
    taken = {r.id for r in corpus.ressources} | set(corpus.territoires) | set(corpus.programmes)
    themes = sorted(corpus.themes)
    departements = sorted(corpus.departements.items())
    dispositifs = list(schemas.labels("programme", "dispositif"))
    types = [t for t in TYPES if t in schemas.labels("territoire", "type")]

    # Programmes: one for ten territories, at least three.
    programmes: list[dict[str, Any]] = []
    for index in range(max(3, territoires // 10)):
        racine = rng.choice(RACINES)
        dispositif = dispositifs[index % len(dispositifs)]
        label = schemas.labels("programme", "dispositif")[dispositif]
        debut = rng.randint(2019, 2024)
        nom = f"{label} {_de(racine)}{racine} {debut}"
        programme = {
            "id": _unique(slugify(nom), taken), "nom": nom, "dispositif": dispositif, "debut": debut,
            "fin": debut + rng.randint(0, 2),
            "description": f"{label} de territoires autour {_de(racine)}{racine}, pour conduire des transitions "
                           f"écologiques démocratiques et coopératives.",
            "themes": sorted(rng.sample(themes, min(2, len(themes)))), "sources": [SOURCE],
        }
        programmes.append(programme)
    folder = dest / "data" / "programmes"
    folder.mkdir(parents=True, exist_ok=True)
    for programme in programmes:
        (folder / f"{programme['id']}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/programme.schema.json\n"
            + yaml.safe_dump(programme, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")

    # Territories: invented names in real départements, one or two programmes each.
    lieux: list[dict[str, Any]] = []
    noms = {t.nom for t in corpus.territoires.values()}
    folder = dest / "data" / "territoires"
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(territoires):
        kind = rng.choice(types)
        nom = _nom(rng, kind)
        for tentative in range(2, 1000):  # names (and so page titles) stay unique
            if nom not in noms:
                break
            nom = _nom(rng, kind) if tentative < 50 else f"{_nom(rng, kind)} {tentative}"
        noms.add(nom)
        code_dep, (nom_dep, region) = rng.choice(departements)
        participations = []
        for programme in rng.sample(programmes, rng.randint(1, 2)):
            participations.append({"programme": programme["id"], "debut": programme["debut"], "fin": programme["fin"],
                                   "role": rng.choice(["territoire pilote", "territoire accompagné", "lauréat"])})
        territoire = {
            "id": _unique(slugify(nom), taken), "nom": nom, "type": kind, "departement": code_dep, "region": region,
            "coordonnees": {"lat": round(rng.uniform(43.0, 50.0), 4), "lon": round(rng.uniform(-1.5, 7.0), 4)},
            "description": f"{nom} réunit {rng.randint(8, 60)} communes et environ {rng.randint(5, 90)} 000 habitants "
                           f"({nom_dep}). " + _paragraphe(rng, nom, 2), "participations": participations, "sources": [SOURCE],
        }
        lieux.append(territoire)
        (folder / f"{territoire['id']}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/territoire.schema.json\n"
            + yaml.safe_dump(territoire, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")

    # Resources: ~600 words each, linked to one to three territories and their programmes.
    titres_pris = {r.titre for r in corpus.ressources}
    kinds = [kind for kind in PARTS for _ in range(round(PARTS[kind] * 100))]
    enums = {name: list(schemas.labels("ressource", name)) for name in ("fondamentaux", "fantastiques", "dimensions")}
    for index in range(ressources):
        kind = kinds[(index * 37) % len(kinds)]
        liens = rng.sample(lieux, min(len(lieux), rng.randint(1, 3))) if lieux else []
        principal = liens[0]["nom"] if liens else "la Fabrique"
        action = rng.choice(ACTIONS)
        titre = f"{principal} : {action}"
        for tentative in range(2, 1000):
            if titre not in titres_pris:
                break
            action = rng.choice(ACTIONS)
            titre = f"{principal} : {action}" if tentative < 30 else f"{principal} : {action} ({tentative})"
        titres_pris.add(titre)
        meta: dict[str, Any] = {
            "id": _unique(slugify(titre), taken), "type": kind, "titre": titre,
            "resume": f"Comment {principal} a choisi {_de(action)}{action}, avec {rng.choice(ACTEURS)} : démarche, difficultés et enseignements.",
        }
        if liens:
            meta["territoires"] = [t["id"] for t in liens]
            meta["programmes"] = sorted({p["programme"] for t in liens for p in t["participations"]})[:2]
        meta["themes"] = sorted(rng.sample(themes, min(len(themes), rng.randint(1, 3))))
        meta["annee"] = rng.randint(2020, 2025)
        if kind == "mise-en-recits" and enums["dimensions"]:
            meta["dimensions"] = sorted(rng.sample(enums["dimensions"], 2))
        if kind == "fondamental" and enums["fondamentaux"]:
            meta["fondamentaux"] = sorted(rng.sample(enums["fondamentaux"], 2))
        if enums["fantastiques"]:
            meta["fantastiques"] = sorted(rng.sample(enums["fantastiques"], 2))
        meta["sources"] = [SOURCE]
        titres = rng.choice(INTERTITRES)
        body = [_paragraphe(rng, principal, 4), ""]
        for heading in titres:
            body += [f"## {heading}", "", _paragraphe(rng, principal, 5), "", _paragraphe(rng, principal, 4), ""]
            if heading == titres[1]:
                body += [f"- {rng.choice(ACTIONS).capitalize()} ;" for _ in range(3)] + [""]
        target = dest / schemas.pages[kind].source / f"{meta['id']}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_front(meta) + "\n" + "\n".join(body), encoding="utf-8")
    return Resultat(dest, ressources, territoires, len(programmes))
