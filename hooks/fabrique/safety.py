"""Untrusted content stays harmless: find HTML that could run script, and sanitise the output.

Two lines of defence for contributed pages:

1. :func:`check_page` (run by ``fabrique check`` and by every build) rejects raw HTML that
   could run script, with the line where it is: the Markdown body is read by the standard
   library's HTML parser, then rendered by Python-Markdown and read again, which catches what
   Markdown itself produces (``[x](javascript:…)``, ``{: onclick=…}``), and refuses HTML in
   names and macro syntax anywhere in a contribution;
2. :func:`sanitise` cleans the rendered HTML of contributed pages with nh3 (the Ammonia
   sanitiser), keeping the markup Material needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import markdown
import nh3
from markupsafe import Markup

from .model import Origin
from .schemas import Genre
from .problems import Problems
from .validation import field_name
from .yamlsource import body_offset


#: Tags that run script, load another document or change the page around them.
FORBIDDEN_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "base", "link", "meta", "form", "input", "button", "textarea", "select", "option", "template",
    "noscript", "portal", "xml", "xmp", "plaintext", "noembed", "noframes", "title", "html", "head", "body",
})

#: Attributes whose value is an address.
URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "background",
    "cite", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive", "usemap",
})

#: Address schemes a contribution may use (besides relative addresses and anchors).
ALLOWED_SCHEMES = ("http", "https", "mailto")

#: Attributes that are never accepted, besides ``on…`` event handlers.
FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcdoc", "formaction", "is", "autofocus", "target"})

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028\u2029\ufeff]+")
#: Tags whose address the browser loads by itself (the site makes no request to another host).
EMBEDDED_TAGS = frozenset({"img", "source", "video", "audio", "track", "picture", "input"})

FOREIGN_IMAGE_MESSAGE = ("image chargée depuis un autre site : le site ne fait aucune requête vers un hôte tiers, "
                         "placez l'image dans docs/assets/images/ et liez-la par une adresse relative")


NO_ALT_MESSAGE = ("image sans texte alternatif : décrivez ce qu'elle montre entre les crochets, "
                  "![Le port de Gruissan vu de la plage](../assets/images/port.jpg)")


def is_foreign(address: str) -> bool:
    """Whether an address points at another host (absolute or protocol-relative)."""
    cleaned = _INVISIBLE.sub("", address or "")
    return cleaned.startswith("//") or bool(_SCHEME.match(cleaned))


_TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
_JINJA = re.compile(r"\{\{|\{%")

MACRO_MESSAGE = "syntaxe de macro « {{ » ou « {% » : les macros ne sont pas interprétées dans une contribution, retirez-la"

#: The Markdown extensions of the site that change which HTML a page produces.
MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                       "pymdownx.details", "pymdownx.superfences"]


@dataclass(frozen=True)
class Finding:
    """Something dangerous in a text: its line (1-based, inside the text) and why."""

    line: int
    message: str
    needle: str = ""


def url_problem(value: str) -> str | None:
    """Why an address cannot be used, or None if it is harmless."""
    cleaned = _INVISIBLE.sub("", value or "")
    match = _SCHEME.match(cleaned)
    if match is None:
        return None
    scheme = match.group(1).lower()
    if scheme in ALLOWED_SCHEMES:
        return None
    return f"adresse « {scheme}: » interdite : seules les adresses http://, https://, mailto: et relatives sont acceptées"


class _Scanner(HTMLParser):
    """Collects dangerous tags, attributes and addresses with their line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        tag = tag.lower()
        if tag in FORBIDDEN_TAGS:
            self.findings.append(Finding(line, f"balise <{tag}> interdite dans une contribution : retirez-la", f"<{tag}"))
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.findings.append(Finding(line, NO_ALT_MESSAGE, "![]"))
        for name, value in attrs:
            name = (name or "").lower()
            if name.startswith("on"):
                self.findings.append(Finding(line, f"attribut « {name} » interdit (il exécuterait du code) : retirez-le", name))
            elif name == "style" and _TABLE_ALIGN.match(value or ""):
                continue  # what Markdown tables write for a column's alignment
            elif name in FORBIDDEN_ATTRIBUTES:
                self.findings.append(Finding(line, f"attribut « {name} » interdit dans une contribution : retirez-le", name))
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                candidates = [part.strip().split(" ")[0] for part in (value or "").split(",")] if name == "srcset" else [value or ""]
                for candidate in candidates:
                    problem = url_problem(candidate)
                    if problem:
                        self.findings.append(Finding(line, f"{problem} (attribut « {name} » de <{tag}>)", _SCHEME.match(_INVISIBLE.sub("", candidate)).group(0)))
                    elif tag in EMBEDDED_TAGS and name in ("src", "srcset") and is_foreign(candidate):
                        self.findings.append(Finding(line, FOREIGN_IMAGE_MESSAGE, candidate.strip()[:40]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_pi(self, data: str) -> None:
        self.findings.append(Finding(self.getpos()[0], "instruction de traitement XML interdite : retirez-la", "<?"))

    def unknown_decl(self, data: str) -> None:
        self.findings.append(Finding(self.getpos()[0], "déclaration <![…]> interdite : retirez-la", "<!["))


def scan_html(text: str) -> list[Finding]:
    """Dangerous HTML in a text (raw HTML in Markdown, or rendered HTML)."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def has_html_tag(text: str) -> bool:
    """Whether a text contains an HTML tag or comment (a front-matter value must not)."""

    class _Detector(HTMLParser):
        found = False

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.found = True

        handle_startendtag = handle_starttag

        def handle_endtag(self, tag: str) -> None:
            self.found = True

        def handle_comment(self, data: str) -> None:
            self.found = True

    detector = _Detector(convert_charrefs=True)
    detector.feed(text)
    detector.close()
    return detector.found


def _find_line(text: str, needle: str, cursors: dict[str, int]) -> int | None:
    """The line of the next occurrence of ``needle`` (case-insensitive) after the previous one."""
    if not needle:
        return None
    index = text.lower().find(needle.lower(), cursors.get(needle, 0))
    if index < 0:
        return None
    cursors[needle] = index + len(needle)
    return text.count("\n", 0, index) + 1


#: Markdown makes a tag, an attribute or an address only from these signs: raw HTML and
#: autolinks, links, images, footnotes and references, attribute lists. A body without any of
#: them renders to harmless HTML, so it is not rendered a second time to be checked.
MARKUP_SIGNS = ("<", "]", "{")


def body_findings(body: str, macros_allowed: bool = False) -> list[Finding]:
    """Everything dangerous in a Markdown body, with lines counted from the body's first line.

    The rendered HTML decides what is dangerous (code spans and blocks are escaped by Markdown,
    so an example of HTML in a code block is not); the raw text gives each finding its line.
    """
    findings: set[Finding] = set()
    if any(sign in body for sign in MARKUP_SIGNS):
        findings.update(_markup_findings(body))
    if not macros_allowed:
        for number, line in enumerate(body.splitlines(), start=1):
            if _JINJA.search(line):
                findings.add(Finding(number, MACRO_MESSAGE))
    return sorted(findings, key=lambda f: (f.line, f.message))


def _markup_findings(body: str) -> set[Finding]:
    """Findings of the rendered HTML, each placed on the raw line where its text is.

    The raw body is parsed as HTML only when the rendered page has findings (for their lines):
    a clean page is parsed once.
    """
    findings: set[Finding] = set()
    rendered = scan_html(markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS))
    if not rendered:
        return findings
    raw_lines: dict[str, list[int]] = {}
    for finding in scan_html(body):
        raw_lines.setdefault(finding.message, []).append(finding.line)
    cursors: dict[str, int] = {}
    for finding in rendered:
        lines = raw_lines.get(finding.message) or []
        line = _find_line(body, finding.needle, cursors)
        if line is None:
            line = lines.pop(0) if lines else 1
        elif line in lines:
            lines.remove(line)
        findings.add(Finding(line, finding.message))
    return findings


#: Fields that name a record (shown as page titles, headings and link texts): no HTML at all.
#: Other values may hold "<" or ">" and are escaped wherever they are shown.
NAME_FIELDS = ("titre", "nom", "libelle")


def value_findings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, message) for every value that holds macro syntax, a dangerous address, or HTML in a name."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from value_findings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from value_findings(item, path + (index,))
    elif isinstance(value, str):
        if path and path[-1] in NAME_FIELDS and has_html_tag(value):
            yield path, "balise HTML interdite dans un champ : écrivez du texte simple (le site l'affiche tel quel)"
        elif _JINJA.search(value):
            yield path, "syntaxe de macro « {{ » ou « {% » interdite dans un champ : écrivez du texte simple"
        elif path and path[-1] == "url":
            problem = url_problem(value)
            if problem:
                yield path, problem


# --- second line of defence: the rendered HTML of contributed pages -------------------------

#: Tags Material and the site's Markdown extensions produce in a page's content.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "caption", "cite", "time", "var", "samp",
})

#: Attributes kept, per tag ("*": every tag).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "style", "scope"},
    "ol": {"start"},
    "details": {"open"},
    "time": {"datetime"},
    "span": {"data-pagefind-weight"},  # themes weigh more in the search index (fabrique.facettes.page)
}


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    """Drop the address of an image on another host (the site makes no third-party request)."""
    if tag == "img" and name == "src" and is_foreign(value):
        return None
    return value


def sanitise(html: str) -> str:
    """Clean a contributed page's rendered HTML: no script, handler, style, foreign scheme or image."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(values) for tag, values in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
        attribute_filter=_attribute_filter,
    )


# --- problems for ``fabrique check`` and the build ------------------------------------------


def check_record(record: Any, origin: Origin, problems: Problems, already: Problems | None = None) -> None:
    """HTML or macro syntax in the values of a data record or a page's front matter.

    A field that ``already`` has a problem (its schema refuses it) is not reported twice.
    """
    reported = {problem.field for problem in (already.items if already else [])}
    for path, message in value_findings(record):
        name = field_name(path) or "(en-tête)"
        if name not in reported:
            problems.add(origin.path, origin.line(*path), name, message, unsafe=True)


def check_page(path: Path, meta: dict[str, Any], origin: Origin, problems: Problems, already: Problems | None = None,
               genre: Genre | None = None) -> None:
    """Dangerous HTML or macro syntax in a page: front-matter values and Markdown body."""
    check_record(meta, origin, problems, already)
    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
    body, offset = body_offset(text)
    macros_allowed = genre is not None and not genre.contribuee
    for finding in body_findings(body, macros_allowed=macros_allowed):
        problems.add(origin.path, finding.line + offset, "(contenu)", finding.message, unsafe=True)


def escape_meta(meta: dict[str, Any]) -> None:
    """Escape the front-matter values the theme prints without escaping (title, description).

    Material writes ``page.meta.title`` into ``<title>`` and ``page.meta.description`` into an
    attribute as they are. Only ``&``, ``<``, ``>`` (and ``"`` in the description) are escaped,
    so that ordinary titles stay unchanged for other readers; the result is Markup, so that a
    template's ``| e`` does not escape it twice.
    """
    for key, quote in (("title", False), ("description", True)):
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            meta[key] = Markup(text.replace('"', "&quot;") if quote else text)
