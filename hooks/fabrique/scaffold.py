"""``fabrique new``: write a new sheet or data file from a template, ready to be completed.

The templates are in ``overrides/fabrique/nouveau/``; their guidance comments quote the JSON
Schemas (descriptions and allowed values), so that nothing is stated twice.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from slugify import slugify

from . import loader
from .problems import Problems
from .schemas import Schemas

#: Folder of the templates, inside the project.
TEMPLATES = Path("overrides") / "fabrique" / "nouveau"


@dataclass(frozen=True)
class Kind:
    """What ``fabrique new <name>`` writes."""

    name: str
    schema: str
    label: str
    is_page: bool
    #: Where its files go, from the project's root (``docs/fiches``, ``data/territoires``).
    source: str

    def folder(self) -> str:
        return self.source

    def template(self) -> str:
        return f"{self.schema}.{'md' if self.is_page else 'yml'}.j2"

    def path(self, identifier: str) -> str:
        return f"{self.folder()}/{identifier}.{'md' if self.is_page else 'yml'}"


def kinds(schemas: Schemas) -> dict[str, Kind]:
    """The kinds a contributor creates, by the short name of the command line
    (``x-fabrique.nouveau`` of their schemas)."""
    return {
        genre.commande: Kind(genre.commande, name, genre.libelle or genre.titre.lower(), genre.est_page, genre.source)
        for name, genre in schemas.genres.items()
        if genre.commande
    }


class ScaffoldError(Exception):
    """A French message for the contributor; the command prints it and stops."""


def make_id(title: str) -> str:
    """The identifier (and file name) of a title: lower case, accents folded, dashes."""
    return slugify(title, max_length=80, word_boundary=True, save_order=True)


def yaml_value(value: Any) -> str:
    """A value written inline in YAML (JSON is a subset of YAML's flow style)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Answers:
    """The values of a new record; lists are identifiers."""

    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value in (None, "", []) else value


def render(root: Path, kind: Kind, identifier: str, answers: Answers) -> str:
    """The text of the new file."""
    schemas = Schemas(root / "data" / "schemas")
    properties = schemas.properties(kind.schema)

    def help_text(name: str) -> str:
        prop = properties.get(name, {})
        return " ".join(str(prop.get("description") or prop.get("title") or name).split())

    def choices(name: str) -> str:
        labels = schemas.labels(kind.schema, name)
        return ", ".join(f"{value} ({label})" if label != value else value for value, label in labels.items())

    env = Environment(loader=FileSystemLoader(str(root / TEMPLATES)), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = yaml_value
    target = kind.path(identifier)
    schema_file = f"data/schemas/{kind.schema}.schema.json"
    context = {
        "id": identifier,
        "type": kind.schema,
        "schema_file": schema_file,
        "schema_url": posixpath.relpath(schema_file, posixpath.dirname(target)),
        "help": help_text,
        "help_source": lambda name: " ".join(str(_source_properties(schemas)[name].get("description", name)).split()),
        "choices": choices,
        **{key: answers.get(key) for key in ANSWER_KEYS},
        "statut": answers.get("statut", "publie"),
    }
    return env.get_template(kind.template()).render(**context)


#: Every answer a template may use (missing ones are empty).
ANSWER_KEYS = (
    "titre", "resume", "territoires", "programmes", "themes", "annee", "auteurs", "organisation",
    "nom", "type_territoire", "code", "departement", "region", "pays", "description", "participations",
    "dispositif", "debut", "fin", "source", "partie",
)

#: The questions on the source every new record names (``sources`` of the schemas).
SOURCE_QUESTIONS = [("source", "document", True, "source"), ("partie", "partie", True, "texte")]


def create(root: Path, kind: Kind, answers: Answers, identifier: str | None = None) -> tuple[Path, Problems]:
    """Write the new file and check the corpus with it; a file with problems is not kept."""
    title = answers.get("titre") or answers.get("nom")
    if not title:
        raise ScaffoldError("un titre (ou un nom) est nécessaire pour nommer le fichier")
    identifier = identifier or make_id(str(title))
    if not identifier:
        raise ScaffoldError(f"impossible de tirer un identifiant du titre « {title} » : donnez-en un avec --id")
    path = root / kind.path(identifier)
    if path.exists():
        raise ScaffoldError(f"{kind.path(identifier)} existe déjà : choisissez un autre titre ou un identifiant avec --id")
    text = render(root, kind, identifier, answers)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    project = loader.Project.at(root)
    _, problems = loader.load(project)
    shown = project.relative(path)
    own = Problems([problem for problem in problems.items if problem.path == shown])
    if own:
        path.unlink()
    return path, own


# --- questions asked in a terminal ------------------------------------------------------------

Ask = Callable[[str], str]


def questions(kind: Kind, schemas: Schemas) -> list[tuple[str, str, bool, str]]:
    """(answer key, schema field, required, kind of answer) for the questions of a kind."""
    required = set(schemas.required(kind.schema))
    if kind.is_page:
        fields = ["titre", "resume", "territoires", "programmes", "themes", "annee", "organisation"]
        return [(name, name, name in required, _shape(schemas, kind, name)) for name in fields] + SOURCE_QUESTIONS
    if kind.schema == "territoire":
        return [
            ("nom", "nom", True, "texte"), ("type_territoire", "type", True, "choix"),
            ("code", "code", False, "texte"), ("departement", "departement", False, "texte"),
            ("description", "description", False, "texte"), ("participations", "participations", False, "liste"),
        ] + SOURCE_QUESTIONS
    return [
        ("nom", "nom", True, "texte"), ("dispositif", "dispositif", True, "choix"),
        ("debut", "debut", True, "nombre"), ("fin", "fin", False, "nombre"),
        ("description", "description", True, "texte"), ("themes", "themes", False, "liste"),
    ] + SOURCE_QUESTIONS


def _source_properties(schemas: Schemas) -> dict[str, dict]:
    """The fields of one entry of ``sources``, as the common schema defines them."""
    return schemas.get("commun")["$defs"]["source"]["properties"]


def _shape(schemas: Schemas, kind: Kind, name: str) -> str:
    prop = schemas.properties(kind.schema).get(name, {})
    if prop.get("type") == "array":
        return "liste"
    if prop.get("type") == "integer":
        return "nombre"
    return "texte"


def ask_missing(root: Path, kind: Kind, answers: Answers, ask: Ask, say: Callable[[str], None]) -> None:
    """Ask in the terminal for every answer not given as an option."""
    schemas = Schemas(root / "data" / "schemas")
    project = loader.Project.at(root)
    corpus, _ = loader.load(project)
    known = {"territoires": sorted(corpus.territoires), "programmes": sorted(corpus.programmes), "themes": sorted(corpus.themes),
             "participations": sorted(corpus.programmes), "source": sorted(corpus.sources)}
    properties = {**schemas.properties(kind.schema), **_source_properties(schemas)}
    for key, name, required, shape in questions(kind, schemas):
        if answers.get(key) is not None:
            continue
        prop = properties.get(name, {})
        label = prop.get("title", name)
        hint = " ".join(str(prop.get("description", "")).split())
        if shape == "choix":
            options = list(schemas.labels(kind.schema, name).items())
            say(f"{label} :")
            for number, (value, text) in enumerate(options, start=1):
                say(f"  {number}. {text} ({value})")
        elif shape in ("liste", "source") and known.get(key):
            say(f"{label} — identifiants connus : {', '.join(known[key])}")
        suffix = "" if required else " (facultatif, Entrée pour passer)"
        while True:
            reply = ask(f"{label}{suffix}" + (f" — {hint}" if hint and shape != "choix" else "") + " : ").strip()
            if not reply and not required:
                break
            if not reply:
                say("Ce champ est obligatoire.")
                continue
            if shape == "choix":
                values = [value for value, _ in options]
                reply = values[int(reply) - 1] if reply.isdigit() and 0 < int(reply) <= len(values) else reply
                if reply not in values:
                    say(f"Répondez par un numéro de 1 à {len(values)}.")
                    continue
            if shape == "nombre":
                if not reply.isdigit():
                    say("Répondez par un nombre (ex. 2024).")
                    continue
                answers.values[key] = int(reply)
            elif shape == "liste":
                answers.values[key] = [part.strip() for part in reply.replace(";", ",").split(",") if part.strip()]
            else:
                answers.values[key] = reply
            break
