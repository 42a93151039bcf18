"""The JSON Schemas of ``data/schemas/``: the single definition of every field and every kind.

Validators, labels shown on the site, the open data, the editor's configuration and the
documentation all read them from here. Each kind's schema says, in its ``x-fabrique``
annotation, where its records live and how the site names them (:class:`Genre`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource


@dataclass(frozen=True)
class Genre:
    """A kind of record, as the ``x-fabrique`` annotation of its schema declares it.

    A kind of page (a resource of ``docs/``) has a ``dossier`` of ``docs/`` (empty for the
    staff pages, which live anywhere); a kind of data record has its folder or file stem of
    ``data/`` in ``donnees``.
    """

    nom: str
    titre: str
    pluriel: str
    dossier: str | None = None
    donnees: str | None = None
    #: Its records are one file of ``data/`` (``data/themes.yml``), not a folder of files.
    fichier: bool = False
    presentation: str = ""
    #: Written by contributors: untrusted, never rendered with macros.
    contribuee: bool = False
    #: Gets a « Citer cette ressource » block, downloads and citation metadata.
    citable: bool = False
    #: Words naming a page of this kind in « Propositions du guide illustrées par … ».
    designation: str | None = None
    #: The short name of ``fabrique new <commande>`` and what it calls a new record.
    commande: str | None = None
    libelle: str | None = None

    @property
    def est_page(self) -> bool:
        return self.donnees is None

    @property
    def source(self) -> str:
        """Where its files are, from the project's root (``docs/fiches``, ``data/territoires``,
        ``data/themes.yml``)."""
        if self.est_page:
            return f"docs/{self.dossier}".rstrip("/")
        return f"data/{self.donnees}.yml" if self.fichier else f"data/{self.donnees}"

    @property
    def emplacement(self) -> str:
        """Where its records are, as messages name it: ``data/territoires/``, ``data/themes.yml``."""
        return self.source if self.fichier else f"{self.source}/"


@dataclass
class Schemas:
    """The schemas of one project, loaded from its ``data/schemas`` folder."""

    folder: Path

    @cached_property
    def documents(self) -> dict[str, dict[str, Any]]:
        documents = {}
        for path in sorted(self.folder.glob("*.schema.json")):
            document = json.loads(path.read_text(encoding="utf-8"))
            documents[document.get("$id", path.name)] = document
        return documents

    @cached_property
    def registry(self) -> Registry:
        return Registry().with_resources(
            (name, Resource.from_contents(document)) for name, document in self.documents.items()
        )

    @cached_property
    def genres(self) -> dict[str, Genre]:
        """Every kind with an ``x-fabrique`` annotation: kinds of page in the order of the
        resource's ``type`` field, then kinds of data record in the order of their file names."""
        found: dict[str, Genre] = {}
        for document in self.documents.values():
            annotation = document.get("x-fabrique")
            if not isinstance(annotation, dict):
                continue
            name = document["$id"].removesuffix(".schema.json")
            nouveau = annotation.get("nouveau") or {}
            found[name] = Genre(
                nom=name, titre=document.get("title", name), pluriel=annotation["pluriel"],
                dossier=annotation.get("dossier"), donnees=annotation.get("donnees"), fichier=bool(annotation.get("fichier")),
                presentation=annotation.get("presentation", ""), contribuee=bool(annotation.get("contribuee")),
                citable=bool(annotation.get("citable")), designation=annotation.get("designation"),
                commande=nouveau.get("commande"), libelle=nouveau.get("libelle"),
            )
        order = {kind: index for index, kind in enumerate(self.labels("ressource", "type"))} if self.has("ressource") else {}
        return dict(sorted(found.items(), key=lambda pair: (not pair[1].est_page, order.get(pair[0], len(order)))))

    @cached_property
    def pages(self) -> dict[str, Genre]:
        """The kinds of page (resources of ``docs/``), in the order the site presents them."""
        return {name: genre for name, genre in self.genres.items() if genre.est_page}

    @cached_property
    def collections(self) -> dict[str, str]:
        """Collections of ``data/``: folder or file stem -> schema name."""
        return {genre.donnees: name for name, genre in self.genres.items() if genre.donnees}

    def get(self, name: str) -> dict[str, Any]:
        return self.documents[f"{name}.schema.json"]

    def has(self, name: str) -> bool:
        return f"{name}.schema.json" in self.documents

    @cached_property
    def _validators(self) -> dict[str, Draft202012Validator]:
        return {}

    def _for_validation(self, schema: Any, document: str) -> Any:
        """A schema as validators read it, with the same meaning, several times faster.

        Every ``$ref`` is inlined (as ``allOf`` of its target: no lookup per value) and a
        ``oneOf`` made only of ``const`` becomes an ``enum`` (no validation per alternative).
        """
        if isinstance(schema, list):
            return [self._for_validation(item, document) for item in schema]
        if not isinstance(schema, dict):
            return schema
        copy = {key: self._for_validation(value, document) for key, value in schema.items() if key != "$ref"}
        reference = schema.get("$ref")
        if isinstance(reference, str):
            name, _, pointer = reference.partition("#")
            name = name or document
            target: Any = self.documents[name]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            copy["allOf"] = [self._for_validation(target, name), *copy.get("allOf", [])]
            for annotation in ("title", "description"):  # as :meth:`resolve` reads them, for messages
                if annotation not in copy and isinstance(target, dict) and annotation in target:
                    copy[annotation] = target[annotation]
        options = schema.get("oneOf")
        if isinstance(options, list) and options and all(
            isinstance(o, dict) and "const" in o and set(o) <= {"const", "title", "description"} for o in options
        ):
            del copy["oneOf"]
            copy["enum"] = [option["const"] for option in options]
        return copy

    @cached_property
    def _properties(self) -> dict[str, dict[str, dict[str, Any]]]:
        return {}

    @cached_property
    def _declared(self) -> dict[str, dict[str, tuple[dict[str, Any], str]]]:
        return {}

    def validator(self, name: str) -> Draft202012Validator:
        if name not in self._validators:
            schema = self._for_validation(self.get(name), f"{name}.schema.json")
            self._validators[name] = Draft202012Validator(schema, registry=self.registry, format_checker=FormatChecker())
        return self._validators[name]

    def follow(self, schema: dict[str, Any], document: str = "") -> tuple[dict[str, Any], str]:
        """Follow ``$ref`` (``other.schema.json#/…``, or ``#/…`` inside ``document``) to the schema
        it names, the referring schema's own keys winning; return it with the document it is in."""
        while isinstance(schema, dict) and "$ref" in schema:
            name, _, pointer = schema["$ref"].partition("#")
            document = name or document
            target: Any = self.documents[document]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema, document

    def resolve(self, schema: dict[str, Any], document: str = "") -> dict[str, Any]:
        """A property's schema with its ``$ref`` followed (its nested schemas left as they are)."""
        return self.follow(schema, document)[0]

    def inline(self, node: Any, document: str) -> Any:
        """A standalone copy of a schema: every ``$ref`` at any depth replaced by what it names,
        without ``$schema``, ``$id`` and the ``x-`` annotations (for the published schemas)."""
        if isinstance(node, list):
            return [self.inline(item, document) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target, where = self.follow({"$ref": node["$ref"]}, document)
            merged = dict(self.inline(target, where))
            merged.update({k: self.inline(v, document) for k, v in node.items() if k != "$ref"})
            return merged
        return {k: self.inline(v, document) for k, v in node.items() if k not in ("$schema", "$id") and not k.startswith("x-")}

    def declared(self, name: str) -> dict[str, tuple[dict[str, Any], str]]:
        """Each property a record of this schema may have, as written, with the document it is
        written in: a schema's declaration adds to its base's (``allOf``), or replaces it when it
        has its own ``$ref``; a property set to ``false`` (or ``not: {}``) is removed, as
        validation removes it. The one walker of the schemas' bases."""
        if name not in self._declared:
            schema = self.get(name)
            found: dict[str, tuple[dict[str, Any], str]] = {}
            for part in schema.get("allOf", []):
                reference = part.get("$ref", "")
                if reference.endswith(".schema.json"):
                    found.update(self.declared(reference.removesuffix(".schema.json")))
            for key, value in schema.get("properties", {}).items():
                if value is False or (isinstance(value, dict) and value.get("not") == {}):
                    found.pop(key, None)
                elif isinstance(value, dict):
                    if key in found and "$ref" not in value:
                        found[key] = ({**found[key][0], **value}, found[key][1])
                    else:
                        found[key] = (value, f"{name}.schema.json")
            self._declared[name] = found
        return self._declared[name]

    def properties(self, name: str) -> dict[str, dict[str, Any]]:
        """Every property a record of this schema may have, its own and its base's, each with
        its ``$ref`` followed."""
        if name not in self._properties:
            self._properties[name] = {key: self.resolve(value, document) for key, (value, document) in self.declared(name).items()}
        return self._properties[name]

    def standalone_properties(self, name: str) -> dict[str, dict[str, Any]]:
        """:meth:`properties`, each as a standalone schema (:meth:`inline`): the published data's columns."""
        return {key: self.inline(value, document) for key, (value, document) in self.declared(name).items()}

    def required(self, name: str) -> list[str]:
        schema = self.get(name)
        required: list[str] = []
        for part in schema.get("allOf", []):
            reference = part.get("$ref", "")
            if reference.endswith(".schema.json"):
                required += self.required(reference[: -len(".schema.json")])
        return required + [key for key in schema.get("required", []) if key not in required]

    def labels(self, name: str, field: str) -> dict[str, str]:
        """The allowed values of an enumerated field, with their French labels, in order."""
        prop = self.properties(name).get(field, {})
        items = prop.get("items", prop)
        return dict(choices(items))

    def title(self, name: str, field: str) -> str:
        return self.properties(name).get(field, {}).get("title", field)


def choices(schema: dict[str, Any]) -> list[tuple[str, str]]:
    """The values an enumerated schema accepts (``oneOf`` of ``const``, then ``enum``), with their labels."""
    found = [(o["const"], o.get("title", o["const"])) for o in schema.get("oneOf", []) if isinstance(o, dict) and "const" in o]
    return found + [(value, value) for value in schema.get("enum", [])]


def allowed_values(schema: dict[str, Any]) -> list[str]:
    """The values an enumerated schema accepts (``enum`` or ``oneOf`` of ``const``)."""
    return [value for value, _ in choices(schema)]
