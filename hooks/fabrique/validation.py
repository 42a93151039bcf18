"""Validation of the corpus: the JSON Schemas first, then what a schema cannot say.

Every problem is collected with its file, line and field; nothing stops at the first.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

from jsonschema import ValidationError

from .model import Corpus, Illustree, Origin, Proposition
from .problems import Problems
from .schemas import Schemas, allowed_values

TYPE_NAMES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "vrai ou faux (true/false)",
    "array": "une liste",
    "object": "un ensemble de champs",
    "null": "une valeur vide",
}


def _python_type(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int):
        return "un nombre entier"
    if isinstance(value, float):
        return "un nombre"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un ensemble de champs"
    return type(value).__name__


def suggest(value: str, choices: Iterable[str]) -> str:
    """A French "did you mean" suffix, or an empty string."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def field_name(path: Iterable[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _expected(schema: dict[str, Any], schemas: Schemas) -> str:
    schema = schemas.resolve(schema) if "$ref" in schema else schema
    return schema.get("description") or schema.get("title") or ""


def schema_problems(record: Any, schema_name: str, origin: Origin, schemas: Schemas, prefix: tuple = ()) -> Problems:
    """Check a record against its schema; one French problem per error."""
    problems = Problems()
    validator = schemas.validator(schema_name)
    properties = schemas.properties(schema_name)
    for error in sorted(validator.iter_errors(record), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        path = tuple(error.absolute_path)
        line = origin.line(*prefix, *path)
        name = field_name(path)
        message = _message(error, schemas, properties if not path else {})
        if message is None:
            continue
        field, text = message
        if field is not None:
            line = origin.line(*prefix, *path, field) if field in (error.instance or {}) else line
            name = field_name(path + (field,))
        problems.add(origin.path, line, name or "(en-tête)", text)
    return problems


def _message(error: ValidationError, schemas: Schemas, top: dict[str, Any]) -> tuple[str | None, str] | None:
    kind = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        instance = value if isinstance(value, dict) else {}
        missing = [key for key in error.validator_value if key not in instance]
        key = missing[0] if missing else "?"
        sub = error.schema.get("properties", {}).get(key) or top.get(key) or {}
        expected = _expected(sub, schemas) if sub else ""
        return key, "champ obligatoire manquant" + (f" : attendu {expected}" if expected else "")
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {})) or list(top)
        extras = [key for key in value if key not in schema.get("properties", {})]
        key = extras[0] if extras else "?"
        return key, f"champ inconnu{suggest(key, allowed)} ; champs possibles : {', '.join(allowed)}"
    if kind == "not" or kind is None:
        return None, f"champ {_expected(schema, schemas) or 'interdit ici'}"
    if kind == "type":
        expected = error.validator_value
        names = [TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        return None, f"{_python_type(value)} au lieu de {' ou '.join(names)}"
    if kind in ("enum", "oneOf") and allowed_values(schema):
        allowed = allowed_values(schema)
        return None, f"valeur « {value} » inconnue{suggest(str(value), allowed)} : valeurs possibles : {', '.join(allowed)}"
    if kind == "const":
        return None, f"valeur « {value} » incorrecte : attendu « {error.validator_value} »"
    if kind == "pattern":
        return None, f"« {value} » n'a pas la forme attendue : {_expected(schema, schemas) or error.validator_value}"
    if kind == "format":
        return None, f"« {value} » n'est pas valide : attendu {_expected(schema, schemas) or error.validator_value}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return None, f"{value} est hors limites : attendu {_expected(schema, schemas) or f'{kind} {error.validator_value}'}"
    if kind == "minLength":
        return None, f"texte trop court ({len(value)} caractères) : attendu {_expected(schema, schemas) or f'au moins {error.validator_value} caractères'}"
    if kind == "maxLength":
        return None, f"texte trop long ({len(value)} caractères, {error.validator_value} au plus)"
    if kind == "uniqueItems":
        return None, "valeur en double dans la liste : chaque valeur ne doit apparaître qu'une fois"
    if kind == "minItems":
        return None, f"liste trop courte : au moins {error.validator_value} élément(s) attendu(s)"
    return None, f"valeur incorrecte ({error.message})"


def check_references(corpus: Corpus, problems: Problems) -> None:
    """Unknown references, duplicate ids, codes and years: what schemas cannot say."""
    territoires, programmes, themes = corpus.territoires, corpus.programmes, corpus.themes
    where = _emplacements(corpus)

    def unknown(origin: Origin | None, keys: tuple, value: str, what: str, choices: Iterable[str], folder: str) -> None:
        if origin is not None:
            problems.add(
                origin.path,
                origin.line(*keys),
                field_name(keys),
                f"{what} « {value} » inconnu{suggest(value, choices)} : attendu l'identifiant d'un fichier de {folder}",
            )

    for ressource in corpus.ressources:
        origin = ressource.origin
        for index, value in enumerate(ressource.territoire_ids):
            if value not in territoires:
                unknown(origin, ("territoires", index), value, "territoire", territoires, where["territoire"])
        for index, value in enumerate(ressource.programme_ids):
            if value not in programmes:
                unknown(origin, ("programmes", index), value, "programme", programmes, where["programme"])
        for index, value in enumerate(ressource.theme_ids):
            if value not in themes:
                unknown(origin, ("themes", index), value, "thème", themes, where["theme"])
    for programme in programmes.values():
        for index, value in enumerate(programme.theme_ids):
            if value not in themes:
                unknown(programme.origin, ("themes", index), value, "thème", themes, where["theme"])
        if programme.fin is not None and programme.debut is not None and programme.fin < programme.debut and programme.origin:
            problems.add(programme.origin.path, programme.origin.line("fin"), "fin",
                         f"l'année de fin ({programme.fin}) précède l'année de début ({programme.debut}) : attendu une année égale ou postérieure")
    for territoire in territoires.values():
        origin = territoire.origin
        for index, participation in enumerate(territoire.participations):
            if participation.programme_id not in programmes:
                unknown(origin, ("participations", index, "programme"), participation.programme_id, "programme", programmes, where["programme"])
            if participation.debut and participation.fin and participation.fin < participation.debut and origin:
                problems.add(origin.path, origin.line("participations", index, "fin"), f"participations[{index}].fin",
                             f"l'année de fin ({participation.fin}) précède l'année de début ({participation.debut})")
        if origin is None:
            continue
        _check_geography(corpus, territoire, problems)
    _check_guide(corpus, problems)
    check_sources(corpus, problems)


def _cited_records(corpus: Corpus) -> Iterable[tuple[Any, bool]]:
    """(record, may cite a public document outside the corpus) for every record that must name its sources."""
    for ressource in corpus.ressources:
        yield ressource, ressource.contribuee
    for record in (*corpus.territoires.values(), *corpus.programmes.values(), *corpus.propositions.values(),
                   *corpus.recommandations.values()):
        yield record, False


def check_sources(corpus: Corpus, problems: Problems) -> None:
    """Every published record names its sources; each names a document of data/sources/ (or, in a contributed page, a public one)."""
    known = corpus.sources
    where = _emplacements(corpus)

    def check(origin: Origin, keys: tuple, source: dict[str, Any], externe: bool) -> None:
        document = source.get("document")
        if document is not None and document not in known:
            problems.add(origin.path, origin.line(*keys, "document"), field_name((*keys, "document")),
                         f"document « {document} » inconnu{suggest(document, known)} : attendu l'identifiant d'un fichier de {where['source']} ({', '.join(sorted(known))})")
        elif document is None and not externe:
            problems.add(origin.path, origin.line(*keys), field_name(keys),
                         "un document hors du corpus (titre et url) n'est admis que dans une page contribuée : "
                         f"attendu « document: » et l'identifiant d'un fichier de {where['source']}")

    for record, externe in _cited_records(corpus):
        origin = record.origin
        if origin is None:
            continue
        if not record.sources and record.statut != "brouillon":
            problems.add(origin.path, origin.line("id"), "sources",
                         "aucune source : attendu au moins une source, par exemple « sources: [{document: presentation-fabrique, partie: \"Avenir Montagnes Ingénierie\"}] »")
        for index, source in enumerate(record.sources):
            check(origin, ("sources", index), source, externe)
    ids = [c.id for c in corpus.chiffres]
    for chiffre in corpus.chiffres:
        if chiffre.origin is None:
            continue
        check(chiffre.origin, ("source",), chiffre.source, False)
        if chiffre.partie_de is not None and chiffre.partie_de not in ids:
            problems.add(chiffre.origin.path, chiffre.origin.line("partie_de"), "partie_de",
                         f"chiffre « {chiffre.partie_de} » inconnu{suggest(chiffre.partie_de, ids)} : attendu l'identifiant d'un chiffre total de {where['chiffre']}")


def _check_guide(corpus: Corpus, problems: Problems) -> None:
    """References of the propositions and recommendations: each must name a page that exists."""
    brouillons = {item_id for _, item_id in corpus.brouillons}
    by_id = {r.id: r for r in corpus.ressources}
    where = _emplacements(corpus)
    genres = corpus.genres
    kinds = {key: (kind, genres[kind].libelle, article, inconnu, where[kind])
             for key, kind, article, inconnu in (("fiches", "fiche-projet-pilote", "une", "inconnue"),
                                                 ("retours", "retour-experience", "un", "inconnu"))}
    items: list[Illustree] = [*corpus.propositions.values(), *corpus.recommandations.values()]
    for item in items:
        origin = item.origin
        if origin is None:
            continue
        stem = origin.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != item.id:
            problems.add(origin.path, origin.line("id"), "id",
                         f"l'identifiant « {item.id} » diffère du nom du fichier : attendu « {stem} »")

        def unknown(keys: tuple, value: str, what: str, choices: Iterable[str], folder: str) -> None:
            problems.add(origin.path, origin.line(*keys), field_name(keys),
                         f"{what} « {value} » inconnu{suggest(value, choices)} : attendu l'identifiant d'un fichier de {folder}")

        for index, value in enumerate(item.theme_ids):
            if value not in corpus.themes:
                unknown(("themes", index), value, "thème", corpus.themes, where["theme"])
        for index, value in enumerate(item.territoire_ids):
            if value not in corpus.territoires and value not in brouillons:
                unknown(("territoires", index), value, "territoire", corpus.territoires, where["territoire"])
        for key, ids in (("fiches", item.fiche_ids), ("retours", item.retour_ids)):
            kind, what, article, inconnu, folder = kinds[key]
            choices = [r.id for r in corpus.ressources if r.type == kind]
            for index, value in enumerate(ids):
                found = by_id.get(value)
                if found is None and value not in brouillons:
                    problems.add(origin.path, origin.line(key, index), field_name((key, index)),
                                 f"{what} « {value} » {inconnu}{suggest(value, choices)} : attendu l'identifiant d'une page de {folder}")
                elif found is not None and found.type != kind:
                    problems.add(origin.path, origin.line(key, index), field_name((key, index)),
                                 f"« {value} » ({found.src_path}) n'est pas {article} {what} : attendu l'identifiant d'une page de {folder}")
        if isinstance(item, Proposition):
            if item.chapitre_src not in {r.src_path for r in corpus.ressources} and ("ressource", item.pilier) not in corpus.brouillons:
                problems.add(origin.path, origin.line("pilier"), "pilier",
                             f"la page docs/{item.chapitre_src} de la partie « {item.pilier} » est absente : créez-la (type « guide ») pour y présenter ses propositions")
        else:
            if item.chapitre_src not in {r.src_path for r in corpus.ressources} and ("ressource", "recommandations") not in corpus.brouillons:
                problems.add(origin.path, origin.line("id"), "id",
                             f"la page docs/{item.chapitre_src} qui présente les recommandations est absente : créez-la (type « guide »)")
            for index, value in enumerate(item.proposition_ids):
                if value not in corpus.propositions and ("proposition", value) not in corpus.brouillons:
                    problems.add(origin.path, origin.line("propositions", index), field_name(("propositions", index)),
                                 f"proposition « {value} » inconnue{suggest(value, corpus.propositions)} : attendu l'identifiant d'un fichier de {where['proposition']}")


def _emplacements(corpus: Corpus) -> dict[str, str]:
    """Where the records of each kind are, as messages name them (``data/territoires/``), from the schemas."""
    return {name: genre.emplacement for name, genre in corpus.genres.items()}


def _check_geography(corpus: Corpus, territoire: Any, problems: Problems) -> None:
    origin = territoire.origin
    if territoire.departement and territoire.departement not in corpus.departements:
        problems.add(origin.path, origin.line("departement"), "departement",
                     f"département « {territoire.departement} » inconnu{suggest(territoire.departement, corpus.departements)} : attendu un code du Code officiel géographique")
    if territoire.region and territoire.region not in corpus.regions:
        problems.add(origin.path, origin.line("region"), "region",
                     f"région « {territoire.region} » inconnue : attendu l'un des codes {', '.join(sorted(corpus.regions))}")
    if territoire.type == "departement" and territoire.code and territoire.code not in corpus.departements:
        problems.add(origin.path, origin.line("code"), "code", f"département « {territoire.code} » inconnu : attendu un code du Code officiel géographique")
    if territoire.type == "region" and territoire.code and territoire.code not in corpus.regions:
        problems.add(origin.path, origin.line("code"), "code", f"région « {territoire.code} » inconnue : attendu l'un des codes {', '.join(sorted(corpus.regions))}")
    if (
        territoire.departement in corpus.departements
        and territoire.region in corpus.regions
        and corpus.departements[territoire.departement][1] != territoire.region
    ):
        expected = corpus.departements[territoire.departement][1]
        problems.add(origin.path, origin.line("region"), "region",
                     f"la région « {territoire.region} » ne contient pas le département « {territoire.departement} » : attendu « {expected} » ({corpus.regions[expected]})")
    if territoire.type == "commune" and territoire.code and territoire.departement:
        prefix = territoire.code[:3] if territoire.code.startswith("97") else territoire.code[:2]
        if re.fullmatch(r"[0-9AB]+", prefix) and prefix != territoire.departement:
            problems.add(origin.path, origin.line("code"), "code",
                         f"le code INSEE « {territoire.code} » n'appartient pas au département « {territoire.departement} » : un code INSEE commence par le code de son département")
    if territoire.type not in ("etranger",) and territoire.pays and territoire.pays.casefold() != "france" and origin:
        problems.add(origin.path, origin.line("type"), "type", "un territoire hors de France doit avoir le type « etranger »")
