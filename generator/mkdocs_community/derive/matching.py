"""Peer mentoring: who could mentor whom, and one globally best set of suggested pairings.

Pure and deterministic: :func:`match` is a function of the members and a date (the date
fixes each time zone's UTC offset, so summer time is right), with no I/O and no clock.
The site and the ``community mentoring`` command call it with the same arguments and so
never disagree.

**Who takes part.** A *mentor* offers topics, is ``open`` and has places left: their
``capacity`` minus the mentees who name them in ``mentoring.mentors``. A *seeker* seeks
topics their current mentors do not already cover (Siobhan, mentored in Python by
Thandiwe, still looks for SQL). Places are counted over every member, listed or not, so
the site never offers a place an unlisted mentee already fills; but only listed members
are matched unless ``include_unlisted`` is set, which only the organisers' command does.

**Score** (whole points, so equal really is equal and no float noise can flip a choice):

* each topic the seeker still needs that the mentor offers: ``100 + 100 / places`` where
  *places* are the open places among all mentors offering it, so more topics always win
  and, between equals, the scarce topic wins;
* working hours (09:00-17:00 in each person's zone on the build date): up to 40 points
  for a full 8 shared hours; 20 (neutral) when either gave no time zone;
* language: 20 when they share one; 10 (neutral) when either gave none. When both give
  languages and share none they are **not a candidate pair at all**: mentoring is
  conversation, and a pairing two people cannot hold is worse than none - it would hide
  the seeker from the call for mentors. A penalty would still let the optimiser choose it.

Topics (100 or more each) always outweigh time and language together (at most 60), which
only decide between mentors who cover the same needs.

**Suggestions** are a maximum-total-score assignment with capacities (each seeker gets
at most one new mentor, each mentor at most their free places), solved exactly as a
sparse linear assignment (LAPJVsp, ``scipy.sparse.csgraph``) with each mentor's column
repeated once per usable place. Ties are broken by a stable hash of the two ids, worth
less than one point in total, so the outcome depends on ids only (never on file order)
and alphabetically early names are not systematically favoured.

**Cost.** Work and memory grow with the candidate pairs (people who share a topic), never
with mentors x seekers: pairs come from the inverted index topic -> mentors, are scored
in blocks, and are kept as 16 bytes each; the solver's matrix holds one entry per pair
and place. A 10,000-member mentoring programme (1.3 million candidate pairs) matches in
about 1.3 s and 85 MB (benchmarks/README.md).
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from mkdocs_community.core.i18n import N_, Language, language
from mkdocs_community.core.records.member import Member, language_name

TOPIC_POINTS = 100  # per shared topic
RARITY_POINTS = 100  # divided by the open places for that topic
TIME_POINTS = 40  # a full working day in common
LANGUAGE_POINTS = 20  # a shared language
WORK_START, WORK_END = 9.0, 17.0  # local working hours
WORK_HOURS = WORK_END - WORK_START
TIE_BITS = 10  # tie-break values are 0..1023, scaled to less than one point in total
TIE_BREAK = 1 << TIE_BITS

Label = Callable[[str], str]

# Why a seeker is left without a suggestion, per topic they still need.
NO_MENTOR = "no-mentor"
MENTORS_CLOSED = "mentors-closed"
MENTORS_FULL = "mentors-full"
NO_SHARED_LANGUAGE = "no-shared-language"
PAIRED_ELSEWHERE = "paired-elsewhere"
WHY_ORDER = (NO_MENTOR, MENTORS_CLOSED, MENTORS_FULL, NO_SHARED_LANGUAGE, PAIRED_ELSEWHERE)
_WHY_WORDS = {
    NO_MENTOR: N_("no one offers %(topics)s"),
    MENTORS_CLOSED: N_("the mentors for %(topics)s are not taking mentees now"),
    MENTORS_FULL: N_("every mentor for %(topics)s is full"),
    NO_SHARED_LANGUAGE: N_("no open mentor for %(topics)s shares a language"),
    PAIRED_ELSEWHERE: N_("the mentors for %(topics)s are suggested for others, who match "
                         "them better or have fewer alternatives"),
}


# A pure function of a few dozen values (half hours apart, hours in common), asked for
# by every pair a profile shows: CLDR's number formatting is the cost, paid once each.
@lru_cache(maxsize=256, typed=True)
def _hours(value: float, lang: Language) -> str:
    text = lang.number(round(value, 2))
    # A fraction takes the plural form ("1.5 hours"), as in the languages shipped.
    return lang.ngettext("%(num)s hour", "%(num)s hours", int(value) if value == int(value)
                         else 2) % {"num": text}


@lru_cache(maxsize=1024)
def utc_offset_hours(timezone: str, on: dt.date) -> float:
    """The zone's UTC offset in hours at local noon on ``on`` (so DST is as on that day)."""
    noon = dt.datetime.combine(on, dt.time(12), tzinfo=ZoneInfo(timezone))
    offset = noon.utcoffset() or dt.timedelta(0)
    return offset.total_seconds() / 3600


def hours_apart(a: float, b: float) -> float:
    """The distance between two UTC offsets around the clock, 0..12 hours."""
    diff = abs(a - b) % 24
    return min(diff, 24 - diff)


def shared_working_hours(apart: float) -> float:
    """Hours both people are in their 09:00-17:00 working day, ``apart`` hours apart."""
    return max(0.0, WORK_HOURS - apart)


def time_points(apart: float | None) -> int:
    if apart is None:
        return TIME_POINTS // 2
    return round(TIME_POINTS * shared_working_hours(apart) / WORK_HOURS)


def topic_points(places: int) -> int:
    return TOPIC_POINTS + round(RARITY_POINTS / max(places, 1))


def _id_hash(ids: Sequence[str]) -> np.ndarray:
    return np.array([zlib.crc32(x.encode()) for x in ids], dtype=np.uint64)


def _mix(mentor_hash: np.ndarray, mentee_hash: np.ndarray) -> np.ndarray:
    """0..TIE_BREAK-1 per pair, well spread, from the two ids' hashes (wrapping uint64)."""
    x = mentor_hash * np.uint64(0x9E3779B97F4A7C15)
    x ^= mentee_hash
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x >>= np.uint64(64 - TIE_BITS)
    return x.view(np.int64)  # below 2**TIE_BITS, so the same number as a signed integer


def tie_break(mentor: str, mentee: str) -> int:
    """A stable pseudo-random value per pair (the same on every machine and run)."""
    return int(_mix(_id_hash([mentor]), _id_hash([mentee]))[0])


@dataclass(frozen=True)
class Pair:
    """A possible (or suggested) mentor-mentee pair, with the reasons behind its score."""

    mentor: str
    mentee: str
    score: int
    topics: tuple[str, ...]  # sought by the mentee, offered by the mentor; mentee's order
    scarce: tuple[str, ...]  # of those, topics only this open mentor offers and others seek
    hours_apart: float | None  # None when either gave no time zone
    languages: tuple[str, ...]  # shared language tags, in the mentee's order
    languages_known: bool  # both gave languages

    @property
    def shared_hours(self) -> float | None:
        return None if self.hours_apart is None else shared_working_hours(self.hours_apart)

    def reasons(self, label: Label = str, lang: Language | None = None) -> list[str]:
        """The pair's reasons in words, most important first (English unless ``lang``)."""
        lang = lang or language()
        _ = lang.gettext
        words = [_("both: %(topics)s") % {"topics": ", ".join(label(t) for t in self.topics)}]
        if self.scarce:
            words.append(_("the only open mentor for %(topics)s, which others seek too") % {
                "topics": ", ".join(label(t) for t in self.scarce)})
        if self.hours_apart is None:
            words.append(_("time zone not given"))
        elif self.hours_apart == 0:
            words.append(_("same working hours"))
        else:
            shared = self.shared_hours or 0
            common = _("%(hours)s of working day in common") % {
                "hours": _hours(shared, lang)} if shared else _("no working hours in common")
            words.append(_("%(hours)s apart (%(common)s)") % {
                "hours": _hours(self.hours_apart, lang), "common": common})
        if self.languages:
            words.append(_("both speak %(languages)s") % {"languages": lang.list(
                [language_name(t, lang.code) for t in self.languages])})
        elif not self.languages_known:
            words.append(_("languages not given"))
        return words

    def explain(self, label: Label = str, lang: Language | None = None) -> str:
        return "; ".join(self.reasons(label, lang))


@dataclass(frozen=True)
class Why:
    """One reason a seeker has no suggestion: a code and the topics it applies to."""

    code: str
    topics: tuple[str, ...]

    def explain(self, label: Label = str, lang: Language | None = None) -> str:
        lang = lang or language()
        return lang.gettext(_WHY_WORDS[self.code]) % {
            "topics": ", ".join(label(t) for t in self.topics)}


@dataclass(frozen=True)
class Unmatched:
    """A seeker left without a suggestion, and why, topic by topic."""

    mentee: str
    needs: tuple[str, ...]
    why: tuple[Why, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.why)

    def explain(self, label: Label = str, lang: Language | None = None) -> str:
        return "; ".join(w.explain(label, lang) for w in self.why)


@dataclass(frozen=True)
class MentorStatus:
    """Someone who offers mentoring, and how many places they have left."""

    id: str
    offers: tuple[str, ...]
    capacity: int
    taken: int  # current mentees who name them
    open: bool
    mentees: tuple[str, ...] = ()  # those current mentees (ids; may be unlisted)

    @property
    def remaining(self) -> int:
        return max(0, self.capacity - self.taken) if self.open else 0

    @property
    def available(self) -> bool:
        return self.remaining > 0


@dataclass(frozen=True)
class SeekerStatus:
    """Someone who seeks mentoring: what they seek and what is still not covered."""

    id: str
    seeks: tuple[str, ...]
    needs: tuple[str, ...]  # seeks minus topics their current mentors offer
    mentors: tuple[str, ...]  # current mentors (ids; may be unlisted: check before showing)


@dataclass(frozen=True)
class TopicMarket:
    """Supply and demand for one topic."""

    topic: str
    mentors: tuple[str, ...]  # open mentors with places left who offer it
    places: int  # their places left (a mentor's place counts for each of their topics)
    unavailable: tuple[str, ...]  # mentors who offer it but are full or not open
    seekers: tuple[str, ...]  # people who still need it
    unmet: tuple[str, ...]  # of those, the ones left without a suggestion

    @property
    def shortfall(self) -> int:
        return len(self.seekers) - self.places


@dataclass(frozen=True)
class _Graph:
    """Every candidate pair, as compact index arrays (16 bytes a pair).

    Seekers and mentors are numbered in id order, and a seeker's pairs are stored in
    mentor order, so index order is id order wherever the queries need it.
    """

    mentors: tuple[str, ...]
    seekers: tuple[str, ...]
    rows: np.ndarray  # seeker index per pair (int32), ascending
    cols: np.ndarray  # mentor index per pair (int32), ascending within a seeker
    scores: np.ndarray  # score per pair (int32)
    by_mentor: np.ndarray  # pair indices sorted by mentor, then seeker (int32)
    seeker_start: np.ndarray  # pairs of seeker i are [seeker_start[i], seeker_start[i+1])
    mentor_start: np.ndarray  # by_mentor[mentor_start[j]:mentor_start[j+1]] are mentor j's
    seeker_index: dict[str, int]
    mentor_index: dict[str, int]


@dataclass(frozen=True)
class Matching:
    """The mentoring market of a community on one date, and the suggested pairings."""

    on: dt.date
    mentors: tuple[MentorStatus, ...]  # everyone taking part who offers topics, by id
    seekers: tuple[SeekerStatus, ...]  # everyone taking part who seeks topics, by id
    suggestions: tuple[Pair, ...]  # by mentee id
    unmatched: tuple[Unmatched, ...]  # by mentee id
    topics: tuple[TopicMarket, ...]  # by topic id
    _graph: _Graph = field(repr=False, compare=False)
    _explain: Callable[[int, int, int], Pair] = field(repr=False, compare=False)
    _score: Callable[[str, str], int | None] = field(repr=False, compare=False)

    def score(self, mentor: str, mentee: str) -> int | None:
        """The score of a pair, or None when they are not a candidate pair."""
        return self._score(mentor, mentee)

    @property
    def total_score(self) -> int:
        return sum(p.score for p in self.suggestions)

    @cached_property
    def _by_id(self) -> tuple[dict[str, SeekerStatus], dict[str, MentorStatus],
                              dict[str, Pair], dict[str, tuple[Pair, ...]]]:
        by_mentor: dict[str, list[Pair]] = defaultdict(list)
        for p in self.suggestions:
            by_mentor[p.mentor].append(p)
        return ({s.id: s for s in self.seekers}, {m.id: m for m in self.mentors},
                {p.mentee: p for p in self.suggestions},
                {m: tuple(ps) for m, ps in by_mentor.items()})

    def seeker(self, member_id: str) -> SeekerStatus | None:
        return self._by_id[0].get(member_id)

    def mentor(self, member_id: str) -> MentorStatus | None:
        return self._by_id[1].get(member_id)

    def suggestion_for(self, mentee: str) -> Pair | None:
        return self._by_id[2].get(mentee)

    def suggested_mentees(self, mentor: str) -> tuple[Pair, ...]:
        return self._by_id[3].get(mentor, ())

    def mentors_for(self, mentee: str, limit: int = 3) -> tuple[Pair, ...]:
        """The best open mentors for ``mentee`` (whatever the global assignment chose)."""
        g = self._graph
        i = g.seeker_index.get(mentee)
        if i is None:
            return ()
        return self._best(np.arange(g.seeker_start[i], g.seeker_start[i + 1]), limit)

    def mentees_for(self, mentor: str, limit: int = 3) -> tuple[Pair, ...]:
        """The seekers ``mentor`` could help most."""
        g = self._graph
        j = g.mentor_index.get(mentor)
        if j is None:
            return ()
        return self._best(g.by_mentor[g.mentor_start[j]:g.mentor_start[j + 1]], limit)

    def _best(self, edges: np.ndarray, limit: int) -> tuple[Pair, ...]:
        """The ``limit`` best of ``edges``: highest score first, then by the other's id.

        ``edges`` come in the other person's id order (see ``_Graph``), so a stable sort
        on the score alone gives that order.
        """
        g = self._graph
        top = edges[np.argsort(-g.scores[edges], kind="stable")[:max(limit, 0)]]
        return tuple(self._explain(int(g.rows[e]), int(g.cols[e]), int(g.scores[e]))
                     for e in top.tolist())

    def topic(self, topic_id: str) -> TopicMarket | None:
        return next((t for t in self.topics if t.topic == topic_id), None)

    @property
    def call_for_mentors(self) -> tuple[TopicMarket, ...]:
        """Topics where more people need a mentor than there are places, biggest gap first."""
        short = [t for t in self.topics if t.shortfall > 0]
        return tuple(sorted(short, key=lambda t: (-t.shortfall, t.topic)))


def match(members: Iterable[Member], on: dt.date, *, include_unlisted: bool = False) -> Matching:
    """The community's mentoring market on ``on`` and its best suggested pairings."""
    everyone = {m.id: m for m in sorted(members, key=lambda m: m.id)}
    taken: Counter[str] = Counter()
    current: dict[str, tuple[str, ...]] = {}
    for member in everyone.values():
        if member.mentoring and member.mentoring.mentors:
            mine = tuple(dict.fromkeys(x for x in member.mentoring.mentors
                                       if x in everyone and x != member.id))
            current[member.id] = mine
            taken.update(mine)
    people = [m for m in everyone.values()
              if (include_unlisted or m.listed) and not m.in_memoriam]
    mentees_of: dict[str, list[str]] = defaultdict(list)  # current mentees, by id
    for mentee, mine in current.items():
        for mentor in mine:
            mentees_of[mentor].append(mentee)

    mentor_status = tuple(
        MentorStatus(m.id, tuple(m.mentoring.offers), m.mentoring.capacity, taken[m.id],
                     m.mentoring.open, tuple(mentees_of.get(m.id, ())))
        for m in people if m.mentoring and m.mentoring.offers)
    seeker_status = []
    for m in people:
        if not (m.mentoring and m.mentoring.seeks):
            continue
        mine = current.get(m.id, ())
        covered = {t for x in mine if everyone[x].mentoring for t in everyone[x].mentoring.offers}
        needs = tuple(t for t in m.mentoring.seeks if t not in covered)
        seeker_status.append(SeekerStatus(m.id, tuple(m.mentoring.seeks), needs, mine))

    available = [s for s in mentor_status if s.available]
    remaining = {s.id: s.remaining for s in available}
    offered_by: dict[str, list[str]] = defaultdict(list)  # open mentors with places
    for s in available:
        for t in s.offers:
            offered_by[t].append(s.id)
    places = {t: sum(remaining[x] for x in ids) for t, ids in offered_by.items()}
    weight = {t: topic_points(p) for t, p in places.items()}

    offsets = {m.id: utc_offset_hours(m.timezone, on) for m in people if m.timezone}
    languages = {m.id: tuple(m.languages) for m in people}

    def apart(a: str, b: str) -> float | None:
        if a in offsets and b in offsets:
            return hours_apart(offsets[a], offsets[b])
        return None

    def speak(mentor: str, mentee: str) -> tuple[tuple[str, ...], bool]:
        """(shared languages in the mentee's order, whether both gave languages)."""
        theirs = set(languages[mentor])
        return tuple(t for t in languages[mentee] if t in theirs), \
            bool(languages[mentor] and languages[mentee])

    def can_talk(mentor: str, mentee: str) -> bool:
        shared, known = speak(mentor, mentee)
        return bool(shared) or not known

    mentor_ids = tuple(s.id for s in available)
    seekers = [s for s in seeker_status if s.needs]
    seeker_by_id = {s.id: s for s in seekers}

    def score(mentor: str, mentee: str) -> int | None:
        """The pair's score, or None when they are not a candidate pair (reference code)."""
        seeker = seeker_by_id.get(mentee)
        if seeker is None or mentor not in remaining or mentor == mentee \
                or mentor in seeker.mentors or not can_talk(mentor, mentee):
            return None
        offers = set(everyone[mentor].mentoring.offers)  # type: ignore[union-attr]
        points = sum(weight[t] for t in seeker.needs if t in offers)
        if not points:
            return None
        _, known = speak(mentor, mentee)
        lang = LANGUAGE_POINTS if known else LANGUAGE_POINTS // 2
        return points + lang + time_points(apart(mentor, mentee))

    demand = Counter(t for s in seekers for t in s.needs)
    graph = _candidate_pairs(seekers, available, weight, offsets, languages)

    def explain(i: int, j: int, score: int) -> Pair:
        seeker, mentor = seekers[i], mentor_ids[j]
        offers = set(everyone[mentor].mentoring.offers)  # type: ignore[union-attr]
        topics = tuple(t for t in seeker.needs if t in offers)
        shared, known = speak(mentor, seeker.id)
        return Pair(mentor, seeker.id, score, topics,
                    tuple(t for t in topics if len(offered_by[t]) == 1 and demand[t] > 1),
                    apart(mentor, seeker.id), shared, known)

    assigned = _assign(graph, remaining)
    suggestions = tuple(explain(i, j, s) for i, j, s in assigned)
    matched = {p.mentee for p in suggestions}

    offering_any: dict[str, list[MentorStatus]] = defaultdict(list)
    for s in mentor_status:
        for t in s.offers:
            offering_any[t].append(s)
    unmatched = []
    for seeker in seekers:
        if seeker.id in matched:
            continue
        by_code: dict[str, list[str]] = defaultdict(list)
        for t in seeker.needs:
            others = [s for s in offering_any.get(t, ()) if s.id != seeker.id]
            free = [s for s in others if s.available and s.id not in seeker.mentors]
            if not others:
                code = NO_MENTOR
            elif not free:
                code = MENTORS_CLOSED if not any(s.open for s in others) else MENTORS_FULL
            elif not any(can_talk(s.id, seeker.id) for s in free):
                code = NO_SHARED_LANGUAGE
            else:
                code = PAIRED_ELSEWHERE
            by_code[code].append(t)
        unmatched.append(Unmatched(seeker.id, seeker.needs, tuple(
            Why(code, tuple(by_code[code])) for code in WHY_ORDER if code in by_code)))

    unmatched_ids = {u.mentee for u in unmatched}
    needing: dict[str, list[str]] = defaultdict(list)
    for seeker in seekers:
        for t in seeker.needs:
            needing[t].append(seeker.id)
    markets = tuple(
        TopicMarket(
            t, tuple(offered_by.get(t, ())), places.get(t, 0),
            tuple(s.id for s in offering_any.get(t, ()) if not s.available),
            tuple(needing.get(t, ())),
            tuple(x for x in needing.get(t, ()) if x in unmatched_ids))
        for t in sorted(set(needing) | set(offering_any)))

    return Matching(on, mentor_status, tuple(seeker_status),
                    tuple(sorted(suggestions, key=lambda p: p.mentee)), tuple(unmatched),
                    markets, graph, explain, score)


def _candidate_pairs(
    seekers: Sequence[SeekerStatus], mentors: Sequence[MentorStatus], weight: dict[str, int],
    offsets: dict[str, float], languages: dict[str, tuple[str, ...]],
) -> _Graph:
    """Every candidate pair and its score, computed on arrays (see ``score`` for the rules).

    Only pairs that share a topic are ever formed: topic points are a sparse product,
    (seekers x topics, the weights of what each still needs) @ (topics x mentors, who
    offers what), i.e. each needed topic's row of the inverted index topic -> mentors.
    Self-pairs, current pairs and pairs with languages but none in common are then
    dropped; time and language points added. Seekers are taken in blocks of about
    ``PAIRS_PER_BLOCK`` possible pairs, so the temporary arrays stay small however many
    pairs there are; what is kept is 16 bytes a pair.
    """
    from scipy.sparse import csr_array  # scipy loads in ~0.2 s: only when matching

    mentor_ids = tuple(m.id for m in mentors)
    seeker_ids = tuple(s.id for s in seekers)
    topic_index = {t: k for k, t in enumerate(sorted(weight))}
    need_r, need_c, need_w = [], [], []
    for i, seeker in enumerate(seekers):
        for t in seeker.needs:
            if t in topic_index:
                need_r.append(i)
                need_c.append(topic_index[t])
                need_w.append(weight[t])
    offer_r, offer_c = [], []
    for j, mentor in enumerate(mentors):
        for t in mentor.offers:
            offer_r.append(topic_index[t])
            offer_c.append(j)
    shape = (len(seekers), len(topic_index)), (len(topic_index), len(mentors))
    needs = csr_array((np.asarray(need_w, dtype=np.int64), (need_r, need_c)), shape=shape[0])
    offers = csr_array((np.ones(len(offer_r), dtype=np.int64), (offer_r, offer_c)),
                       shape=shape[1])

    # Never with themselves, never again with a current mentor: pair codes, sorted.
    width = max(len(mentors), 1)
    mentor_at = {x: j for j, x in enumerate(mentor_ids)}
    banned = np.unique(np.array([i * width + mentor_at[x] for i, s in enumerate(seekers)
                                 for x in (s.id, *s.mentors) if x in mentor_at],
                                dtype=np.int64))
    # Languages: each distinct list gets a code; each pair of codes is decided once.
    lang_code: dict[tuple[str, ...], int] = {}
    seeker_lang = np.array([lang_code.setdefault(languages[x], len(lang_code))
                            for x in seeker_ids], dtype=np.int64)
    mentor_lang = np.array([lang_code.setdefault(languages[x], len(lang_code))
                            for x in mentor_ids], dtype=np.int64)
    language_points = _LanguagePoints(tuple(lang_code))
    seeker_offset = np.array([offsets.get(x, np.nan) for x in seeker_ids], dtype=np.float64)
    mentor_offset = np.array([offsets.get(x, np.nan) for x in mentor_ids], dtype=np.float64)

    # At most one pair per mentor per needed topic: the block sizes' upper bound.
    mentors_per_topic = np.diff(offers.indptr)
    bound = np.bincount(np.asarray(need_r, dtype=np.int64), minlength=len(seekers),
                        weights=mentors_per_topic[np.asarray(need_c, dtype=np.int64)])
    kept_rows, kept_cols, kept_scores = [], [], []
    for start, stop in _blocks(bound, PAIRS_PER_BLOCK):
        product = (needs[start:stop] @ offers).tocsr()
        product.sort_indices()
        rows = np.repeat(np.arange(start, stop, dtype=np.int64), np.diff(product.indptr))
        cols = product.indices.astype(np.int64)
        points = product.data.astype(np.int64)
        keep = points > 0
        codes = rows * width + cols  # ascending: rows ascend, columns ascend within a row
        hits = banned[(banned >= start * width) & (banned < stop * width)]
        at = np.searchsorted(codes, hits)
        found = at < len(codes)
        found[found] &= codes[at[found]] == hits[found]
        keep[at[found]] = False

        lang = language_points.of(seeker_lang[rows] * len(lang_code) + mentor_lang[cols])
        keep &= lang >= 0

        diff = np.abs(seeker_offset[rows] - mentor_offset[cols]) % 24
        apart = np.minimum(diff, 24 - diff)
        hours = np.round(TIME_POINTS * np.maximum(0.0, WORK_HOURS - apart) / WORK_HOURS)
        time = np.where(np.isnan(apart), TIME_POINTS // 2, hours).astype(np.int64)

        kept_rows.append(rows[keep].astype(np.int32))
        kept_cols.append(cols[keep].astype(np.int32))
        kept_scores.append((points + lang + time)[keep].astype(np.int32))

    def joined(parts: list[np.ndarray]) -> np.ndarray:
        whole = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        parts.clear()  # the blocks' arrays go as soon as they are copied
        return whole

    return _make_graph(mentor_ids, seeker_ids, joined(kept_rows), joined(kept_cols),
                       joined(kept_scores))


PAIRS_PER_BLOCK = 1 << 18  # possible pairs scored at a time (about 30 MB of temporaries)


def _blocks(sizes: np.ndarray, budget: int) -> list[tuple[int, int]]:
    """Consecutive ranges of indices whose ``sizes`` add up to about ``budget`` each."""
    blocks: list[tuple[int, int]] = []
    start, total = 0, 0.0
    for i, size in enumerate(sizes.tolist()):
        if total and total + size > budget:
            blocks.append((start, i))
            start, total = i, 0.0
        total += size
    if start < len(sizes):
        blocks.append((start, len(sizes)))
    return blocks


@dataclass
class _LanguagePoints:
    """Language points for a pair of language lists, by code; -1 for "no pair at all".

    Each distinct pair of lists is decided once (there are few distinct lists).
    """

    lists: tuple[tuple[str, ...], ...]  # by code
    decided: dict[int, int] = field(default_factory=dict)  # seeker * len(lists) + mentor

    def of(self, pair_codes: np.ndarray) -> np.ndarray:
        unique, inverse = np.unique(pair_codes, return_inverse=True)
        points = np.array([self._decide(code) for code in unique.tolist()], dtype=np.int64)
        return points[inverse.reshape(-1)] if len(unique) else np.zeros(0, dtype=np.int64)

    def _decide(self, code: int) -> int:
        if code not in self.decided:
            a, b = self.lists[code // len(self.lists)], self.lists[code % len(self.lists)]
            if not (a and b):
                self.decided[code] = LANGUAGE_POINTS // 2
            elif set(a).isdisjoint(b):
                self.decided[code] = -1  # both gave languages, none shared: not a candidate
            else:
                self.decided[code] = LANGUAGE_POINTS
        return self.decided[code]


def _make_graph(mentors: tuple[str, ...], seekers: tuple[str, ...], r: np.ndarray,
                c: np.ndarray, s: np.ndarray) -> _Graph:
    by_mentor = np.argsort(c, kind="stable").astype(np.int32)
    seeker_start = np.searchsorted(r, np.arange(len(seekers) + 1))
    mentor_start = np.searchsorted(c[by_mentor], np.arange(len(mentors) + 1))
    return _Graph(mentors, seekers, r, c, s, by_mentor, seeker_start, mentor_start,
                  {x: i for i, x in enumerate(seekers)}, {x: j for j, x in enumerate(mentors)})


def _assign(graph: _Graph, remaining: dict[str, int]) -> list[tuple[int, int, int]]:
    """The maximum-score assignment: (seeker index, mentor index, score) per pair.

    Rows are seekers; each mentor is a block of columns, one per usable place (no more
    than the seekers they could take); each seeker also has a private "no mentor"
    column, numbered after every place. Only candidate pairs are entries. Costs are
    ``big - value`` with ``value = score * scale + tie-break``, so a minimum-cost full
    matching of the rows is a maximum-score assignment, and among those the one with
    the best tie-breaks. Values stay below 2**53, so float64 is exact.

    The matrix is built directly in canonical CSR form (each row's columns ascending:
    its pairs in mentor order, then its own column), 12 bytes an entry.
    """
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    rows, cols, scores = graph.rows, graph.cols, graph.scores
    n = len(graph.seekers)
    if n == 0 or len(rows) == 0:
        return []
    degree = np.bincount(cols, minlength=len(graph.mentors))
    slots = np.minimum(np.array([remaining[m] for m in graph.mentors], dtype=np.int64), degree)
    first = np.concatenate(([0], np.cumsum(slots)))
    total_slots = int(first[-1])
    scale = TIE_BREAK * (n + 1)  # every tie-break together is worth less than one point
    mentor_hash, seeker_hash = _id_hash(graph.mentors), _id_hash(graph.seekers)
    value = np.empty(len(rows), dtype=np.int64)
    for lo in range(0, len(rows), PAIRS_PER_BLOCK):  # in blocks: small temporaries
        part = slice(lo, lo + PAIRS_PER_BLOCK)
        value[part] = scores[part] * np.int64(scale) + _mix(mentor_hash[cols[part]],
                                                            seeker_hash[rows[part]])
    big = int(value.max()) + 1
    if float(big) * (n + 1) >= 2.0**53:  # pragma: no cover - would need absurd inputs
        raise OverflowError("mentoring scores too large to solve exactly")
    np.subtract(big, value, out=value)  # the cost of each pair

    # Each pair becomes one entry per place of its mentor; each row ends with its own
    # column (inserted after the row's last pair; a stable insert keeps empty rows in order).
    row_ends = graph.seeker_start[1:]
    entry_first = np.insert(first[cols], row_ends, total_slots + np.arange(n))
    entry_count = np.insert(slots[cols], row_ends, 1)
    entry_cost = np.insert(value.astype(np.float64), row_ends, float(big))
    del value
    count = int(entry_count.sum())
    if count >= 2**31:  # pragma: no cover - about 20 GB of matrix
        raise OverflowError("too many mentoring candidate pairs to solve")
    # The k-th entry of a pair is column first + k; in int32, which every index fits.
    shift = (entry_first - (np.cumsum(entry_count) - entry_count)).astype(np.int32)
    indices = np.repeat(shift, entry_count)
    indices += np.arange(count, dtype=np.int32)
    data = np.repeat(entry_cost, entry_count)
    del entry_first, entry_cost, entry_count, shift
    per_row = np.bincount(rows, weights=slots[cols], minlength=n).astype(np.int64) + 1
    indptr = np.concatenate(([0], np.cumsum(per_row))).astype(np.int32)
    matrix = csr_array((data, indices, indptr), shape=(n, total_slots + n))
    del data, indices
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    mentor_of_slot = np.repeat(np.arange(len(graph.mentors)), slots)
    pairs = []
    for r, col in zip(row_ind.tolist(), col_ind.tolist(), strict=True):
        if col >= total_slots:
            continue
        j = int(mentor_of_slot[col])
        # A seeker's pairs are contiguous and in mentor order.
        start, end = int(graph.seeker_start[r]), int(graph.seeker_start[r + 1])
        k = start + int(np.searchsorted(cols[start:end], j))
        pairs.append((r, j, int(scores[k])))
    return pairs
