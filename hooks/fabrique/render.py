"""Render generated Markdown pages from the Jinja templates of ``overrides/fabrique/``.

Every value from the corpus is untrusted: it is escaped for Markdown and HTML by default.
Only what the helpers below build (links, front matter) is marked safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .francais import nombre
from . import adresses
from .adresses import relative
from .carte import minicarte
from .cartes import html as cartes_html
from .model import Corpus
from .schemas import Schemas

#: libyaml's dumper when PyYAML has it (same YAML, several times faster).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_escape(value: Any) -> str:
    """Escape text so that Markdown shows it literally and no HTML can pass."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return " ".join(text.splitlines())


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return md_escape(value)




@dataclass
class Renderer:
    """Renders one template into the Markdown of a page at ``src_path``."""

    templates: Path
    corpus: Corpus
    schemas: Schemas
    site_name: str = ""
    site_url: str = ""
    docs_dir: Path | None = None
    #: False in the offline copy (``page.html``): for URLs that scripts build from data.
    directory_urls: bool = True
    #: What a build computes once and draws on many pages (fabrique.cartes).
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(str(self.templates)),
            undefined=StrictUndefined,
            finalize=_finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["md"] = lambda value: Markup(md_escape(value))
        self.env.filters["plain"] = lambda value: " ".join(str(value or "").split())
        self.env.filters["nombre"] = nombre
        self.env.globals["minicarte"] = lambda territoires, src_path, programme=None: minicarte(self.corpus, list(territoires), src_path, programme)
        self.env.globals["cartes"] = lambda items, src_path: cartes_html(self, items, src_path)

    def render(self, template: str, src_path: str, meta: dict[str, Any], **context: Any) -> str:
        front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=10_000)
        return f"---\n{front}---\n\n{self.fragment(template, src_path, **context)}"

    def fragment(self, template: str, src_path: str, **context: Any) -> str:
        """The Markdown of a template without front matter (a page body, or a part of one)."""

        def link(text: Any, target_src: str, anchor: str = "") -> Markup:
            target = relative(src_path, target_src) + (f"#{anchor}" if anchor else "")
            return Markup(f"[{md_escape(text)}]({target})")

        def label(schema: str, field: str, value: str) -> str:
            return self.schemas.labels(schema, field).get(value, value)

        return self.env.get_template(template).render(
            corpus=self.corpus,
            kinds=self.schemas.pages,
            adresses=adresses,
            link=link,
            label=label,
            src_path=src_path,
            **context,
        )
