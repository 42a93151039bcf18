"""The web editor for allies without git: a Decap CMS configuration generated from the schemas.

Every collection and field of ``/admin/config.yml`` is derived from ``data/schemas/`` (labels,
hints, required fields, allowed values, patterns), so the editor never disagrees with
``fabrique check``. Saving in the editor opens a pull request (editorial workflow; with open
authoring, an ally without write access works in a fork made for them).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from .model import Corpus
from .schemas import Schemas

#: Pages of the built site allowed to load a script from another host, and why. This is the
#: only exception to "no third-party request": audits of the built site skip these folders.
EXTERNAL_SCRIPT_PAGES: dict[str, str] = {
    "admin/": "l'éditeur en ligne Decap CMS, chargé depuis unpkg.com (page réservée aux contributeurs, non indexée)",
}

#: The Decap CMS release loaded by ``/admin/`` and the hash of its main script (Subresource
#: Integrity). Recompute both with ``python -m fabrique.maintenance.decap VERSION``.
DECAP_VERSION = "3.16.3"
DECAP_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
DECAP_SCRIPT = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"

#: Data collections of the editor: schema -> folder of ``data/`` (see ``loader.COLLECTIONS``).
DATA_COLLECTIONS = {"territoire": "territoires", "programme": "programmes"}


def github_repository(repo_url: str | None) -> str | None:
    """``owner/name`` of a GitHub address, or None."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc.lower() not in ("github.com", "www.github.com") or path.count("/") != 1:
        return None
    return path


def branch_of(edit_uri: str | None) -> str:
    """The branch named in an ``edit_uri`` such as ``edit/main/docs/`` (``main`` otherwise)."""
    parts = (edit_uri or "").strip("/").split("/")
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree") else "main"


def _options(schemas: Schemas, schema: str, name: str) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for value, label in schemas.labels(schema, name).items()]


def _resolve(schemas: Schemas, prop: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
    """Follow ``$ref`` (also ``#/…`` inside the document ``base``); return the schema and its document."""
    while isinstance(prop, dict) and "$ref" in prop:
        document, _, pointer = prop["$ref"].partition("#")
        base = document or base
        target: Any = schemas.documents[base]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        prop = {**target, **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop, base


def field(schemas: Schemas, schema: str, name: str, prop: dict[str, Any], required: bool, corpus: Corpus,
          base: str = "") -> dict[str, Any]:
    """One Decap field from one schema property."""
    prop, base = _resolve(schemas, prop, base or f"{schema}.schema.json")
    result: dict[str, Any] = {"name": name, "label": prop.get("title", name)}
    hint = " ".join(str(prop.get("description", "")).split())
    if hint:
        result["hint"] = hint[0].upper() + hint[1:] + "."
    result["required"] = required
    kind = prop.get("type")
    if f"{name}s" in DATA_COLLECTIONS.values() and kind == "string":
        result.update(widget="relation", collection=f"{name}s", value_field="id", search_fields=["nom", "id"], display_fields=["nom"])
    elif "const" in prop:
        result.update(widget="hidden", default=prop["const"])
    elif _choices(prop):
        result.update(widget="select", options=[{"label": label, "value": value} for value, label in _choices(prop)])
        if "default" in prop:
            result["default"] = prop["default"]
    elif kind == "array":
        items, base = _resolve(schemas, prop.get("items", {}), base)
        if _choices(items):
            result.update(widget="select", multiple=True, options=[{"label": label, "value": value} for value, label in _choices(items)])
        elif name in DATA_COLLECTIONS.values():
            result.update(widget="relation", collection=name, value_field="id", search_fields=["nom", "id"],
                          display_fields=["nom"], multiple=True)
        elif name == "themes":
            result.update(widget="select", multiple=True,
                          options=[{"label": theme.nom, "value": theme.id} for theme in corpus.themes.values()])
        elif items.get("type") == "object":
            subrequired = set(items.get("required", []))
            result.update(widget="list", fields=[
                field(schemas, schema, key, value, key in subrequired, corpus, base) for key, value in items.get("properties", {}).items()
            ])
        else:
            result.update(widget="list", field={**field(schemas, schema, "element", items, True, corpus, base), "label": result["label"]})
    elif kind == "object":
        subrequired = set(prop.get("required", []))
        result.update(widget="object", fields=[
            field(schemas, schema, key, value, key in subrequired, corpus, base) for key, value in prop.get("properties", {}).items()
        ])
    elif kind == "integer":
        result.update(widget="number", value_type="int")
        for key, target in (("minimum", "min"), ("maximum", "max")):
            if key in prop:
                result[target] = prop[key]
    elif kind == "number":
        result.update(widget="number", value_type="float")
        for key, target in (("minimum", "min"), ("maximum", "max")):
            if key in prop:
                result[target] = prop[key]
    elif kind == "boolean":
        result.update(widget="boolean")
    else:
        long_text = prop.get("maxLength", 0) >= 300 or (prop.get("minLength") == 1 and "maxLength" not in prop and "pattern" not in prop)
        result["widget"] = "text" if long_text else "string"
        if "pattern" in prop:
            result["pattern"] = [prop["pattern"], hint or "forme incorrecte"]
    return result


def _choices(prop: dict[str, Any]) -> list[tuple[str, str]]:
    found = [(o["const"], o.get("title", o["const"])) for o in prop.get("oneOf", []) if isinstance(o, dict) and "const" in o]
    return found + [(value, value) for value in prop.get("enum", [])]


def _raw_properties(schemas: Schemas, schema: str) -> dict[str, tuple[dict[str, Any], str]]:
    """Like :meth:`Schemas.properties`, with each property unresolved and the document it is in."""
    document = schemas.get(schema)
    found: dict[str, tuple[dict[str, Any], str]] = {}
    for part in document.get("allOf", []):
        reference = part.get("$ref", "")
        if reference.endswith(".schema.json"):
            found.update(_raw_properties(schemas, reference[: -len(".schema.json")]))
    for key, value in document.get("properties", {}).items():
        if value is False or (isinstance(value, dict) and value.get("not") == {}):
            found.pop(key, None)
        elif isinstance(value, dict):
            merged = {**found[key][0], **value} if key in found and "$ref" not in value else value
            found[key] = (merged, f"{schema}.schema.json" if key not in found or "$ref" in value else found[key][1])
    return found


def fields(schemas: Schemas, schema: str, corpus: Corpus) -> list[dict[str, Any]]:
    """Every field of a record of this schema, in the schema's order."""
    required = set(schemas.required(schema))
    return [field(schemas, schema, name, prop, name in required, corpus, base)
            for name, (prop, base) in _raw_properties(schemas, schema).items()]


def config(schemas: Schemas, corpus: Corpus, repo_url: str | None, edit_uri: str | None, site_url: str | None,
           auth_url: str | None = None) -> dict[str, Any]:
    """The whole Decap configuration (``/admin/config.yml``)."""
    repository = github_repository(repo_url)
    if repository:
        backend: dict[str, Any] = {"name": "github", "repo": repository, "branch": branch_of(edit_uri), "open_authoring": True,
                                   "commit_messages": {"create": "Nouvelle contribution : {{collection}} « {{slug}} »",
                                                       "update": "Modification : {{collection}} « {{slug}} »",
                                                       "delete": "Suppression : {{collection}} « {{slug}} »"}}
        if auth_url:
            backend["base_url"] = auth_url
    else:
        backend = {"name": "test-repo"}
    collections: list[dict[str, Any]] = []
    for kind, genre in schemas.pages.items():
        if not genre.contribuee:
            continue
        title = genre.titre
        collections.append({
            "name": kind,
            "label": genre.pluriel,
            "label_singular": title,
            "description": " ".join(schemas.get(kind).get("description", "").split()),
            "folder": genre.source,
            "extension": "md",
            "format": "frontmatter",
            "filter": {"field": "type", "value": kind},
            "create": True,
            "slug": "{{fields.id}}",
            "identifier_field": "titre",
            "summary": "{{titre}}",
            # images go to docs/assets/images/, linked relatively (the site may live under a sub-path)
            "media_folder": "../assets/images",
            "public_folder": "../assets/images",
            "fields": fields(schemas, kind, corpus) + [
                {"name": "body", "label": "Texte de la page", "widget": "markdown", "required": True,
                 "hint": "Écrivez avec vos mots, citez vos sources. Pas de HTML ni de donnée personnelle."},
            ],
        })
    for schema, folder in DATA_COLLECTIONS.items():
        document = schemas.get(schema)
        collections.append({
            "name": folder,
            "label": folder.capitalize(),
            "label_singular": document.get("title", schema),
            "description": " ".join(document.get("description", "").split()),
            "folder": f"data/{folder}",
            "extension": "yml",
            "format": "yaml",
            "create": True,
            "slug": "{{fields.id}}",
            "identifier_field": "nom",
            "summary": "{{nom}}",
            "fields": fields(schemas, schema, corpus),
        })
    result: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        "media_folder": "docs/assets/images",
        "public_folder": "assets/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if site_url:
        result["site_url"] = site_url
        result["display_url"] = site_url
    return result


def config_yaml(data: dict[str, Any]) -> str:
    header = "# Généré par la construction du site à partir de data/schemas/ : ne pas modifier à la main.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def admin_html(site_name: str, configured: bool) -> str:
    """The page of the web editor: the only page that loads a script from another host."""
    notice = "" if configured else (
        '<p class="avertissement" role="note">L\'adresse du dépôt n\'est pas encore renseignée '
        "(réglage <code>FABRIQUE_REPO_URL</code>) : l'éditeur fonctionne en démonstration, "
        "rien n'est enregistré.</p>"
    )
    return f"""<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>Éditeur en ligne — {escape(site_name)}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <noscript><p>L'éditeur en ligne a besoin de JavaScript. Vous pouvez aussi proposer une fiche par une
  demande de fusion (voir le guide de contribution).</p></noscript>
  {notice}
  <!-- Seule exception à la règle « aucune requête vers un autre hôte » : voir EXTERNAL_SCRIPT_PAGES. -->
  <script src="{DECAP_SCRIPT}" integrity="{DECAP_INTEGRITY}" crossorigin="anonymous"></script>
</body>
</html>
"""
