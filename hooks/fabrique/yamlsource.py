"""Read YAML keeping the line of every value, so that errors can point at it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class YamlError(Exception):
    """A YAML text that cannot be read, with the line (1-based) where the parser stopped."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class LineMap:
    """Maps a path of keys and indexes inside a YAML document to its line (1-based)."""

    lines: dict[Path_, int] = field(default_factory=dict)
    offset: int = 0

    def line(self, path: Path_) -> int:
        """The line of ``path``, or of its closest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path] + self.offset
            path = path[:-1]
        return self.lines.get((), 0) + self.offset

    def sub(self, prefix: Path_) -> "LineMap":
        size = len(prefix)
        lines = {key[size:]: value for key, value in self.lines.items() if key[:size] == tuple(prefix)}
        return LineMap(lines, self.offset)


class _Loader(yaml.SafeLoader):
    """SafeLoader with no implicit timestamps: dates stay strings, as in JSON Schema."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same on libyaml (~10× faster); errors are re-read by :class:`_Loader` for their message."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], loader: Any) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise YamlError(key_node.start_mark.line + 1, "une clé ne peut pas être une liste ou un dictionnaire")
            if key in result:
                raise YamlError(key_node.start_mark.line + 1, f"la clé « {key} » apparaît deux fois")
            key = str(key) if not isinstance(key, str) else key
            result[key] = _walk(value_node, path + (key,), lines, loader)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, path + (index,), lines, loader) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load(text: str, offset: int = 0) -> tuple[Any, LineMap]:
    """Parse one YAML document; return its data and the line of every value.

    ``offset`` is added to every line (the lines before the YAML, for front matter).
    Anchors and aliases are refused: contributed files have no use for them, and nested aliases
    (the « billion laughs » shape) would make every reader of the data expand them.
    """
    _refuse_aliases(text, offset)
    if _FastLoader is not _Loader:
        try:
            return _load(text, offset, _FastLoader)
        except YamlError:
            pass  # the pure-Python parser words its errors as the messages below expect
    return _load(text, offset, _Loader)


_ALIAS_MESSAGE = {
    yaml.AnchorToken: "ancre YAML « &{} » interdite dans un fichier contribué : écrivez la valeur en entier",
    yaml.AliasToken: "alias YAML « *{} » interdit dans un fichier contribué : écrivez la valeur en entier (pas d'ancre ni d'alias)",
}


def _refuse_aliases(text: str, offset: int) -> None:
    """Raise on the first anchor or alias; a text without « & » or « * » has none (no scan)."""
    if "&" not in text and "*" not in text:
        return
    loader = _FastLoader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            message = _ALIAS_MESSAGE.get(type(token))
            if message:
                raise YamlError(token.start_mark.line + 1 + offset, message.format(token.value))
    except yaml.YAMLError:
        return  # a syntax error: the parser below reports it with its line
    finally:
        loader.dispose()


def _load(text: str, offset: int, loader_class: type) -> tuple[Any, LineMap]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineMap({(): 1}, offset)
        lines: dict[Path_, int] = {}
        data = _walk(node, (), lines, loader)
        return data, LineMap(lines, offset)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        raise YamlError(line, _french_yaml_message(error)) from None
    except yaml.YAMLError as error:
        raise YamlError(1 + offset, f"YAML illisible ({error})") from None
    finally:
        loader.dispose()


def _french_yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    known = {
        "mapping values are not allowed here": "« : » inattendu (une valeur qui contient « : » doit être entre guillemets)",
        "could not find expected ':'": "« : » manquant après une clé",
        "found character '\\t' that cannot start any token": "tabulation interdite en YAML (indentez avec des espaces)",
        "found undefined alias": "alias YAML inconnu",
    }
    for english, french in known.items():
        if problem.startswith(english):
            return f"YAML illisible : {french}"
    return f"YAML illisible : {problem or error}"


#: The front matter of a Markdown page: a YAML block between two ``---`` lines at its top.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line of the first front-matter line); None without front matter."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 0
    return match.group(1) or "", text[match.end():], 1


def body_offset(text: str) -> tuple[str, int]:
    """The body of a page and the number of lines before it (its front matter's)."""
    match = FRONT_MATTER.match(text)
    return (text[match.end():], text[: match.end()].count("\n")) if match else (text, 0)
