"""A whole synthetic community for benchmarks: members plus everything around them.

``write_full_community(folder, n)`` builds on :mod:`benchmarks.synthetic` (the members,
their topics and mentoring) and adds what a real community's site carries, in proportion
to its size:

* members get the fields real profiles have (role, organisation, a short Markdown bio,
  pronouns, links, a cohort), drawn from a separate random stream so the member data of
  ``synthetic.members(n, seed)`` is unchanged;
* ``n/5`` events (one in ten repeating, weekly or monthly; time zones from UTC-8 to
  UTC+13; online, in person and hybrid; a few cancelled), hosted by and featuring members;
* ``n/10`` resources (links and guides written in the file), ``n/25`` spotlights and
  ``n/50`` learning groups, each naming members; five goals that events, resources and
  groups serve;
* ``content/index.md`` with the home-page blocks and an ``mkdocs.yml`` with every section
  in the navigation.

A ``shape`` (``synthetic.TYPICAL`` or ``synthetic.MENTORING_HEAVY``) sets how many
members offer or seek mentoring; everything else is drawn the same way.

:func:`write_baseline` writes the same member profiles as plain Markdown pages for a
MkDocs + Material site without the plugin: what a community would otherwise do.
The same ``n`` and ``seed`` always give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from benchmarks.synthetic import REGIONS, TOPICS, TYPICAL, Shape, members, topic_vocabulary

NOW = "2026-12-01T09:00:00+00:00"
TODAY = dt.date(2026, 12, 1)

ROLES = ("Data analyst", "Data engineer", "Software engineer", "Research software engineer",
         "PhD candidate", "Postdoctoral researcher", "Machine learning engineer",
         "Product manager", "UX researcher", "Site reliability engineer", "Statistician",
         "Bioinformatician", "Developer advocate", "Engineering manager", "Student",
         "Technical writer", "Data scientist", "Front-end developer", "Lecturer",
         "Analytics engineer")
ORG_KINDS = ("Health Data Lab", "University", "Institute of Technology", "City Council",
             "Analytics", "Labs", "Cooperative", "Foundation", "Research Centre",
             "Public Library Service", "Software", "Bank")
BIO_SENTENCES = (
    "I work on {a} and help my team with {b}.",
    "Before this I spent five years in teaching, and I still like explaining things "
    "*slowly*.",
    "I joined the community to get better at **{b}** and to meet people who do {a} "
    "somewhere else.",
    "Most weekends I run a small study group on {a}.",
    "Ask me about moving from spreadsheets to scripts, or about [our open data "
    "portal](https://data.example.org).",
    "I care about reproducible work and kind code review.",
    "Currently learning {b}; happy to pair on small problems.",
    "I maintain a few open-source packages and answer questions in the forum.",
)
EVENT_WORDS = ("Office hours", "Study session", "Lightning talks", "Meetup", "Workshop",
               "Ask me anything", "Reading group", "Hack night", "Panel", "Social")
EVENT_KINDS = ("office-hours", "study-session", "talk", "meetup", "workshop", "ama",
               "study-session", "hackathon", "panel", "social")
RESOURCE_TYPES = ("article", "video", "course", "book", "tool", "template", "podcast", "talk",
                  "paper", "dataset", "reading-list")
LEVELS = ("beginner", "intermediate", "advanced", "all-levels")
SPOTLIGHT_KINDS = ("award", "new-role", "promotion", "publication", "talk", "certification",
                   "graduation", "open-source", "project", "milestone")
GROUP_KINDS = ("learning-circle", "study-group", "peer-group", "working-group", "book-club",
               "project", "practice-group")
GOALS = (
    ("first-contribution", "Everyone ships something real",
     "Every participant finishes the year with one piece of work in the open."),
    ("mentoring-for-everyone", "A mentor for everyone who asks",
     "Nobody who asks for a mentor waits longer than a month."),
    ("career-changers", "Careers changed",
     "People moving into data and software find their first role in the field."),
    ("open-science-practice", "Open science in practice",
     "Members publish reproducible, shared research code and data."),
    ("every-time-zone", "No region always gets 3 a.m.",
     "Every regular event runs at a time that suits each region at least once a quarter."),
)

INDEX_MD = """\
# Synthetic community

{n:,} members, {events:,} events, {resources:,} resources, {groups:,} groups.

## Next events

<!-- community:next-events count=3 -->

## Recent spotlights

<!-- community:recent-spotlights count=3 -->

## This month

<!-- community:milestones -->

## Newest members

<!-- community:newest-members count=4 -->

## Groups open to new members

<!-- community:open-groups count=3 -->

## New in the resource library

<!-- community:newest-resources count=4 -->
"""

THEME_YML = """\
theme:
  name: material
  font: false
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.indexes
    - navigation.top
    - search.suggest
    - search.highlight
    - toc.follow
"""

MKDOCS_YML = """\
site_name: Synthetic community ({n} members)
site_url: https://example.org/synthetic/
repo_url: https://github.com/example/synthetic
edit_uri: edit/main/content/
docs_dir: content
{theme}plugins:
  - search
  - community:
      timezone: UTC
      now: "{now}"
      cohort_ends:
        "2024": 2024-11-22
        "2025": 2025-11-21
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - admonition
nav:
  - Home: index.md
  - Members:
      - members/index.md
      - Alumni: members/alumni/index.md
  - Events: events/index.md
  - Mentoring: mentoring/index.md
  - Groups: groups/index.md
  - Resources: resources/index.md
  - Spotlights: spotlights/index.md
  - About:
      - Goals: goals/index.md
      - Connect: connect/index.md
      - Insights: insights/index.md
"""

BASELINE_YML = """\
site_name: Baseline ({n} members, pre-generated Markdown)
site_url: https://example.org/baseline/
repo_url: https://github.com/example/synthetic
edit_uri: edit/main/content/
docs_dir: content
{theme}plugins:
  - search
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - admonition
nav:
  - Home: index.md
  - Members: members/index.md
not_in_nav: |
  /members/*/
"""


def _dump(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def _front_matter(data: dict[str, Any], body: str) -> str:
    return f"---\n{_dump(data)}---\n{body}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def _region_of(data: dict[str, Any]):
    country = data["location"]["country"]
    city = data["location"]["city"]
    return next(r for r in REGIONS if r.country == country and city in r.cities)


def enriched_members(n: int, seed: int = 0, shape: Shape = TYPICAL
                     ) -> list[tuple[str, dict[str, Any]]]:
    """``synthetic.members`` with role, organisation, bio, pronouns, links and cohort."""
    rng = random.Random(f"profile-{seed}")
    records = members(n, seed, shape)
    for member_id, data in records:
        region = _region_of(data)
        city = data["location"]["city"]
        labels = [TOPICS[t] for t in data["skills"]]
        extra: dict[str, Any] = {}
        if rng.random() < 0.5:
            extra["pronouns"] = rng.choice(("she/her", "he/him", "they/them"))
        if rng.random() < 0.85:
            extra["role"] = rng.choice(ROLES)
        if rng.random() < 0.8:
            extra["organisation"] = f"{city} {rng.choice(ORG_KINDS)}"
        if rng.random() < 0.8:
            sentences = rng.sample(BIO_SENTENCES, rng.randint(2, 4))
            a, b = labels[0], labels[-1]
            extra["bio"] = " ".join(s.format(a=a, b=b) for s in sentences) + "\n"
        if rng.random() < 0.4:
            extra["cohort"] = str(rng.choice((2024, 2025, 2026)))
        links: dict[str, str] = {}
        if rng.random() < 0.4:
            links["website"] = f"https://{member_id}.example.org"
        if rng.random() < 0.3:
            links["mastodon"] = f"https://social.example.org/@{member_id}"
        if rng.random() < 0.2:
            links["linkedin"] = f"https://www.linkedin.com/in/{member_id}"
        if links:
            extra["links"] = links
        if rng.random() < 0.1:
            extra["email"] = f"{member_id}@example.org"
            extra["email_public"] = rng.random() < 0.5
        # Keep the member's own fields first, as people write them.
        ordered = {"name": data["name"]}
        for key in ("pronouns", "github", "joined", "role", "organisation", "location",
                    "timezone", "languages", "bio"):
            if key in extra:
                ordered[key] = extra.pop(key)
            elif key in data:
                ordered[key] = data[key]
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        ordered.update(extra)
        data.clear()
        data.update(ordered)
        del region
    return records


def _date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def events(n: int, people: list[str], group_ids: list[str], rng: random.Random
           ) -> list[tuple[str, str]]:
    """``n`` event files as (file name, text): a tenth repeat, the rest happen once."""
    files: list[tuple[str, str]] = []
    seen: set[str] = set()
    topics = list(TOPICS)
    for number in range(n):
        region = rng.choice(REGIONS)
        word_index = rng.randrange(len(EVENT_WORDS))
        topic = rng.choice(topics)
        title = f"{TOPICS[topic]} {EVENT_WORDS[word_index].lower()}" if word_index < 3 else \
            f"{EVENT_WORDS[word_index]}: {TOPICS[topic]}"
        city = rng.choice(region.cities)
        start = _date_between(rng, dt.date(2025, 1, 1), dt.date(2027, 6, 30))
        recurring = number % 10 == 0
        hour = rng.randint(8, 20)
        data: dict[str, Any] = {
            "title": f"{title} ({city})",
            "summary": f"A {EVENT_WORDS[word_index].lower()} about {TOPICS[topic]} for "
                       f"members around {city}, and anyone who wants to join.",
            "kind": EVENT_KINDS[word_index],
            "format": rng.choice(("online", "online", "in-person", "hybrid")),
            "start": f"{start.isoformat()} {hour:02d}:{rng.choice((0, 15, 30)):02d}",
        }
        if rng.random() < 0.5:
            data["duration"] = rng.choice(("1h", "90m", "2h", "45m"))
        else:
            data["end"] = f"{start.isoformat()} {hour + 1:02d}:30"
        data["timezone"] = region.timezone
        if recurring:
            monthly = rng.random() < 0.3
            if monthly:  # the first <weekday> of the month: start in its first week
                start = start.replace(day=1) + dt.timedelta(days=rng.randint(0, 6))
            day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start.weekday()]
            data["start"] = f"{start.isoformat()} {data['start'].split()[1]}"
            if "end" in data:
                data["end"] = f"{start.isoformat()} {hour + 1:02d}:30"
            until = (start + dt.timedelta(days=rng.randint(60, 400))).strftime("%Y%m%d")
            data["recurrence"] = {"rule": f"FREQ=MONTHLY;BYDAY=1{day};UNTIL={until}"
                                  if monthly else rng.choice((
                                      f"FREQ=WEEKLY;BYDAY={day};UNTIL={until}",
                                      f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day};"
                                      f"COUNT={rng.randint(4, 20)}"))}
        if data["format"] == "online":
            data["location"] = {"online_url": f"https://meet.example.org/e{number}"}
        else:
            data["location"] = {"venue": f"{city} community hall", "city": city,
                                "country": region.country}
            if data["format"] == "hybrid":
                data["location"]["online_url"] = f"https://meet.example.org/e{number}"
        if rng.random() < 0.3:
            data["registration"] = {"url": f"https://tickets.example.org/e{number}",
                                    "capacity": rng.choice((20, 40, 100))}
        data["hosts"] = rng.sample(people, rng.randint(1, 2))
        if rng.random() < 0.4:
            speakers: list[Any] = rng.sample(people, rng.randint(1, 3))
            if rng.random() < 0.3:
                speakers.append({"name": "Dr Guest Speaker", "affiliation": "A university",
                                 "url": "https://guest.example.org"})
            data["speakers"] = speakers
        data["topics"] = list(dict.fromkeys([topic, *rng.sample(topics, rng.randint(0, 2))]))
        if rng.random() < 0.3:
            data["goals"] = [rng.choice(GOALS)[0]]
        if group_ids and rng.random() < 0.05:
            data["group"] = rng.choice(group_ids)
        if rng.random() < 0.03:
            data["status"] = "cancelled"
            data["status_note"] = "The host is ill; we will find a new date."
        event_id = f"{start.isoformat()}-{_slug(title)}-{_slug(city)}"
        while event_id in seen:
            event_id += "-2"
        seen.add(event_id)
        body = (f"Bring your questions about {TOPICS[topic]}. We start with a short round "
                f"of introductions, then work in **small groups**.\n\nNo preparation "
                "needed; newcomers are very welcome.\n")
        if number % 7 == 3:
            data["description"] = body
            files.append((f"{event_id}.yml", _dump(data)))
        else:
            files.append((f"{event_id}.md", _front_matter(data, body)))
    return files


def resources(n: int, people: list[str], rng: random.Random) -> list[tuple[str, str]]:
    files = []
    topics = list(TOPICS)
    for number in range(1, n + 1):
        topic = rng.choice(topics)
        guide = rng.random() < 0.15
        kind = "guide" if guide else rng.choice(RESOURCE_TYPES)
        title = f"{TOPICS[topic]} {kind.replace('-', ' ')} number {number}"
        data: dict[str, Any] = {
            "title": title,
            "summary": f"A {kind.replace('-', ' ')} on {TOPICS[topic]} that members found "
                       "useful, with notes on who it helps most.",
            "type": kind,
            "level": rng.choice(LEVELS),
        }
        if not guide:
            data["url"] = f"https://learn.example.org/{_slug(title)}"
            data["author"] = "Someone Elsewhere"
        data["topics"] = list(dict.fromkeys([topic, *rng.sample(topics, rng.randint(0, 2))]))
        if rng.random() < 0.4:
            data["goals"] = [rng.choice(GOALS)[0]]
        data["contributed_by"] = rng.choice(people)
        data["added"] = _date_between(rng, dt.date(2023, 1, 1), TODAY).isoformat()
        data["free"] = rng.random() < 0.85
        body = ""
        if guide:
            body = (f"## Why {TOPICS[topic]}\n\nA short guide written by a member.\n\n"
                    "## Steps\n\n1. Read the docs.\n2. Try the `example` below.\n"
                    "3. Ask in the forum.\n\n```\nprint('hello')\n```\n")
        elif rng.random() < 0.3:
            body = "Start with chapters 1 to 3; the rest is reference.\n"
        files.append((f"{_slug(title)}.md", _front_matter(data, body)))
    return files


def spotlights(n: int, people: list[str], rng: random.Random) -> list[tuple[str, str]]:
    files = []
    for number in range(1, n + 1):
        day = _date_between(rng, dt.date(2023, 6, 1), TODAY)
        kind = rng.choice(SPOTLIGHT_KINDS)
        celebrated = rng.sample(people, rng.randint(1, 3))
        data = {"title": f"A {kind.replace('-', ' ')} to celebrate ({number})",
                "members": celebrated, "kind": kind,
                "summary": "After months of evening study and a lot of help from their "
                           "group, a member reached a goal they set in January."}
        body = ("We asked what helped most. *The study group*, and the people who reviewed "
                "early drafts.\n\nCongratulations!\n")
        files.append((f"{day.isoformat()}-spotlight-{number}.md", _front_matter(data, body)))
    return files


def groups(n: int, people: list[str], rng: random.Random) -> list[tuple[str, str]]:
    files = []
    topics = list(TOPICS)
    for number in range(1, n + 1):
        topic = rng.choice(topics)
        kind = rng.choice(GROUP_KINDS)
        size = rng.randint(3, 14)
        chosen = rng.sample(people, size + 2)
        data: dict[str, Any] = {
            "name": f"{TOPICS[topic]} {kind.replace('-', ' ')} {number}",
            "summary": f"A {kind.replace('-', ' ')} working through {TOPICS[topic]} together, "
                       "one session every two weeks.",
            "kind": kind,
            "status": rng.choice(("open", "open", "full", "completed")),
            "facilitators": chosen[:rng.randint(1, 2)],
            "members": chosen[2:],
            "topics": [topic],
            "goals": [rng.choice(GOALS)[0]],
            "meets": "Every other Wednesday, 17:00 UTC, on video",
            "join": f"https://forum.example.org/groups/{number}",
            "capacity": size + 4,
            "started": f"{rng.randint(2024, 2026)}-{rng.randint(1, 12):02d}",
        }
        body = "Each session: questions first, then a new idea, then pair work.\n"
        files.append((f"{_slug(data['name'])}.md", _front_matter(data, body)))
    return files


def goals() -> list[tuple[str, str]]:
    return [(f"{goal_id}.md", _front_matter(
        {"title": title, "summary": summary, "order": 10 * (i + 1),
         "measures": ["A measure anyone can check", "Another, counted every November"]},
        "Why this goal matters, in a paragraph.\n"))
        for i, (goal_id, title, summary) in enumerate(GOALS)]


def sizes(n: int) -> dict[str, int]:
    """How many records of each kind a community of ``n`` members has."""
    return {"members": n, "events": max(1, n // 5), "resources": max(1, n // 10),
            "spotlights": max(1, n // 25), "groups": max(1, n // 50), "goals": len(GOALS)}


def write_full_community(folder: Path | str, n: int, seed: int = 0,
                         shape: Shape = TYPICAL) -> Path:
    """Write a whole community of ``n`` members into ``folder`` (see the module doc)."""
    root = Path(folder)
    counts = sizes(n)
    for sub in ("members", "events", "content/resources", "content/spotlights",
                "content/groups", "content/goals"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "content" / "topics.yml").write_text(
        yaml.dump(topic_vocabulary(), Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                  sort_keys=True, allow_unicode=True), encoding="utf-8")
    (root / "content" / "index.md").write_text(INDEX_MD.format(n=n, **counts),
                                               encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(n=n, now=NOW, theme=THEME_YML),
                                     encoding="utf-8")
    records = enriched_members(n, seed, shape)
    for member_id, data in records:
        (root / "members" / f"{member_id}.yml").write_text(_dump(data), encoding="utf-8")
    people = [member_id for member_id, _ in records]
    rng = random.Random(f"content-{seed}")
    group_files = groups(counts["groups"], people, rng)
    group_ids = [name.removesuffix(".md") for name, _ in group_files]
    kinds = {
        "events": events(counts["events"], people, group_ids, rng),
        "content/resources": resources(counts["resources"], people, rng),
        "content/spotlights": spotlights(counts["spotlights"], people, rng),
        "content/groups": group_files,
        "content/goals": goals(),
    }
    for sub, files in kinds.items():
        for name, text in files:
            (root / sub / name).write_text(text, encoding="utf-8")
    return root


def _profile_markdown(data: dict[str, Any]) -> str:
    """A member profile as a person would write it by hand in Markdown."""
    lines = [f"# {data['name']}", ""]
    if data.get("pronouns"):
        lines += [f"*{data['pronouns']}*", ""]
    role = " at ".join(p for p in (data.get("role"), data.get("organisation")) if p)
    if role:
        lines += [f"**{role}**", ""]
    location = data.get("location") or {}
    facts = []
    if location:
        facts.append(f"- **Location:** {location.get('city')}, {location.get('country')}")
    if data.get("timezone"):
        facts.append(f"- **Time zone:** {data['timezone']}")
    if data.get("languages"):
        facts.append(f"- **Languages:** {', '.join(data['languages'])}")
    facts.append(f"- **Member since:** {data['joined']}")
    lines += [*facts, ""]
    if data.get("bio"):
        lines += [data["bio"].strip(), ""]
    for key, heading in (("skills", "Skills"), ("interests", "Interests")):
        if data.get(key):
            lines += [f"## {heading}", "", ", ".join(TOPICS[t] for t in data[key]), ""]
    mentoring = data.get("mentoring") or {}
    if mentoring.get("offers") or mentoring.get("seeks"):
        lines += ["## Mentoring", ""]
        if mentoring.get("offers"):
            lines += ["Offers mentoring in: " + ", ".join(TOPICS[t] for t in mentoring["offers"]),
                      ""]
        if mentoring.get("seeks"):
            lines += ["Looking for a mentor in: " +
                      ", ".join(TOPICS[t] for t in mentoring["seeks"]), ""]
    links = data.get("links") or {}
    if links or data.get("github"):
        lines += ["## Elsewhere", ""]
        if data.get("github"):
            lines.append(f"- [GitHub: {data['github']}](https://github.com/{data['github']})")
        lines += [f"- [{key.capitalize()}]({url})" for key, url in links.items()]
        lines.append("")
    return "\n".join(lines)


def write_baseline(folder: Path | str, n: int, seed: int = 0, shape: Shape = TYPICAL) -> Path:
    """The same listed members' profiles as pre-generated Markdown in plain MkDocs + Material.

    Every profile is a page kept out of the nav (``not_in_nav``), reached from a members
    index page that links to all of them: the fair "what a user would otherwise do".
    """
    root = Path(folder)
    docs = root / "content" / "members"
    docs.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(BASELINE_YML.format(n=n, theme=THEME_YML),
                                     encoding="utf-8")
    (root / "content" / "index.md").write_text(f"# Synthetic community\n\n{n:,} members.\n",
                                               encoding="utf-8")
    listed = [(i, d) for i, d in enriched_members(n, seed, shape) if d.get("listed", True)]
    listed.sort(key=lambda item: (item[1]["name"].casefold(), item[0]))
    index = ["# Members", ""]
    for member_id, data in listed:
        (docs / member_id).mkdir(exist_ok=True)
        (docs / member_id / "index.md").write_text(_profile_markdown(data), encoding="utf-8")
        index.append(f"- [{data['name']}]({member_id}/index.md)")
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return root
