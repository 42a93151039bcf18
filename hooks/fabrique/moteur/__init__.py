"""The door to the engine: the only package that imports MkDocs, Material and mkdocs-macros.

A port to another engine replaces this package and the Material blocks of ``overrides/``; the
README's section « Porter vers un autre moteur » lists what it does and every remaining tie to
Material's and MkDocs' internals. The domain modules receive plain values from here.
"""
