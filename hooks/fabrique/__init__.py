"""La Fabrique des transitions: the shared corpus as a static site.

The package holds all the logic; the MkDocs hook files in ``hooks/`` only forward events.
"""

__version__ = "0.1.0"
