"""The GitHub workflows, parsed: who runs what code with which token.

A pull request is data, never code: the ownership check runs the base branch's code
(``pull_request_target``, the base checked out, the head fetched as git objects), the
jobs that run a pull request's code hold a read-only token and keep no credentials,
only jobs that run no repository code may write, no expression from an event or an
input is pasted into a script, every action is pinned to a commit, and CI installs
locked, hash-checked dependencies. Each property is checked on the real files, so a
change that breaks one fails here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")
WRITE_SCOPES_FOR_CODE = {"contents", "packages", "pages", "id-token", "issues",
                         "pull-requests", "actions", "checks", "deployments", "statuses",
                         "security-events"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def writes(permissions: object) -> set[str]:
    if permissions in ("write-all",):
        return {"*"}
    if not isinstance(permissions, dict):
        return set()
    return {scope for scope, level in permissions.items() if level == "write"}


def runs_repository_code(job: dict) -> bool:
    """A job that checks the repository out may run its code (a job without a checkout
    has none to run)."""
    return any(str(s.get("uses", "")).startswith("actions/checkout") for s in steps(job))


def test_there_are_workflows():
    names = {p.name for p in WORKFLOWS}
    assert {"pull-request.yml", "ownership.yml", "deploy.yml", "stale-profiles.yml"} <= names


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_tag(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s*(?:-\s+)?uses:", line):
            assert PINNED.match(line), f"{path.name}:{number}: pin by full SHA + '# vX.Y.Z'"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_tokens(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: top-level 'permissions: {{}}'"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job '{name}' must say what it needs"
        granted = writes(job["permissions"])
        assert "*" not in granted
        if granted and runs_repository_code(job):
            # Only the ownership check may write (a status) while running code: the base
            # branch's, as the next test shows.
            assert path.name == "ownership.yml" and granted == {"statuses"}, \
                f"{path.name}: job '{name}' runs repository code with {sorted(granted)}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_script(path):
    for name, job in load(path)["jobs"].items():
        for step in steps(job):
            assert "${{" not in str(step.get("run", "")), \
                f"{path.name}: job '{name}' pastes an expression into a script; use env:"


def test_pull_request_code_runs_read_only_and_without_credentials():
    workflow = load(REPO / ".github/workflows/pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}  # never pull_request_target here
    for name, job in workflow["jobs"].items():
        assert job["permissions"] == {"contents": "read"}, name
        checkouts = [s for s in steps(job) if s.get("uses", "").startswith("actions/checkout")]
        assert checkouts and all(s["with"]["persist-credentials"] is False
                                 for s in checkouts), name
    assert not any("check-pr" in str(s.get("run", "")) for job in workflow["jobs"].values()
                   for s in steps(job)), "the ownership check must not share these jobs"


def test_the_ownership_check_runs_only_the_base_branchs_code():
    workflow = load(REPO / ".github/workflows/ownership.yml")
    assert set(workflow["on"]) <= {"pull_request_target", "issue_comment"}
    (job,) = workflow["jobs"].values()
    assert writes(job["permissions"]) == {"statuses"}
    checkouts = [s for s in steps(job) if s.get("uses", "").startswith("actions/checkout")]
    assert len(checkouts) == 1
    ref = checkouts[0]["with"]["ref"]
    assert "base_ref" in ref and "head" not in ref, "check out the base branch only"
    scripts = "\n".join(str(s.get("run", "")) for s in steps(job))
    # The head is fetched as objects by the pull request's ref and compared with its SHA;
    # nothing is installed from the working tree but the base branch's checkout.
    assert "git fetch" in scripts and "refs/pull/$PR_NUMBER/head" in scripts
    assert not re.search(r"git (checkout|switch|worktree|reset|merge|pull)\b", scripts)
    installs = [line for line in scripts.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes" in line or "--no-deps ." in line
                            for line in installs)
    assert "check-pr" in scripts and '--head "$HEAD_SHA"' in scripts and "--reviews" in scripts
    assert "statuses/$HEAD_SHA" in scripts and "community/ownership" in scripts


def test_deploy_rights_belong_to_the_job_that_runs_no_repository_code():
    workflow = load(REPO / ".github/workflows/deploy.yml")
    jobs = workflow["jobs"]
    assert writes(jobs["build"]["permissions"]) == set()
    assert writes(jobs["deploy"]["permissions"]) == {"pages", "id-token"}
    assert not runs_repository_code(jobs["deploy"])


def test_stale_profiles_takes_months_through_the_environment():
    workflow = load(REPO / ".github/workflows/stale-profiles.yml")
    report = workflow["jobs"]["report"]
    step = next(s for s in steps(report) if s.get("id") == "stale")
    assert "inputs.months" in step["env"]["MONTHS"] and '"$MONTHS"' in step["run"]
    assert "*[!0-9]*" in step["run"]  # only a whole number reaches the command
    assert writes(report["permissions"]) == set()
    assert writes(workflow["jobs"]["issue"]["permissions"]) == {"issues"}
    assert not runs_repository_code(workflow["jobs"]["issue"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_ci_installs_locked_dependencies(path):
    for job in load(path)["jobs"].values():
        for step in steps(job):
            for line in str(step.get("run", "")).replace("\\\n", " ").splitlines():
                if "pip install" in line:
                    assert "--require-hashes" in line or "--no-deps" in line, line


def _locked(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if found:
            pins[found.group(1).lower().replace("_", "-")] = found.group(2)
    return pins


@pytest.mark.parametrize("lock,extras", [("requirements.txt", ()),
                                         ("requirements-test.txt", ("test",))])
def test_lock_files_satisfy_the_project_dependencies(lock, extras):
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    pins = _locked(REPO / ".ci" / lock)
    for spec in wanted:
        requirement = Requirement(spec)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f".ci/{lock} lacks {name}: regenerate it (see its header)"
        assert requirement.specifier.contains(pins[name], prereleases=True), \
            f".ci/{lock}: {name}=={pins[name]} does not satisfy '{spec}'"
    for line in (REPO / ".ci" / lock).read_text().splitlines():
        if re.match(r"^[A-Za-z0-9_.-]+==", line):
            assert line.endswith("\\"), f".ci/{lock}: '{line}' has no hashes"
