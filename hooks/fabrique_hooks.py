"""MkDocs hooks: the events of :mod:`fabrique.moteur.evenements`. No logic here."""

from fabrique.moteur.evenements import (  # noqa: F401 (MkDocs registers every on_* name of this module)
    on_config,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
)
