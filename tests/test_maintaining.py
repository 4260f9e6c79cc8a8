"""MAINTAINING.md stays true to the workflows it describes.

The guide's table of workflows is read and compared with the workflow files: every
workflow has a row, its triggers (and cron schedules) are the file's, its jobs are named
with their time limits, and the scopes it may write are the ones its jobs hold. The
settings a maintainer must make (Pages, branch protection, approvals) name the checks the
workflows really post.
"""

from __future__ import annotations

import re

import pytest
from test_workflows import WORKFLOWS, load, writes

from conftest import REPO

GUIDE = (REPO / "MAINTAINING.md").read_text(encoding="utf-8")


def table_rows() -> dict[str, dict[str, str]]:
    """The guide's workflow table: file name -> {when, jobs, writes}."""
    rows = {}
    for line in GUIDE.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"`[\w-]+\.yml`", cells[0]):
            rows[cells[0].strip("`")] = {"when": cells[1], "jobs": cells[2],
                                         "writes": cells[3]}
    return rows


ROWS = table_rows()


def test_every_workflow_has_a_row_and_every_row_a_workflow():
    assert set(ROWS) == {path.name for path in WORKFLOWS}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_row_says_when_the_workflow_runs(path):
    workflow, row = load(path), ROWS[path.name]
    triggers = workflow["on"]
    named = set(re.findall(r"`([\w_]+)`", row["when"]))
    assert set(triggers) <= named, f"{path.name}: the guide leaves out a trigger"
    for schedule in (triggers.get("schedule") or []) if isinstance(triggers, dict) else []:
        assert f"`{schedule['cron']}`" in row["when"], f"{path.name}: cron differs"
    if isinstance(triggers, dict) and isinstance(triggers.get("push"), dict):
        for branch in triggers["push"].get("branches", []):
            assert f"to {branch}" in row["when"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_row_names_each_job_with_its_time_limit(path):
    workflow, row = load(path), ROWS[path.name]
    listed = dict(re.findall(r"([\w][\w ,-]*?) \((\d+) min\)", row["jobs"]))
    listed = {name.strip(" ,"): int(minutes) for name, minutes in listed.items()}
    expected = {job.get("name", job_id): job["timeout-minutes"]
                for job_id, job in workflow["jobs"].items()}
    assert listed == expected, f"{path.name}: jobs and time limits"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_row_says_what_the_workflow_may_write(path):
    workflow, row = load(path), ROWS[path.name]
    scopes = set().union(*(writes(job["permissions"]) for job in workflow["jobs"].values()))
    said = {s.strip() for s in row["writes"].split(",")} - {"nothing"}
    assert said == scopes, f"{path.name}: write permissions"


def test_the_required_checks_are_the_ones_the_workflows_post():
    pull_request = load(REPO / ".github/workflows/pull-request.yml")
    for job in pull_request["jobs"].values():
        assert f"`{job['name']}`" in GUIDE
    ownership = (REPO / ".github/workflows/ownership.yml").read_text(encoding="utf-8")
    context = re.search(r"context=([\w/-]+)", ownership).group(1)
    assert f"`{context}`" in GUIDE and context == "community/ownership"


def test_the_guide_covers_the_settings_a_new_community_needs():
    for setting in ("Source: GitHub Actions", "Approve and run", "Issues",
                    "Require approval for first-time contributors", "60 days"):
        assert setting in GUIDE, setting
    deploy = (REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert "GitHub Pages is not set up" in deploy and "GitHub Pages is not set up" in GUIDE
    # The keepalive enables every scheduled workflow again.
    scheduled = [p.name for p in WORKFLOWS if "schedule" in (load(p)["on"] or {})]
    keepalive = load(REPO / ".github/workflows/deploy.yml")["jobs"]["keepalive"]
    script = keepalive["steps"][0]["run"]
    assert all(name in script for name in scheduled) and "/enable" in script
    assert keepalive["if"] == "github.event_name == 'schedule'"


def test_stale_profiles_does_not_fail_where_issues_are_off():
    job = load(REPO / ".github/workflows/stale-profiles.yml")["jobs"]["issue"]
    script = job["steps"][-1]["run"]
    assert script.index("has_issues") < script.index("gh issue create")
    assert "GITHUB_STEP_SUMMARY" in script


def test_the_test_job_uses_the_runner_images_browser():
    job = load(REPO / ".github/workflows/pull-request.yml")["jobs"]["test"]
    scripts = "\n".join(str(step.get("run", "")) for step in job["steps"])
    assert "chromium-browser" not in scripts.replace("chromium-browser package", "")
    assert "CHROME_BIN" in scripts and "CHROMIUM=" in scripts
