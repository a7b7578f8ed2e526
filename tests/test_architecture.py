"""The layout holds: no import cycles among the program's modules."""

from __future__ import annotations

import grimp
import pytest


@pytest.fixture(scope="module")
def graph():
    # Imports only for type checking never run, so they cannot close a loop.
    g = grimp.build_graph("orgdesigner", exclude_type_checking_imports=True)
    # ``from . import part`` is recorded as importing the package as well as the
    # part; the package's own __init__ importing its parts would then look like a
    # loop. Only the real imports between modules count.
    for module in list(g.modules):
        for imported in list(g.find_modules_directly_imported_by(module)):
            if module.startswith(imported + "."):
                g.remove_import(importer=module, imported=imported)
    return g


@pytest.mark.parametrize("package", ["orgdesigner.core", "orgdesigner.export", "orgdesigner.qt"])
def test_no_module_imports_one_that_imports_it_back(graph, package):
    cycles = []
    for module in sorted(m for m in graph.modules if m.startswith(package)):
        for imported in graph.find_modules_directly_imported_by(module):
            if not imported.startswith(package) or imported.startswith(module + "."):
                continue
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.append(" -> ".join((module, *chain)))
    assert cycles == []
