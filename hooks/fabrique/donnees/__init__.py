"""The open-data release under ``/donnees/``: the corpus as CSV, JSON and GeoJSON files.

Every column is derived from the content schemas of ``data/schemas/`` (a field added there
appears in the release with its title, description and constraints); only the page URL, the
position and the cross-references the build resolves are added here. From the same columns
come a JSON Schema per file, the Frictionless data package and the DCAT-AP catalogue.

Every file is a pure function of the corpus, the schemas, ``site_url`` and the release date
(taken from git or the front matter, never from the clock): two builds of one commit give
byte-identical files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable

from .. import adresses, historique, loader
from ..francais import date_fr, taille_fr  # noqa: F401 (their home is fabrique.francais)
from ..geographie import position
from ..model import Corpus, Territoire
from ..problems import Problems
from ..schemas import Schemas

#: Folder of the release inside the site.
FOLDER = "donnees"

#: Separator of the items of a list in a CSV cell (Frictionless ``list`` type).
LIST_DELIMITER = ";"

DATASET_TITLE = "Corpus partagé de la Fabrique des transitions"
DATASET_NAME = "fabrique-des-transitions-corpus"
PUBLISHER = "La Fabrique des transitions"

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "spdx": "https://spdx.org/licenses/etalab-2.0.html",
}

#: Fields of the content schemas that are page layout, not data.
LAYOUT_FIELDS = ("render_macros", "hide", "ordre")

#: Collections that get a table of their own; "ressources" is read from ``docs/``.
TABLE_TITLES = {
    "territoires": "Territoires",
    "programmes": "Programmes",
    "ressources": "Ressources",
    "propositions": "Propositions",
    "themes": "Thèmes",
    "chiffres": "Chiffres déclarés",
}

MEDIA_TYPES = {
    "csv": ("text/csv", "CSV"),
    "json": ("application/json", "JSON"),
    "geojson": ("application/geo+json", "GEOJSON"),
}

_INTEGER = "^-?[0-9]+$"
_NUMBER = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class Colonne:
    """One column of a table, with the JSON Schema of its values in the JSON file."""

    nom: str
    schema: dict[str, Any]
    requis: bool = False
    genre: str = "scalaire"  # "scalaire", "liste" (of scalars) or "json" (array of objects)
    chemin: tuple[str, ...] = ()  # where the value is in a raw record (default: the column's name)

    @property
    def titre(self) -> str:
        return self.schema.get("title", self.nom)

    @property
    def description(self) -> str:
        return self.schema.get("description", "")


def _json_type(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        return kinds[0] if len(kinds) == 1 else "mixed"
    if kind:
        return kind
    if "oneOf" in schema or "enum" in schema or "const" in schema:
        return "string"
    return "mixed"


def columns_of(schemas: Schemas, schema_name: str, skip: Iterable[str] = ()) -> list[Colonne]:
    """The columns of a collection, derived from its content schema, in the schema's order."""
    required = set(schemas.required(schema_name))
    columns: list[Colonne] = []
    for name, prop in schemas.standalone_properties(schema_name).items():
        if name in LAYOUT_FIELDS or name in skip:
            continue
        kind = _json_type(prop)
        if kind == "object" and "properties" in prop:
            inner_required = set(prop.get("required", []))
            for sub, sub_schema in prop["properties"].items():
                sub_schema = {**sub_schema, "title": f"{prop.get('title', name)} : {sub_schema.get('title', sub)}"}
                column = _scalar(f"{name}_{sub}", sub_schema, name in required and sub in inner_required)
                columns.append(Colonne(column.nom, column.schema, column.requis, column.genre, (name, sub)))
        elif kind == "array":
            items = prop.get("items", {})
            if _json_type(items) in ("object", "array", "mixed"):
                columns.append(Colonne(name, prop, name in required, "json"))
            else:
                columns.append(Colonne(name, prop, name in required, "liste"))
        else:
            columns.append(_scalar(name, prop, name in required))
    return columns


def _scalar(name: str, schema: dict[str, Any], required: bool) -> Colonne:
    if _json_type(schema) == "mixed":
        kept = {k: v for k, v in schema.items() if k in ("title", "description")}
        schema = {**kept, "type": "string"}
    return Colonne(name, schema, required)


def _reference_column(schemas: Schemas, name: str, title: str, description: str) -> Colonne:
    """A list of identifiers of another table, with the shared ``identifiants`` schema."""
    schema = schemas.inline({"$ref": "commun.schema.json#/$defs/identifiants"}, "commun.schema.json")
    return Colonne(name, {**schema, "title": title, "description": description}, True, "liste")


def _url_column() -> Colonne:
    return Colonne("url", {"type": "string", "format": "uri", "title": "Adresse de la page", "description": "l'adresse de la page du site"}, True)


# --------------------------------------------------------------------------- tables


@dataclass
class Table:
    nom: str
    titre: str
    description: str
    colonnes: list[Colonne]
    lignes: list[dict[str, Any]]

    @property
    def geo(self) -> bool:
        return self.nom == "territoires"


def _value(record: dict[str, Any], column: Colonne) -> Any:
    """The value of a column in a raw record (schema default if absent; flattened objects)."""
    value: Any = record
    for key in column.chemin or (column.nom,):
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        value = column.schema.get("default")
    if column.genre == "json":
        return json.loads(json.dumps(list(value or []), sort_keys=True))
    if column.genre == "liste":
        return list(value or [])
    if value is not None and column.schema.get("type") == "string" and not isinstance(value, str):
        return str(value)
    return value


def _row(record: dict[str, Any], columns: list[Colonne], extra: dict[str, Any]) -> dict[str, Any]:
    return {column.nom: extra[column.nom] if column.nom in extra else _value(record, column) for column in columns}


def _raw_records(project: loader.Project) -> dict[str, dict[str, dict[str, Any]]]:
    """The records of ``data/`` as written, by schema name then id (already validated)."""
    records: dict[str, dict[str, dict[str, Any]]] = {}
    for schema_name, record, _, _ in loader.iter_data_records(project, Problems()):
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            records.setdefault(schema_name, {})[record["id"]] = record
    return records


def _model_objects(corpus: Corpus, collection: str) -> dict[str, Any] | None:
    """The corpus' own objects of a collection, by id, when the model has that collection."""
    found = getattr(corpus, collection, None)
    if isinstance(found, dict):
        return dict(found)
    if isinstance(found, list):
        return {item.id: item for item in found if hasattr(item, "id")}
    return None


def tables(project: loader.Project, corpus: Corpus, schemas: Schemas, site_url: str, include_drafts: bool = True) -> list[Table]:
    """Every table of the release, rows sorted by id."""
    raw = _raw_records(project)

    def url(path: str | None) -> str | None:
        return None if path is None else adresses.absolute(site_url, path)

    result: list[Table] = []
    for collection, schema_name in sorted(schemas.collections.items()):
        objects = _model_objects(corpus, collection)
        records = raw.get(schema_name, {})
        if objects is None:
            if not records:
                continue
            objects = {i: r for i, r in records.items() if include_drafts or r.get("statut") != "brouillon"}
        if not objects:
            continue  # a collection with nothing in it (yet) gets no file
        with_url = any(adresses.of(o) is not None for o in objects.values())
        columns = columns_of(schemas, schema_name, skip=("coordonnees",) if collection == "territoires" else ())
        if collection == "territoires":
            columns = _territory_columns(schemas, columns)
        elif collection == "programmes":
            columns += [
                _reference_column(schemas, "territoires", "Territoires", "les identifiants des territoires qui y ont pris part (territoires.csv)"),
                _reference_column(schemas, "ressources", "Ressources", "les identifiants des ressources qui en parlent (ressources.csv)"),
            ]
        elif collection == "themes":
            columns += [
                _reference_column(schemas, "programmes", "Programmes", "les identifiants des programmes de ce thème (programmes.csv)"),
                _reference_column(schemas, "ressources", "Ressources", "les identifiants des ressources de ce thème (ressources.csv)"),
            ]
        if with_url:
            columns.insert(1, _url_column())
        rows = []
        for record_id in sorted(objects):
            obj = objects[record_id]
            extra: dict[str, Any] = {}
            if with_url:
                extra["url"] = url(adresses.of(obj))
            if collection == "territoires":
                extra.update(_territory_extra(corpus, obj))
            elif collection == "programmes":
                extra["territoires"] = sorted(t.id for t, _ in obj.territoires)
                extra["ressources"] = sorted(r.id for r in obj.ressources)
            elif collection == "themes":
                extra["programmes"] = sorted(p.id for p in obj.programmes)
                extra["ressources"] = sorted(r.id for r in obj.ressources)
            rows.append(_row(records.get(record_id, {}), columns, extra))
        description = schemas.get(schema_name).get("description", "")
        result.append(Table(collection, TABLE_TITLES.get(collection, collection.capitalize()), description, columns, rows))

    ressources = sorted((r for r in corpus.ressources if r.type != "page"), key=lambda r: r.id)
    columns = columns_of(schemas, "ressource")
    columns.insert(1, _url_column())
    rows = [_row(r.meta, columns, {"url": url(r.url)}) for r in ressources]
    description = "Les ressources du site (fondamentaux, mise en récits, fiches projets pilotes, retours d'expérience, guide), décrites par l'en-tête de leur page."
    result.append(Table("ressources", TABLE_TITLES["ressources"], description, columns, rows))
    order = list(TABLE_TITLES)
    return sorted(result, key=lambda t: (order.index(t.nom) if t.nom in order else len(order), t.nom))


def _territory_columns(schemas: Schemas, columns: list[Colonne]) -> list[Colonne]:
    coordonnees = schemas.inline({"$ref": "commun.schema.json#/$defs/coordonnees"}, "commun.schema.json")
    lat = {**coordonnees["properties"]["lat"], "title": "Latitude", "description": "latitude en degrés décimaux (WGS 84), si la position est connue"}
    lon = {**coordonnees["properties"]["lon"], "title": "Longitude", "description": "longitude en degrés décimaux (WGS 84), si la position est connue"}
    return columns + [
        Colonne("latitude", lat),
        Colonne("longitude", lon),
        _reference_column(schemas, "programmes", "Programmes", "les identifiants des programmes suivis (programmes.csv)"),
        _reference_column(schemas, "ressources", "Ressources", "les identifiants des ressources sur ce territoire (ressources.csv)"),
    ]


def _territory_extra(corpus: Corpus, territoire: Territoire) -> dict[str, Any]:
    where = position(territoire)
    return {
        "region": corpus.region_of(territoire),
        "latitude": where[0] if where else None,
        "longitude": where[1] if where else None,
        "programmes": sorted({p.id for p, _ in territoire.programmes}),
        "ressources": sorted(r.id for r in territoire.ressources),
    }


# --------------------------------------------------------------------------- serialisation


def _csv_cell(value: Any, column: Colonne) -> str:
    if value is None:
        return ""
    if column.genre == "liste":
        return LIST_DELIMITER.join(str(item) for item in value)
    if column.genre == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(table: Table) -> bytes:
    """RFC 4180: comma-separated, CRLF line ends, quotes where needed, a header row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([column.nom for column in table.colonnes])
    for row in table.lignes:
        writer.writerow([_csv_cell(row[column.nom], column) for column in table.colonnes])
    return buffer.getvalue().encode("utf-8")


def dump_json(data: Any, sort_keys: bool = True) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n").encode("utf-8")


def to_geojson(table: Table) -> bytes:
    features = []
    for row in table.lignes:
        if row.get("latitude") is None or row.get("longitude") is None:
            continue
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": properties,
        })
    return dump_json({"type": "FeatureCollection", "features": features})


# --------------------------------------------------------------------------- JSON Schemas


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def row_schema(table: Table) -> dict[str, Any]:
    """The JSON Schema of one row of the JSON file."""
    properties = {}
    for column in table.colonnes:
        schema = dict(column.schema)
        properties[column.nom] = schema if column.requis or column.genre != "scalaire" else _nullable(schema)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [column.nom for column in table.colonnes],
        "properties": properties,
    }


def _strip_anchors(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


#: Characters a regular expression must escape; the only ones a Unicode JavaScript regular
#: expression (Ajv, ``u`` flag) accepts escaped, with ``/``. ``re.escape`` also escapes ``-``.
_REGEX_SYNTAX = frozenset("^$\\.*+?()[]{}|/")


def regex_literal(text: str) -> str:
    """A regular expression matching ``text`` exactly, valid in Python and in Unicode JavaScript."""
    return "".join("\\" + c if c in _REGEX_SYNTAX else c for c in text)


def _csv_value_pattern(schema: dict[str, Any]) -> str | None:
    """A regular expression (without anchors) for one value as written in a CSV cell."""
    values = [o["const"] for o in schema.get("oneOf", []) if "const" in o] + list(schema.get("enum", []))
    if values:
        return "(" + "|".join(regex_literal(str(v)) for v in values) + ")"
    kind = _json_type(schema)
    if kind == "integer":
        return _strip_anchors(_INTEGER)
    if kind == "number":
        return _strip_anchors(_NUMBER)
    if kind == "boolean":
        return "(true|false)"
    if "pattern" in schema:
        return "(" + _strip_anchors(schema["pattern"]) + ")"
    return None


def csv_cell_schema(column: Colonne) -> dict[str, Any]:
    """The JSON Schema of a CSV cell (always a string), derived from the column's schema."""
    info = {k: column.schema[k] for k in ("title", "description") if k in column.schema}
    if column.genre == "json":
        cell: dict[str, Any] = {"type": "string", "contentMediaType": "application/json", "contentSchema": column.schema}
    elif column.genre == "liste":
        item = _csv_value_pattern(column.schema.get("items", {})) or f"[^{LIST_DELIMITER}]+"
        cell = {"type": "string", "pattern": f"^({item})({LIST_DELIMITER}({item}))*$"}
    else:
        cell = {"type": "string"}
        value = _csv_value_pattern(column.schema)
        if value:
            cell["pattern"] = f"^{value}$"
        for key in ("minLength", "maxLength", "format"):
            if key in column.schema and _json_type(column.schema) == "string":
                cell[key] = column.schema[key]
    cell.update(info)
    if column.requis and column.genre == "scalaire":
        return cell
    return {"anyOf": [{"const": ""}, cell], **info}


def file_schema(table: Table, fmt: str, schema_url: str) -> dict[str, Any]:
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_url}
    if fmt == "json":
        return {**head, "title": f"{table.titre} (JSON)", "description": table.description, "type": "array", "items": row_schema(table)}
    if fmt == "csv":
        return {
            **head,
            "title": f"{table.titre} (CSV)",
            "description": table.description + " Chaque ligne du CSV, lue avec sa ligne d'en-tête, est un objet dont toutes les valeurs sont des textes ; les listes sont séparées par « " + LIST_DELIMITER + " ».",
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [column.nom for column in table.colonnes],
                "properties": {column.nom: csv_cell_schema(column) for column in table.colonnes},
            },
        }
    row = row_schema(table)
    lat = row["properties"]["latitude"]["anyOf"][0]
    lon = row["properties"]["longitude"]["anyOf"][0]
    properties = {k: v for k, v in row["properties"].items() if k not in ("latitude", "longitude")}
    return {
        **head,
        "title": f"{table.titre} (GeoJSON)",
        "description": "Les territoires dont la position est connue, un point (longitude, latitude) par territoire.",
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["type", "id", "geometry", "properties"],
                    "properties": {
                        "type": {"const": "Feature"},
                        "id": row["properties"]["id"],
                        "geometry": {
                            "type": "object",
                            "required": ["type", "coordinates"],
                            "properties": {
                                "type": {"const": "Point"},
                                "coordinates": {"type": "array", "prefixItems": [lon, lat], "minItems": 2, "maxItems": 2},
                            },
                        },
                        "properties": {**row, "required": list(properties), "properties": properties},
                    },
                },
            },
        },
    }


# --------------------------------------------------------------------------- Frictionless


def _frictionless_field(column: Colonne) -> dict[str, Any]:
    schema = column.schema
    out: dict[str, Any] = {"name": column.nom, "title": column.titre}
    if column.description:
        out["description"] = column.description
    constraints: dict[str, Any] = {}
    if column.requis and column.genre == "scalaire":
        constraints["required"] = True
    if column.genre == "json":
        out["type"] = "array"
    elif column.genre == "liste":
        item_type = _json_type(schema.get("items", {}))
        out.update({"type": "list", "delimiter": LIST_DELIMITER, "itemType": item_type if item_type in ("integer", "number", "boolean") else "string"})
    else:
        kind = _json_type(schema)
        if kind == "string" and schema.get("format") == "date":
            out["type"] = "date"
        else:
            out["type"] = kind if kind in ("integer", "number", "boolean") else "string"
            if schema.get("format") == "uri":
                out["format"] = "uri"
        values = [o["const"] for o in schema.get("oneOf", []) if "const" in o] + list(schema.get("enum", []))
        if values:
            constraints["enum"] = values
        if out["type"] == "string":
            if "pattern" in schema:
                constraints["pattern"] = _strip_anchors(schema["pattern"])
            for key in ("minLength", "maxLength"):
                if key in schema:
                    constraints[key] = schema[key]
        if out["type"] in ("integer", "number"):
            for key in ("minimum", "maximum"):
                if key in schema:
                    constraints[key] = schema[key]
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(table: Table) -> dict[str, Any]:
    return {
        "fields": [_frictionless_field(column) for column in table.colonnes],
        "primaryKey": ["id"],
        "missingValues": [""],
    }


# --------------------------------------------------------------------------- the release


@dataclass(frozen=True)
class Fichier:
    """One file of the release, with what the page and the catalogue say about it."""

    nom: str
    contenu: bytes
    format: str
    titre: str
    description: str
    table: str | None = None
    lignes: int | None = None
    schema: str | None = None

    @property
    def taille(self) -> int:
        return len(self.contenu)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.contenu).hexdigest()

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format][0]


@dataclass
class Release:
    """Every file of ``/donnees/``, in the order the page lists them."""

    site_url: str
    date: str | None
    commit: str | None
    fichiers: list[Fichier] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    schemas: dict[str, bytes] = field(default_factory=dict)
    descripteur: bytes = b""
    catalogue: bytes = b""

    @property
    def base(self) -> str:
        return self.site_url.rstrip("/") + f"/{FOLDER}/"

    @property
    def version(self) -> str:
        return self.date or "0"

    def all_files(self) -> dict[str, bytes]:
        """Path inside the site -> bytes, for MkDocs' file API."""
        out = {f"{FOLDER}/{f.nom}": f.contenu for f in self.fichiers}
        out.update({f"{FOLDER}/schemas/{name}": content for name, content in self.schemas.items()})
        out[f"{FOLDER}/datapackage.json"] = self.descripteur
        out[f"{FOLDER}/catalog.jsonld"] = self.catalogue
        return out


def release_epoch(project: loader.Project, source_date_epoch: str | None = None) -> str | None:
    """The time of the release, in seconds: SOURCE_DATE_EPOCH (the setting), else the last commit of data/ or docs/."""
    epoch = source_date_epoch or ""
    if epoch.isdigit():
        return epoch
    found = historique.git(project.root, "log", "-1", "--format=%ct", "--", "data", "docs")
    return found if found.isdigit() else None


def release_date(project: loader.Project, corpus: Corpus, source_date_epoch: str | None = None) -> tuple[str | None, str | None]:
    """(day of the last change, commit): from :func:`release_epoch` (UTC), else front matter."""
    epoch = release_epoch(project, source_date_epoch)
    day = datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat() if epoch else None
    if day is None:
        dates = [str(r.date) for r in corpus.ressources if r.date]
        day = max(dates) if dates else None
    return day, historique.git(project.root, "rev-parse", "--short=12", "HEAD") or None


def build_release(project: loader.Project, corpus: Corpus, schemas: Schemas, site_url: str, include_drafts: bool = True,
                  source_date_epoch: str | None = None) -> Release:
    day, commit = release_date(project, corpus, source_date_epoch)
    release = Release(site_url=site_url, date=day, commit=commit)
    tabular = tables(project, corpus, schemas, site_url, include_drafts)
    release.tables = tabular
    for table in tabular:
        formats = ["csv", "json"] + (["geojson"] if table.geo else [])
        for fmt in formats:
            name = f"{table.nom}.{fmt}"
            schema_name = f"{name}.schema.json"
            release.schemas[schema_name] = dump_json(file_schema(table, fmt, release.base + "schemas/" + schema_name))
            if fmt == "csv":
                content, rows = to_csv(table), len(table.lignes)
            elif fmt == "json":
                # rows keep the column order (Frictionless reads keyed rows in order); nested keys are sorted
                content, rows = dump_json(table.lignes, sort_keys=False), len(table.lignes)
            else:
                content = to_geojson(table)
                rows = len(json.loads(content)["features"])
            title = f"{table.titre} ({MEDIA_TYPES[fmt][1]})"
            release.fichiers.append(Fichier(name, content, fmt, title, table.description, table.nom, rows, schema_name))
    release.descripteur = dump_json(datapackage(release, {t.nom: t for t in tabular}))
    release.catalogue = dump_json(catalogue(release))
    return release


def datapackage(release: Release, tabular: dict[str, Table]) -> dict[str, Any]:
    resources = []
    for fichier in release.fichiers:
        resource: dict[str, Any] = {
            "name": fichier.nom.replace(".", "-"),
            "path": fichier.nom,
            "title": fichier.titre,
            "description": fichier.description,
            "format": fichier.format,
            "mediatype": fichier.media_type,
            "encoding": "utf-8",
            "jsonSchema": f"schemas/{fichier.schema}",
            "licenses": [LICENCE_DESCRIPTOR],
        }
        if fichier.format != "json":
            # Frictionless' JSON table parser counts no bytes: size and hash only where it checks them
            resource["bytes"] = fichier.taille
            resource["hash"] = f"sha256:{fichier.sha256}"
        if fichier.format == "geojson":
            resource["type"] = "json"
            resource["features"] = fichier.lignes
        else:
            resource["rows"] = fichier.lignes
            resource["type"] = "table"
            resource["schema"] = table_schema(tabular[fichier.table])
            if fichier.format == "csv":
                resource["dialect"] = {"csv": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True}, "header": True}
        resources.append(resource)
    return {
        "name": DATASET_NAME,
        "title": DATASET_TITLE,
        "description": DESCRIPTION,
        "homepage": release.base,
        "version": release.version,
        "created": f"{release.date}T00:00:00Z" if release.date else None,
        "licenses": [LICENCE_DESCRIPTOR],
        "contributors": [{"title": PUBLISHER, "role": "publisher", "path": release.site_url}],
        "keywords": KEYWORDS,
        "resources": resources,
    }


LICENCE_DESCRIPTOR = {"name": LICENCE["name"], "path": LICENCE["path"], "title": LICENCE["title"]}
KEYWORDS = ["transition écologique", "territoires", "collectivités", "coopération", "Fabrique des transitions"]
DESCRIPTION = (
    "Les territoires, programmes, ressources et chiffres documentés par la Fabrique des transitions, "
    "alliance pour des transitions écologiques démocratiques : un fichier CSV et un fichier JSON par table, "
    "les territoires en GeoJSON, chaque ligne avec son identifiant stable, l'adresse de sa page et ses liens "
    "vers les autres tables par identifiant."
)

# --------------------------------------------------------------------------- DCAT-AP

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "adms": "http://www.w3.org/ns/adms#",
}
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGE_FR = "http://publications.europa.eu/resource/authority/language/FRA"
IANA = "https://www.iana.org/assignments/media-types/"


def catalogue(release: Release) -> dict[str, Any]:
    """A DCAT-AP 2 catalogue in JSON-LD: one dataset, one distribution per file."""
    base = release.base
    publisher = {"@id": release.site_url, "@type": "foaf:Agent", "foaf:name": PUBLISHER}
    licence = {"@id": LICENCE["path"], "@type": "dct:LicenseDocument", "dct:title": LICENCE["title"]}
    modified = {"@value": release.date, "@type": "xsd:date"} if release.date else None

    def distribution(name: str, title: str, description: str, media_type: str, fmt: str, size: int, conforms: str | None) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": base + name,
            "@type": "dcat:Distribution",
            "dct:title": {"@value": title, "@language": "fr"},
            "dct:description": {"@value": description, "@language": "fr"},
            "dcat:accessURL": {"@id": base},
            "dcat:downloadURL": {"@id": base + name},
            "dcat:mediaType": {"@id": IANA + media_type},
            "dct:format": {"@id": EU_FILE_TYPE + fmt},
            "dct:license": licence,
            "dcat:byteSize": {"@value": str(size), "@type": "xsd:decimal"},
        }
        if conforms:
            node["dct:conformsTo"] = {"@id": base + "schemas/" + conforms}
        if modified:
            node["dct:modified"] = modified
        return node

    distributions = [
        distribution(f.nom, f.titre, f.description, f.media_type, MEDIA_TYPES[f.format][1], f.taille, f.schema)
        for f in release.fichiers
    ]
    distributions.append(distribution(
        "datapackage.json", "Descripteur Frictionless (datapackage.json)",
        "La description de chaque fichier, de ses champs et de sa licence, au format Frictionless Data Package.",
        "application/json", "JSON", len(release.descripteur), None,
    ))
    dataset: dict[str, Any] = {
        "@id": base + "#jeu-de-donnees",
        "@type": "dcat:Dataset",
        "dct:identifier": DATASET_NAME,
        "dct:title": {"@value": DATASET_TITLE, "@language": "fr"},
        "dct:description": {"@value": DESCRIPTION, "@language": "fr"},
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": {"@id": EU_LANGUAGE_FR},
        "dcat:landingPage": {"@id": base},
        "dcat:keyword": [{"@value": k, "@language": "fr"} for k in KEYWORDS],
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": PUBLISHER, "vcard:hasURL": {"@id": release.site_url}},
        "owl:versionInfo": release.version,
        "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/FRA"},
        "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/IRREG"},
        "dcat:distribution": [{"@id": d["@id"]} for d in distributions],
    }
    if modified:
        dataset["dct:modified"] = modified
    catalog = {
        "@id": base + "catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "Catalogue des données de la Fabrique des transitions", "@language": "fr"},
        "dct:description": {"@value": "Les jeux de données publiés par le site de la Fabrique des transitions.", "@language": "fr"},
        "dct:publisher": publisher,
        "dct:language": {"@id": EU_LANGUAGE_FR},
        "foaf:homepage": {"@id": release.site_url},
        "dcat:dataset": [{"@id": dataset["@id"]}],
    }
    if modified:
        catalog["dct:modified"] = modified
    return {"@context": DCAT_CONTEXT, "@graph": [catalog, dataset, *distributions]}
