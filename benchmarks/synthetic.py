"""A deterministic synthetic community of any size, for benchmarks.

``write_community(folder, n)`` writes ``n`` realistic member files, a topic vocabulary
and a minimal ``mkdocs.yml`` into ``folder``, ready for ``community validate``,
``mkdocs build`` or :func:`mkdocs_community.core.community.load_community`. The same
``n`` and ``seed`` always give byte-identical files.

Realistic means: names in several scripts, time zones from UTC-8 to UTC+13 (with
half-hour zones), one to three languages (not everyone lists English, some list
none), popular and rare topics (a Zipf-like popularity), about 15 % mentors with
capacities 1-3 (some paused), about 30 % seekers, a few existing pairs, a few unlisted
members and some profiles without a time zone.

That is the ``TYPICAL`` shape. ``MENTORING_HEAVY`` is a mentoring programme, as in real
cohorts: a third offer mentoring and half seek it (two thirds do one or both), and people
seek the topics others know (one popularity for both), so most mentors and seekers share
a topic with many others - the hard case for matching.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TOPICS: dict[str, str] = {
    "python": "Python", "r": "R", "javascript": "JavaScript", "typescript": "TypeScript",
    "rust": "Rust", "sql": "SQL", "go": "Go", "julia": "Julia", "java": "Java",
    "csharp": "C#", "cpp": "C++", "kotlin": "Kotlin", "swift": "Swift", "php": "PHP",
    "ruby": "Ruby", "scala": "Scala", "data-engineering": "Data engineering",
    "analytics-engineering": "Analytics engineering", "data-science": "Data science",
    "data-visualisation": "Data visualisation", "machine-learning": "Machine learning",
    "deep-learning": "Deep learning", "nlp": "Natural language processing",
    "computer-vision": "Computer vision", "mlops": "MLOps", "statistics": "Statistics",
    "geospatial": "Geospatial data", "databases": "Databases",
    "data-governance": "Data governance", "health-data": "Health data",
    "kubernetes": "Kubernetes", "cloud": "Cloud", "devops": "DevOps", "linux": "Linux",
    "security": "Security", "observability": "Observability",
    "version-control": "Version control", "testing": "Testing", "ci-cd": "CI/CD",
    "research-software": "Research software", "reproducibility": "Reproducibility",
    "open-science": "Open science", "research-data-management": "Research data management",
    "bioinformatics": "Bioinformatics", "hpc": "High-performance computing",
    "frontend": "Front-end development", "mobile": "Mobile development",
    "ux-research": "UX research", "ux-design": "UX design",
    "product-management": "Product management", "accessibility": "Accessibility",
    "technical-writing": "Technical writing", "open-source": "Open source",
    "developer-relations": "Developer relations", "community-building": "Community building",
    "public-speaking": "Public speaking", "career-growth": "Career growth",
    "career-change": "Changing careers", "leadership": "Leadership",
    "engineering-management": "Engineering management", "interviewing": "Interviewing",
    "freelancing": "Freelancing", "grant-writing": "Grant writing", "teaching": "Teaching",
    "mentoring-skills": "Mentoring skills", "negotiation": "Negotiation",
    "project-management": "Project management", "agile": "Agile practice",
    "system-design": "System design", "api-design": "API design",
    "performance": "Performance", "embedded": "Embedded systems",
}


@dataclass(frozen=True)
class Shape:
    """How many members take part in mentoring, and how: the benchmark's kinds of community.

    Every shape makes the same kinds of draws; the typical shape gives exactly the files
    the benchmark measured before shapes existed.
    """

    name: str
    offer_share: float  # chance that a member offers mentoring
    seek_share: float  # chance that a member seeks a mentor
    shared_demand: bool = False  # seekers want what mentors know (one topic popularity)

    @property
    def taking_part(self) -> float:
        """The expected share of members who offer or seek (or both)."""
        return 1 - (1 - self.offer_share) * (1 - self.seek_share)


# A community where some members mentor: about 15 % offer, 30 % seek (40 % either).
TYPICAL = Shape("typical", offer_share=0.15, seek_share=0.30)
# A mentoring programme, as in real cohorts: a third offer, half seek, two thirds either.
MENTORING_HEAVY = Shape("mentoring-heavy", offer_share=1 / 3, seek_share=0.5,
                        shared_demand=True)
SHAPES = {shape.name: shape for shape in (TYPICAL, MENTORING_HEAVY)}


@dataclass(frozen=True)
class Region:
    country: str
    cities: tuple[str, ...]
    timezone: str
    languages: tuple[str, ...]  # the local languages, most common first
    names: tuple[tuple[str, ...], tuple[str, ...]]  # given names, family names
    weight: int


REGIONS: tuple[Region, ...] = (
    Region("US", ("Seattle", "Portland", "Oakland"), "America/Los_Angeles", ("en", "es"),
           (("Jordan", "Avery", "Maria", "Tyler"), ("Brooks", "Nguyen", "Garcia", "Lee")), 5),
    Region("US", ("New York", "Atlanta", "Boston"), "America/New_York", ("en", "es"),
           (("Darnell", "Emily", "Sam", "Keisha"), ("Brooks", "Smith", "Cohen", "Johnson")), 6),
    Region("MX", ("Guadalajara", "Monterrey", "Ciudad de México"), "America/Mexico_City",
           ("es",), (("Daniela", "Luis", "Sofía", "Mateo"), ("Ramírez", "López", "Hernández")),
           3),
    Region("BR", ("São Paulo", "Recife", "Porto Alegre"), "America/Sao_Paulo", ("pt",),
           (("Beatriz", "João", "Ana", "Lucas"), ("Gonçalves", "Silva", "Souza", "Lima")), 5),
    Region("GB", ("London", "Leeds", "Glasgow"), "Europe/London", ("en",),
           (("Rhys", "Olivia", "Priya", "Tom"), ("Holloway", "Patel", "Evans", "Wright")), 6),
    Region("DE", ("Berlin", "Leipzig", "Köln"), "Europe/Berlin", ("de",),
           (("Klaus", "Zoë", "Jonas", "Lena"), ("Hoffmann", "Müller", "Schmidt", "Weber")), 5),
    Region("FR", ("Paris", "Lyon", "Nantes"), "Europe/Paris", ("fr",),
           (("Camille", "Hugo", "Léa", "Louis"), ("Lefèvre", "Martin", "Bernard", "Dubois")), 4),
    Region("PL", ("Warszawa", "Kraków", "Gdańsk"), "Europe/Warsaw", ("pl",),
           (("Łukasz", "Zofia", "Piotr", "Anna"), ("Wiśniewski", "Kowalska", "Nowak")), 3),
    Region("UA", ("Kyiv", "Lviv", "Kharkiv"), "Europe/Kyiv", ("uk",),
           (("Олена", "Андрій", "Ірина", "Тарас"), ("Ковальчук", "Шевченко", "Бондаренко")), 3),
    Region("GR", ("Athens", "Thessaloniki"), "Europe/Athens", ("el",),
           (("Ελένη", "Γιώργος", "Μαρία", "Νίκος"), ("Παππά", "Παπαδόπουλος", "Οικονόμου")), 2),
    Region("NG", ("Lagos", "Abuja", "Ibadan"), "Africa/Lagos", ("en", "yo", "ha"),
           (("Amara", "Chidi", "Ngozi", "Tunde"), ("Okafor", "Adeyemi", "Bello", "Eze")), 6),
    Region("KE", ("Nairobi", "Mombasa", "Kisumu"), "Africa/Nairobi", ("en", "sw"),
           (("Wanjiku", "Brian", "Achieng", "Kevin"), ("Kamau", "Otieno", "Odhiambo")), 5),
    Region("ZA", ("Johannesburg", "Cape Town", "Durban"), "Africa/Johannesburg",
           ("en", "zu", "af"), (("Thandiwe", "Sipho", "Anika", "Lerato"),
                                ("Dlamini", "Nkosi", "van der Merwe", "Mokoena")), 4),
    Region("EG", ("Cairo", "Alexandria"), "Africa/Cairo", ("ar",),
           (("ليلى", "محمد", "نور", "عمر"), ("حداد", "إبراهيم", "حسن")), 2),
    Region("AE", ("Dubai", "Abu Dhabi"), "Asia/Dubai", ("ar", "en"),
           (("Layla", "Omar", "Fatima", "Yusuf"), ("Haddad", "Al Mansouri", "Khan")), 2),
    Region("IN", ("Bengaluru", "Pune", "Kochi", "Delhi"), "Asia/Kolkata", ("en", "hi"),
           (("Ananya", "Vikram", "Priya", "Arjun"), ("Sharma", "Nair", "Iyer", "Gupta")), 9),
    Region("NP", ("Kathmandu", "Pokhara"), "Asia/Kathmandu", ("ne", "en"),
           (("Sita", "Bikash", "Anjali"), ("Shrestha", "Gurung", "Thapa")), 1),
    Region("BD", ("Dhaka", "Chattogram"), "Asia/Dhaka", ("bn", "en"),
           (("তাসনিম", "রাহুল", "নুসরাত"), ("রহমান", "হোসেন", "আহমেদ")), 2),
    Region("VN", ("Hà Nội", "Hồ Chí Minh City"), "Asia/Ho_Chi_Minh", ("vi",),
           (("Lan", "Minh", "Huong", "Duc"), ("Nguyễn", "Trần", "Lê", "Phạm")), 2),
    Region("CN", ("Shanghai", "Shenzhen"), "Asia/Shanghai", ("zh",),
           (("伟", "芳", "静", "磊"), ("王", "李", "张", "刘")), 3),
    Region("KR", ("Seoul", "Busan"), "Asia/Seoul", ("ko",),
           (("서연", "민준", "지우"), ("김", "이", "박")), 2),
    Region("JP", ("Tokyo", "Osaka", "Fukuoka"), "Asia/Tokyo", ("ja",),
           (("綾", "健太", "美咲", "翔"), ("松本", "佐藤", "鈴木", "高橋")), 3),
    Region("AU", ("Sydney", "Melbourne"), "Australia/Sydney", ("en",),
           (("Harriet", "Jack", "Mia", "Noah"), ("Lim", "Wilson", "Taylor", "Brown")), 3),
    Region("NZ", ("Auckland", "Wellington"), "Pacific/Auckland", ("en", "mi"),
           (("Aroha", "Tama", "Ngaio", "Ruby"), ("Ngata", "Walker", "Parata")), 1),
)


def topic_vocabulary() -> dict[str, dict[str, Any]]:
    """The synthetic community's topics file, as data."""
    return {topic_id: {"label": label} for topic_id, label in TOPICS.items()}


def _zipf_weights(n: int, rng: random.Random) -> list[float]:
    """Topic popularity: a few topics are very common, a long tail is rare."""
    order = list(range(n))
    rng.shuffle(order)
    return [1.0 / (1 + rank) ** 0.9 for rank in order]


def _pick(rng: random.Random, population: list[str], weights: list[float], k: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < k:
        topic = rng.choices(population, weights)[0]
        if topic not in chosen:
            chosen.append(topic)
    return chosen


def members(n: int, seed: int = 0, shape: Shape = TYPICAL) -> list[tuple[str, dict[str, Any]]]:
    """``n`` synthetic member records as ``(id, data)``, ids sorted, reproducible by seed."""
    rng = random.Random(seed)
    topics = list(TOPICS)
    popularity = _zipf_weights(len(topics), rng)
    demand = _zipf_weights(len(topics), rng)  # what people seek is not what they know
    if shape.shared_demand:
        demand = popularity
    region_weights = [r.weight for r in REGIONS]
    records: list[tuple[str, dict[str, Any]]] = []
    width = len(str(n))
    for number in range(1, n + 1):
        region = rng.choices(REGIONS, region_weights)[0]
        given, family = rng.choice(region.names[0]), rng.choice(region.names[1])
        member_id = f"member-{number:0{width}d}"
        data: dict[str, Any] = {
            "name": f"{family}{given}" if region.country in ("CN", "JP", "KR")
            else f"{given} {family}",
            "github": member_id,
            "joined": f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}",
            "location": {"city": rng.choice(region.cities), "country": region.country},
        }
        if rng.random() < 0.9:
            data["timezone"] = region.timezone
        if rng.random() < 0.92:
            spoken = [region.languages[0]]
            if "en" not in spoken and rng.random() < 0.8:
                spoken.append("en")
            if len(region.languages) > 1 and rng.random() < 0.4:
                spoken.append(region.languages[1])
            data["languages"] = list(dict.fromkeys(spoken))
        skills = _pick(rng, topics, popularity, rng.randint(2, 6))
        data["skills"] = skills
        data["interests"] = _pick(rng, topics, demand, rng.randint(1, 4))
        mentoring: dict[str, Any] = {}
        if rng.random() < shape.offer_share:
            mentoring["offers"] = skills[:rng.randint(1, min(4, len(skills)))]
            mentoring["capacity"] = rng.choice((1, 1, 2, 2, 2, 3))
            mentoring["open"] = rng.random() < 0.85
        if rng.random() < shape.seek_share:
            wanted = [t for t in data["interests"] if t not in skills] or data["interests"]
            mentoring["seeks"] = wanted[:rng.randint(1, 3)]
        if mentoring:
            data["mentoring"] = mentoring
        if rng.random() < 0.03:
            data["listed"] = False
        records.append((member_id, data))
    _existing_pairs(records, rng)
    return records


def _existing_pairs(records: list[tuple[str, dict[str, Any]]], rng: random.Random) -> None:
    """Let about one seeker in ten already have a mentor, within the mentor's capacity."""
    offering: dict[str, list[str]] = {}
    free: dict[str, int] = {}
    for member_id, data in records:
        mentoring = data.get("mentoring", {})
        for topic in mentoring.get("offers", ()):
            offering.setdefault(topic, []).append(member_id)
        free[member_id] = mentoring.get("capacity", 1) if mentoring.get("offers") else 0
    for member_id, data in records:
        mentoring = data.get("mentoring", {})
        if not mentoring.get("seeks") or rng.random() >= 0.1:
            continue
        candidates = [m for m in offering.get(mentoring["seeks"][0], ())
                      if m != member_id and free[m] > 0]
        if candidates:
            mentor = rng.choice(candidates)
            free[mentor] -= 1
            mentoring["mentors"] = [mentor]


MKDOCS_YML = """\
site_name: Synthetic community ({n} members)
site_url: https://example.org/synthetic/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - community:
      timezone: UTC
      now: "2026-12-01T09:00:00+00:00"
nav:
  - Home: index.md
  - Members: members/index.md
"""


def write_community(folder: Path | str, n: int, seed: int = 0, shape: Shape = TYPICAL) -> Path:
    """Write ``n`` member files, ``content/topics.yml`` and ``mkdocs.yml`` into ``folder``."""
    root = Path(folder)
    (root / "members").mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (root / "content" / "topics.yml").write_text(
        yaml.dump(topic_vocabulary(), Dumper=dumper, sort_keys=True, allow_unicode=True),
        encoding="utf-8")
    (root / "content" / "index.md").write_text(f"# Synthetic community\n\n{n} members.\n",
                                               encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(n=n), encoding="utf-8")
    for member_id, data in members(n, seed, shape):
        (root / "members" / f"{member_id}.yml").write_text(
            yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True),
            encoding="utf-8")
    return root
