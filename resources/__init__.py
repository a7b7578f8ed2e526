"""Bundled data: example organisations, icons, fonts and rule defaults.

Installed as the ``orgdesigner.resources`` package; use
:mod:`orgdesigner.resources_path` rather than paths relative to this file.
"""
