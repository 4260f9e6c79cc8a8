"""Time a community moving in: import + validate + build for 700 people (OLS-shaped).

    .venv/bin/python benchmarks/migration.py            # prints the row, updates README.md
    .venv/bin/python benchmarks/migration.py --people 700 --no-write

It writes a synthetic ``people.yaml`` shaped like Open Life Science's (first and last
names, free-text expertise with about two distinct strings per person, country names,
a share without GitHub, long bios, coordinates, X handles and LinkedIn names in the
'twitter' field) plus one cohort's metadata, into a temporary site with
``topic_mode: open``, then times three commands, each in a fresh process:
``community import``, ``community validate`` and ``mkdocs build``.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
README = HERE / "README.md"
START, END = "<!-- benchmark:migration -->", "<!-- /benchmark:migration -->"
COUNTRIES = ["United Kingdom", "Germany", "Kenya", "Brazil", "India", "United States",
             "Turkey", "France", "Nigeria", "Argentina", "UK", "Spain", "Ghana", "Mexico"]
WORDS = ["data", "open", "science", "genomics", "ecology", "python", "R", "statistics",
         "machine", "learning", "community", "training", "reproducibility", "software",
         "neuroscience", "policy", "equity", "análisis", "données", "microscopy"]


def people(count: int, seed: int = 15) -> dict[str, dict]:
    rng = random.Random(seed)
    found: dict[str, dict] = {}
    for i in range(count):
        key = f"person{i:04d}"
        entry: dict = {"first-name": f"First{i}", "last-name": rng.choice(["Núñez", "Smith",
                                                                           "Okafor", "Li"]),
                       "country": rng.choice(COUNTRIES), "city": "Somewhere",
                       "bio": " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 300))),
                       "expertise": [" ".join(rng.sample(WORDS, rng.randint(1, 3))).title()
                                     for _ in range(rng.randint(0, 5))]}
        if i % 9 == 0:
            entry["github"] = "false"
        if i % 2:
            entry["twitter"] = f"user_{i}" if i % 4 == 1 else f"first-last-{i}ab/"
        if i % 3:
            entry["latitude"], entry["longitude"] = str(rng.uniform(-60, 60)), "12.5"
        found[key] = entry
    return found


def timed(args: list[str], cwd: Path) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        (root / "content").mkdir(parents=True)
        (root / "content" / "index.md").write_text("# Community\n")
        (root / "content" / "topics.yml").write_text("python: {label: Python}\n")
        (root / "mkdocs.yml").write_text(yaml.safe_dump({
            "site_name": "Migration", "docs_dir": "content",
            "theme": {"name": "material", "font": False},
            "plugins": ["search", {"community": {"topic_mode": "open",
                                                 "now": "2026-12-01T09:00:00+00:00"}}]}))
        source = Path(tmp) / "ols" / "_data"
        (source / "openseeds" / "ols-1").mkdir(parents=True)
        (source / "people.yaml").write_text(yaml.safe_dump(people(count), allow_unicode=True))
        (source / "openseeds" / "ols-1" / "metadata.yaml").write_text(yaml.safe_dump(
            {"experts": [f"person{i:04d}" for i in range(0, count, 5)]}))
        steps = [("import", [str(BIN / "community"), "import", str(source.parent)]),
                 ("validate", [str(BIN / "community"), "validate"]),
                 ("build", [str(BIN / "mkdocs"), "build", "--quiet"])]
        cells = []
        for name, args in steps:
            wall, cpu, code = timed(args, root)
            cells.append(f"{wall:.1f} s ({cpu:.1f} s CPU)" + ("" if code in (0, 1) else
                                                               f" exit {code}"))
            print(f"{name}: {cells[-1]}", file=sys.stderr)
        pages = sum(1 for _ in (root / "site").rglob("index.html"))
    return f"| {count} (OLS-shaped) | {' | '.join(cells)} | {pages} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=700)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    row = measure(args.people)
    table = "\n".join([START, "| people | import | validate | build | pages |",
                       "| ---: | ---: | ---: | ---: | ---: |", row, END])
    print(table)
    if not args.no_write:
        text = README.read_text(encoding="utf-8")
        if START in text:
            text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: table, text,
                          flags=re.S)
        else:
            text += ("\n## Moving in: import + validate + build\n\n"
                     "`benchmarks/migration.py`: a 700-person OLS-shaped `people.yaml` "
                     "imported, validated and built, each command in a fresh process.\n\n"
                     + table + "\n")
        README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
