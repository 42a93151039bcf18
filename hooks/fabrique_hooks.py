"""MkDocs hooks: forward each event to :mod:`fabrique.build`. No logic here."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from fabrique.build import Build

_build: Build | None = None


def on_config(config):
    global _build
    _build = Build(config)
    return config


def on_files(files, config):
    return _build.on_files(files)


@event_priority(100)  # before mkdocs-macros, which must see render_macros: false
def on_page_markdown(markdown, page, config, files):
    return _build.on_page_markdown(markdown, page)


def on_page_content(html, page, config, files):
    return _build.on_page_content(html, page)


def on_page_context(context, page, config, nav):
    return _build.page_context(context, page)


def on_post_page(output, page, config):
    return _build.on_post_page(output)


def on_post_template(output_content, template_name, config):
    return _build.on_post_page(output_content)


def on_post_build(config):
    _build.on_post_build()
