"""The package's shape: imports follow the data flow, and nothing reaches into private code.

``generator/mkdocs_community`` is layered: ``core`` (read, validate, model) at the bottom,
then ``derive``, ``outputs``, ``sections`` and ``adapters``. A module may import
from its own layer and the layers below, never above; only the adapters know MkDocs. These
tests read the source with ``ast``, so a regression fails here before anyone reads it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "generator" / "mkdocs_community"
RANK = {"core": 0, "derive": 1, "outputs": 2, "sections": 3, "adapters": 4}
FRAMEWORKS = {"mkdocs", "material", "properdocs"}
# Private names of MkDocs, Material and Jinja that the first fast path patched.
PRIVATE = {"_build_page", "_current_page", "root_render_func", "_populate_page"}


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    module: str
    top_level: bool

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(PACKAGE)}:{self.line} imports {self.module}"


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def imports_of(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # `if TYPE_CHECKING:` blocks are top level too: they never run.
    top = {id(node) for statement in tree.body for node in ast.walk(statement)
           if statement is node or isinstance(statement, ast.If)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [Import(path, node.lineno, name, id(node) in top) for name in names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_is_layered_as_documented():
    layers = {layer_of(path) for path in MODULES} - {None}
    assert layers == set(RANK), layers
    readme = (REPO / "generator" / "README.md").read_text(encoding="utf-8")
    missing = [str(p.relative_to(PACKAGE)) for p in MODULES
               if p.name != "__init__.py" and str(p.relative_to(PACKAGE)) not in readme]
    assert not missing, f"generator/README.md does not map: {missing}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_and_only_adapters_know_mkdocs(path: Path):
    layer = layer_of(path)
    problems = []
    for item in imports_of(path):
        root, _, rest = item.module.partition(".")
        if root in FRAMEWORKS and layer != "adapters":
            problems.append(f"{item.where}: only adapters may use {root}")
        if root != "mkdocs_community" or not rest:
            continue
        target = rest.split(".")[0]
        if not item.top_level:
            problems.append(f"{item.where} inside a function (an import cycle dodged?)")
        if layer and target in RANK and RANK[target] > RANK[layer]:
            problems.append(f"{item.where}: {layer} may not depend on {target}")
        if layer and target in RANK and RANK[target] == RANK[layer] and target != layer:
            problems.append(f"{item.where}: {layer} and {target} are siblings")
    assert not problems, "\n".join(problems)


def test_nothing_patches_private_functions_of_mkdocs_material_or_jinja():
    found = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else (
                node.id if isinstance(node, ast.Name) else None)
            if name in PRIVATE:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} uses {name}")
    assert not found, "\n".join(found)
