"""Time a whole community site at 1,000 / 5,000 / 10,000 members, against the baseline.

    make benchmark                                   # every size, writes benchmarks/README.md
    .venv/bin/python benchmarks/run.py --sizes 1000  # one size
    .venv/bin/python benchmarks/run.py --sizes 1000,10000 --no-serve --no-write

For each N it writes a synthetic community (``benchmarks/community.py``) into a temporary
folder and measures, each in a fresh process: ``mkdocs build`` of our site (wall time, CPU
time, peak RSS of the child, output size, page count, search-index size),
``community validate``, and ``mkdocs build`` of the baseline: the same listed members'
profiles pre-generated as Markdown pages in plain MkDocs + Material, kept out of the nav.
It also times mentor matching (as ``benchmarks/matching.py`` does) and, at the largest N,
how long ``mkdocs serve`` takes to show an edit of one member file.

Mentoring is measured for two shapes of community (``benchmarks/synthetic.py``): the
typical one above and a mentoring programme where two thirds of the members offer or
seek mentoring: ``community mentoring`` in a fresh process (wall, CPU, peak RSS) and
``match()`` in process (time, traced memory, candidate pairs). ``--shape`` builds the
sites of the main table in another shape.

Wall times on a shared 2-core machine are noisy: compare ratios measured in one run, and
look at the CPU column when the load average is high.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.community import sizes as record_counts
from benchmarks.community import write_baseline, write_full_community
from benchmarks.synthetic import MENTORING_HEAVY, SHAPES, TYPICAL, Shape

if TYPE_CHECKING:
    from benchmarks.matching import MatchingFigures

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
README = HERE / "README.md"
MAIN_README = HERE.parent / "README.md"
START, END = "<!-- benchmark:figures -->", "<!-- /benchmark:figures -->"
MENTORING_START = "<!-- benchmark:mentoring -->"
MENTORING_END = "<!-- /benchmark:mentoring -->"
DEFAULT_SIZES = (1_000, 5_000, 10_000)
MB = 1024 * 1024


@dataclass
class Measured:
    """One command in a fresh process: wall and CPU seconds, peak RSS, exit status."""

    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    output: str = ""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def measure(command: list[str], cwd: Path) -> Measured:
    """Run ``command`` through this script's ``--measure`` wrapper.

    The wrapper's only child is the command, so its ``RUSAGE_CHILDREN`` peak RSS is the
    command's own (in this process it would be the peak of every child so far).
    """
    wrapped = [sys.executable, str(Path(__file__).resolve()), "--measure", "--", *command]
    done = subprocess.run(wrapped, cwd=cwd, env=_env(), capture_output=True, text=True)
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "{}"
    try:
        figures = json.loads(last)
    except json.JSONDecodeError:
        figures = {}
    return Measured(figures.get("wall", float("nan")), figures.get("cpu", float("nan")),
                    figures.get("rss_mb", float("nan")), figures.get("returncode", 1),
                    figures.get("output", done.stderr[-4000:]))


def _measure_child(command: list[str]) -> int:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                      "rss_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
                      "returncode": done.returncode,
                      "output": (done.stdout + done.stderr)[-4000:]}))
    return 0


def _tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, pages): every file's size, and how many index.html pages there are."""
    total = pages = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            pages += path.name == "index.html"
    return total, pages


@dataclass
class Row:
    n: int
    records: dict[str, int]
    ours: Measured
    baseline: Measured
    validate: Measured
    matching: float
    pages: int = 0
    output_mb: float = 0.0
    index_mb: float = 0.0
    baseline_pages: int = 0
    baseline_index_mb: float = 0.0
    notes: list[str] = field(default_factory=list)
    rounds: list[tuple[float, float]] = field(default_factory=list)  # (wall, CPU) ratios

    @property
    def ratio(self) -> float:
        """Ours / baseline wall time: the median of the rounds' ratios, if several."""
        if self.rounds:
            return statistics.median(wall for wall, _ in self.rounds)
        return self.ours.wall / self.baseline.wall

    @property
    def cpu_ratio(self) -> float:
        if self.rounds:
            return statistics.median(cpu for _, cpu in self.rounds)
        return self.ours.cpu / self.baseline.cpu


def _matching_figures(root: Path) -> MatchingFigures:
    """Mentor matching on the community in ``root``, as benchmarks/matching.py measures it."""
    # Imported here, not above: this script is also the --measure wrapper around every
    # measured command, which must start in milliseconds, not load the generator.
    from benchmarks.matching import measure_matching
    from mkdocs_community.core.community import load_community
    from mkdocs_community.core.settings import Settings

    community, _ = load_community(Settings(root=root))
    assert community is not None
    return measure_matching(community.members, repeat=3)


def time_matching(root: Path) -> float:
    """Seconds for mentor matching plus the per-profile queries, as benchmarks/matching.py."""
    figures = _matching_figures(root)
    return figures.best + figures.profiles


def _folder(work: Path, kind: str, n: int, shape: Shape) -> Path:
    """Where a site of ``n`` members is written; the typical shape keeps the old names."""
    return work / (f"{kind}-{n}" if shape == TYPICAL else f"{kind}-{shape.name}-{n}")


def median_of(runs: list[Measured]) -> Measured:
    """The median wall and CPU time of ``runs``, the highest peak memory, any failure."""
    failed = [r for r in runs if r.returncode != 0]
    last = (failed or runs)[-1]
    return Measured(statistics.median(r.wall for r in runs),
                    statistics.median(r.cpu for r in runs), max(r.rss_mb for r in runs),
                    last.returncode, last.output)


def bench_size(n: int, work: Path, seed: int, shape: Shape = TYPICAL, rounds: int = 1) -> Row:
    ours_root = _folder(work, "community", n, shape)
    base_root = _folder(work, "baseline", n, shape)
    started = time.perf_counter()
    write_full_community(ours_root, n, seed, shape)
    write_baseline(base_root, n, seed, shape)
    print(f"  N={n:,}: wrote both sites in {time.perf_counter() - started:.1f} s", flush=True)

    validate = measure([str(BIN / "community"), "validate"], ours_root)
    print(f"  N={n:,}: community validate {validate.wall:.1f} s", flush=True)
    # Ours and the baseline alternately: on a shared machine the load drifts, and a
    # ratio is only meaningful within one round.
    ours_runs, baseline_runs = [], []
    for number in range(rounds):
        ours_runs.append(measure([str(BIN / "mkdocs"), "build", "--quiet"], ours_root))
        baseline_runs.append(measure([str(BIN / "mkdocs"), "build", "--quiet"], base_root))
        print(f"  N={n:,}: round {number + 1}: ours {ours_runs[-1].wall:.1f} s "
              f"({ours_runs[-1].cpu:.1f} s CPU), baseline {baseline_runs[-1].wall:.1f} s "
              f"({baseline_runs[-1].cpu:.1f} s CPU)", flush=True)
    ours, baseline = median_of(ours_runs), median_of(baseline_runs)
    matching = time_matching(ours_root)
    row = Row(n, record_counts(n), ours, baseline, validate, matching)
    if rounds > 1:
        row.rounds = [(o.wall / b.wall, o.cpu / b.cpu)
                      for o, b in zip(ours_runs, baseline_runs, strict=True)]
    for measured, name in ((validate, "validate"), (ours, "build"), (baseline, "baseline")):
        if measured.returncode != 0:
            row.notes.append(f"{name} failed: {measured.output[-800:]}")
    size, row.pages = _tree_size(ours_root / "site")
    row.output_mb = size / MB
    index = ours_root / "site" / "search" / "search_index.json"
    row.index_mb = index.stat().st_size / MB if index.exists() else float("nan")
    _, row.baseline_pages = _tree_size(base_root / "site")
    index = base_root / "site" / "search" / "search_index.json"
    row.baseline_index_mb = index.stat().st_size / MB if index.exists() else float("nan")
    shutil.rmtree(base_root, ignore_errors=True)
    return row


@dataclass
class MentoringRow:
    """Mentoring in one community: ``community mentoring`` and ``match()`` alone."""

    shape: str
    n: int
    command: Measured  # `community mentoring --format json` in a fresh process
    match: MatchingFigures
    notes: list[str] = field(default_factory=list)


def bench_mentoring(n: int, work: Path, seed: int, shape: Shape) -> MentoringRow:
    """Write (or reuse) the whole community of ``n`` members in ``shape`` and time its
    mentoring, as organisers run it and as the site computes it."""
    root = _folder(work, "community", n, shape)
    if not (root / "mkdocs.yml").exists():
        write_full_community(root, n, seed, shape)
    command = measure([str(BIN / "community"), "mentoring", "--format", "json"], root)
    print(f"  N={n:,} {shape.name}: community mentoring {command.wall:.1f} s", flush=True)
    row = MentoringRow(shape.name, n, command, _matching_figures(root))
    if command.returncode != 0:
        row.notes.append(f"community mentoring failed: {command.output[-800:]}")
    return row


def mentoring_table(rows: list[MentoringRow]) -> str:
    lines = [
        "| shape | members | offer or seek | mentors with places | seekers | candidate pairs "
        "| suggested | `community mentoring` | CPU | peak RSS | `match()` | `match()` memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        f = r.match
        lines.append(
            f"| {r.shape} | {r.n:,} | {f.taking_part / max(f.members, 1):.0%} "
            f"| {f.mentors:,} | {f.seekers:,} | {f.pairs:,} | {f.suggestions:,} "
            f"| {_fmt(r.command.wall)} s | {_fmt(r.command.cpu)} s "
            f"| {_fmt(r.command.rss_mb, 0)} MB | {_fmt(f.best, 2)} s "
            f"| {_fmt(f.traced_mb, 0)} MB |")
    return "\n".join(lines) + "\n\n" + (
        "- `community mentoring`: loads and validates every file, matches, prints JSON; "
        "`match()`: the matching alone, in process (its memory traced with tracemalloc); "
        "offer or seek: the share of members (listed ones) who offer or seek mentoring.\n"
        ) + _measured() + "\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


@dataclass
class ServeEdit:
    """One edit under ``mkdocs serve``: seconds until the page showed it, and how long
    of that was the rebuild itself (MkDocs' own "Documentation built in" figure; the
    rest is MkDocs noticing the change, by polling every watched file)."""

    shown: float
    rebuild: float
    cpu: float  # CPU seconds the server used from the edit to the rebuilt page


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
# Logged after every rebuild. (MkDocs' DuplicateFilter drops a message it has logged
# before, so a rebuild that takes exactly as long as an earlier one logs no time.)
_RELOADED = re.compile(r"Reloading browsers")


def _build_times(log: Path) -> list[float]:
    return [float(t) for t in _BUILT.findall(log.read_text(encoding="utf-8", errors="replace"))]


def time_serve(root: Path, edits: int = 2, timeout: float = 300.0) -> list[ServeEdit]:
    """Seconds from saving one member file to ``mkdocs serve`` showing the change.

    Several edits in a row: the first rebuild after the initial build, then the next.
    """
    port = _free_port()
    member = next(p for p in sorted((root / "members").glob("member-*.yml"))
                  if "listed: false" not in p.read_text(encoding="utf-8"))  # has a page
    # mkdocs serve serves the site under the path of its site_url (/synthetic/).
    site_url = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(
        encoding="utf-8"), re.M)
    prefix = urllib.parse.urlsplit(site_url.group(1)).path if site_url else "/"
    url = f"http://127.0.0.1:{port}{prefix.rstrip('/')}/members/{member.stem}/"
    log = root / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, env=_env(), stdout=output, stderr=subprocess.STDOUT)
    times: list[ServeEdit] = []
    try:
        deadline = time.monotonic() + timeout
        # Until the first build is done and the server says it serves: a page can be
        # fetched while the build still writes the rest, and an edit then waits for it.
        while _fetch(url) is None or "Serving on" not in log.read_text(
                encoding="utf-8", errors="replace"):
            if time.monotonic() > deadline or server.poll() is not None:
                return times
            time.sleep(0.5)
        time.sleep(2)  # a person reads the page before editing
        original = member.read_text(encoding="utf-8")
        for edit in range(edits):
            marker = f"Benchmark edit {edit} {time.time_ns()}"
            text = re.sub(r"^role: .*$", f"role: {marker}", original, count=1, flags=re.M)
            if marker not in text:
                text = original.replace("\njoined:", f"\nrole: {marker}\njoined:", 1)
            builds = len(_build_times(log))
            reloads = len(_RELOADED.findall(log.read_text(encoding="utf-8", errors="replace")))
            cpu_before = _cpu_seconds(server.pid)
            started = time.perf_counter()
            member.write_text(text, encoding="utf-8")
            while marker not in (_fetch(url) or ""):
                if time.perf_counter() - started > timeout or server.poll() is not None:
                    return times
                time.sleep(0.1)
            shown = time.perf_counter() - started
            while len(_RELOADED.findall(log.read_text(encoding="utf-8", errors="replace"))) \
                    <= reloads and time.perf_counter() - started < timeout:
                time.sleep(0.1)  # the page is written just before the build reports
            built = _build_times(log)
            times.append(ServeEdit(shown, built[-1] if len(built) > builds else float("nan"),
                                   _cpu_seconds(server.pid) - cpu_before))
            time.sleep(2)  # let the watcher settle before the next edit
        member.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return times


def _fmt(value: float, digits: int = 1) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"  # NaN check


def table(rows: list[Row], serve: list[ServeEdit], serve_n: int) -> str:
    lines = [
        "| members | pages | build | CPU | peak RSS | output | search index | baseline build "
        "| baseline CPU | baseline RSS | baseline index | ours / baseline (wall, CPU) "
        "| validate | matching |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r.n:,} | {r.pages:,} | {_fmt(r.ours.wall)} s | {_fmt(r.ours.cpu)} s "
            f"| {_fmt(r.ours.rss_mb, 0)} MB | {_fmt(r.output_mb, 0)} MB "
            f"| {_fmt(r.index_mb, 2)} MB | {_fmt(r.baseline.wall)} s "
            f"| {_fmt(r.baseline.cpu)} s | {_fmt(r.baseline.rss_mb, 0)} MB "
            f"| {_fmt(r.baseline_index_mb, 1)} MB | {_fmt(r.ratio, 2)}, {_fmt(r.cpu_ratio, 2)} "
            f"| {_fmt(r.validate.wall)} s | {_fmt(r.matching)} s |")
    extra = []
    by_n = {r.n: r for r in rows}
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        extra.append(f"- Growth: build time({large.n:,}) / time({small.n:,}) = "
                     f"{_fmt(large.ours.wall / small.ours.wall, 1)} (wall), "
                     f"{_fmt(large.ours.cpu / small.ours.cpu, 1)} (CPU) for "
                     f"{large.n / small.n:.0f}x the members.")
    for r in rows:
        if r.rounds:
            extra.append(f"- {r.n:,} members, ours / baseline (wall, CPU) in each of "
                         f"{len(r.rounds)} rounds: " + "; ".join(
                             f"{_fmt(w, 2)}, {_fmt(c, 2)}" for w, c in r.rounds)
                         + " (the table shows medians of times and of ratios).")
    if serve:
        extra.append(serve_line(serve, serve_n))
    if by_n:
        counts = rows[-1].records
        extra.append("- Records at N members: " + ", ".join(
            f"{k} {'N' if k == 'members' else ('N/' + str(rows[-1].n // v) if v > 5 else v)}"
            for k, v in counts.items()) + ".")
    extra.append(_measured())
    return "\n".join(lines) + "\n\n" + "\n".join(extra) + "\n"


SERVE_LINE = "- `mkdocs serve` at "


def _rebuild(seconds: float) -> str:
    # MkDocs' DuplicateFilter drops a "Documentation built in" line it logged before.
    return "time not logged" if seconds != seconds else f"{_fmt(seconds)} s"


def serve_line(serve: list[ServeEdit], serve_n: int) -> str:
    shown = ", then ".join(f"{_fmt(s.shown)} s (rebuild {_rebuild(s.rebuild)}, CPU "
                           f"{_fmt(s.cpu)} s)" for s in serve)
    return (f"{SERVE_LINE}{serve_n:,} members: an edited member file shows "
            f"on its page after {shown} (successive edits, one server; the CPU "
            "time includes MkDocs' file watcher, which checks the files it watches "
            "twice a second in the same process: mkdocs.yml and the plugin's signal "
            "file, the docs and record folders being watched by the operating "
            "system). Measured "
            f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, load average "
            f"{os.getloadavg()[0]:.1f}.")


def write_serve_line(path: Path, line: str) -> bool:
    """``line`` in place of the serve figure among the figures of ``path`` (or added
    before the date of their measurement)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START not in text or END not in text:
        return False
    lines = text.split(START, 1)[1].split(END, 1)[0].removeprefix("\n").split("\n")
    at = next((i for i, old in enumerate(lines) if old.startswith(SERVE_LINE)), None)
    if at is None:
        lines.insert(max(i for i, old in enumerate(lines) if old.startswith("- Measured")),
                     line)
    else:
        lines[at] = line
    return write_figures(path, "\n".join(lines))


def _measured() -> str:
    load = os.getloadavg()
    return (f"- Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on "
            f"{os.cpu_count()} cores, load average {load[0]:.1f} at the end; Python "
            f"{sys.version.split()[0]}.")


def _shape_markers(shape: Shape) -> tuple[str, str]:
    return f"<!-- benchmark:figures:{shape.name} -->", f"<!-- /benchmark:figures:{shape.name} -->"


def write_figures(path: Path, figures: str, start: str = START, end: str = END) -> bool:
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8")
    if start not in text or end not in text:
        return False
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{figures}{end}{tail}", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["--measure", "--"]:
        return _measure_child(argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated member counts (default: 1000,5000,10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-serve", action="store_true",
                        help="skip the mkdocs serve rebuild measurement")
    parser.add_argument("--serve-size", type=int, default=10_000,
                        help="members for the serve measurement (default 10000)")
    parser.add_argument("--serve-only", action="store_true",
                        help="measure only the mkdocs serve rebuilds (no builds, no "
                             "mentoring); updates the serve line of the figures")
    parser.add_argument("--edits", type=int, default=2,
                        help="successive member edits under mkdocs serve (default 2)")
    parser.add_argument("--no-write", action="store_true",
                        help="print the figures only; do not update benchmarks/README.md")
    parser.add_argument("--readme", action="store_true",
                        help="also update the figures in the main README.md")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep the sites")
    parser.add_argument("--shape", choices=sorted(SHAPES), default=TYPICAL.name,
                        help="the community shape of the build figures (default typical)")
    parser.add_argument("--mentoring-shapes", default=f"{TYPICAL.name},{MENTORING_HEAVY.name}",
                        help="shapes whose mentoring is measured at every size "
                             "(comma-separated; empty for none)")
    parser.add_argument("--mentoring-only", action="store_true",
                        help="measure only mentoring (no builds, no serve)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="build ours and the baseline this many times each, "
                             "alternately, and report medians (default 1)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    shape = SHAPES[args.shape]
    mentoring_shapes = [SHAPES[s.strip()] for s in args.mentoring_shapes.split(",") if s.strip()]

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    mentoring: list[MentoringRow] = []
    serve: list[ServeEdit] = []
    try:
        for n in [] if args.mentoring_only or args.serve_only else sizes:
            rows.append(bench_size(n, work, args.seed, shape, args.rounds))
        for mentoring_shape in [] if args.serve_only else mentoring_shapes:
            for n in sizes:
                mentoring.append(bench_mentoring(n, work, args.seed, mentoring_shape))
        if not (args.no_serve or args.mentoring_only):
            root = _folder(work, "community", args.serve_size, shape)
            if not root.exists():
                write_full_community(root, args.serve_size, args.seed, shape)
            print(f"  N={args.serve_size:,}: timing mkdocs serve", flush=True)
            serve = time_serve(root, edits=args.edits)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    figures = table(rows, serve, args.serve_size) if rows else ""
    print()
    print(figures)
    if args.serve_only:
        line = serve_line(serve, args.serve_size) if serve else ""
        print(line or "mkdocs serve did not show the edits", file=sys.stdout if line
              else sys.stderr)
        if line and not args.no_write:
            write_serve_line(README, line)
            if args.readme:
                write_serve_line(MAIN_README, line)
        return 0 if line else 1
    for row in rows:
        for note in row.notes:
            print(f"N={row.n:,}: {note}", file=sys.stderr)
    mentoring_figures = mentoring_table(mentoring) if mentoring else ""
    print(mentoring_figures)
    for mentoring_row in mentoring:
        for note in mentoring_row.notes:
            print(f"N={mentoring_row.n:,} {mentoring_row.shape}: {note}", file=sys.stderr)
    failed = any(r.notes for r in rows) or any(r.notes for r in mentoring)
    if not args.no_write and not failed:
        if rows and shape == TYPICAL:
            write_figures(README, figures)
            if args.readme:
                write_figures(MAIN_README, figures)
        elif rows:  # another shape's build figures have their own place
            write_figures(README, figures, *_shape_markers(shape))
        if mentoring:
            write_figures(README, mentoring_figures, MENTORING_START, MENTORING_END)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
