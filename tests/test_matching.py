"""Mentor matching: scores and reasons on hand-made cases, optimality against brute force."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_community.core.records.member import Member
from mkdocs_community.derive import matching
from mkdocs_community.derive.matching import (
    MENTORS_CLOSED,
    MENTORS_FULL,
    NO_MENTOR,
    NO_SHARED_LANGUAGE,
    PAIRED_ELSEWHERE,
    match,
)

WINTER = dt.date(2026, 1, 15)
SUMMER = dt.date(2026, 7, 15)


def person(member_id: str, *, offers=(), seeks=(), capacity=1, open=True, mentors=(),
           languages=(), timezone=None, listed=True) -> Member:
    data = {"id": member_id, "name": member_id.title(), "joined": "2025-01",
            "languages": list(languages), "listed": listed}
    if timezone:
        data["timezone"] = timezone
    if offers or seeks or mentors:
        data["mentoring"] = {"offers": list(offers), "seeks": list(seeks),
                             "capacity": capacity, "open": open, "mentors": list(mentors)}
    return Member.model_validate(data)


def pairs(result) -> set[tuple[str, str]]:
    return {(p.mentor, p.mentee) for p in result.suggestions}


# -- scores and reasons ---------------------------------------------------------------


def test_reasons_in_words():
    ada = person("ada", offers=["python", "public-speaking", "sql"], languages=["es", "en"],
                 timezone="Europe/Madrid")
    bob = person("bob", seeks=["public-speaking", "python", "rust"], languages=["es"],
                 timezone="Europe/London")
    result = match([ada, bob], WINTER)
    (pair,) = result.suggestions
    assert (pair.mentor, pair.mentee) == ("ada", "bob")
    assert pair.topics == ("public-speaking", "python")  # the mentee's order
    assert pair.reasons() == ["both: public-speaking, python",
                              "1 hour apart (7 hours of working day in common)",
                              "both speak Spanish"]
    labels = {"python": "Python", "public-speaking": "Public speaking"}
    assert pair.explain(labels.get).startswith("both: Public speaking, Python; 1 hour apart")


def test_unknown_time_zone_and_languages_are_neutral_and_said():
    ada = person("ada", offers=["python"], timezone="Asia/Tokyo", languages=["ja", "en"])
    bob = person("bob", seeks=["python"])
    result = match([ada, bob], WINTER)
    (pair,) = result.suggestions
    assert pair.hours_apart is None and not pair.languages_known
    assert pair.reasons() == ["both: python", "time zone not given", "languages not given"]
    only_topic = matching.topic_points(1)
    assert pair.score == only_topic + matching.TIME_POINTS // 2 + matching.LANGUAGE_POINTS // 2


def test_time_zone_distance_follows_summer_time():
    # London and Kolkata: 5.5 hours apart in winter, 4.5 in summer (only London shifts).
    ada = person("ada", offers=["python"], timezone="Europe/London")
    bob = person("bob", seeks=["python"], timezone="Asia/Kolkata")
    assert match([ada, bob], WINTER).suggestions[0].hours_apart == 5.5
    summer = match([ada, bob], SUMMER).suggestions[0]
    assert summer.hours_apart == 4.5
    assert "4.5 hours apart (3.5 hours of working day in common)" in summer.reasons()
    # Around the date line: Auckland and Honolulu are 1 hour apart (in July), not 23.
    assert matching.hours_apart(12, -10) == 2 and matching.hours_apart(13, -11) == 0


def test_no_shared_language_is_never_a_pair():
    ada = person("ada", offers=["python"], languages=["fr"])
    bob = person("bob", seeks=["python"], languages=["de", "pl"])
    result = match([ada, bob], WINTER)
    assert result.suggestions == ()
    assert result.score("ada", "bob") is None
    assert result.unmatched[0].codes == (NO_SHARED_LANGUAGE,)
    assert "no open mentor for python shares a language" in result.unmatched[0].explain()


def test_more_topics_beat_better_hours_and_rarer_topics_weigh_more():
    near = person("near", offers=["python"], timezone="Europe/Paris", languages=["en"])
    far = person("far", offers=["python", "sql"], timezone="Pacific/Auckland", languages=["en"])
    bob = person("bob", seeks=["python", "sql"], timezone="Europe/Paris", languages=["en"])
    result = match([near, far, bob], WINTER)
    assert pairs(result) == {("far", "bob")}
    assert "no working hours in common" in result.suggestions[0].explain()
    assert matching.topic_points(1) > matching.topic_points(2) > matching.topic_points(10)
    assert matching.topic_points(10) >= matching.TOPIC_POINTS
    # Topics always outweigh time and language together.
    assert matching.TOPIC_POINTS > matching.TIME_POINTS + matching.LANGUAGE_POINTS


def test_global_optimum_not_first_come_first_served():
    # Greedy by best single pair would give 'ada' to 'amy' (two topics) and leave 'bea'
    # with nothing; the optimum gives 'ada' to 'bea', and 'amy' the other mentor.
    ada = person("ada", offers=["python", "sql"])
    cat = person("cat", offers=["python"])
    amy = person("amy", seeks=["python", "sql"])
    bea = person("bea", seeks=["sql"])
    result = match([ada, cat, amy, bea], WINTER)
    assert pairs(result) == {("ada", "bea"), ("cat", "amy")}


def test_never_self_closed_full_or_existing():
    solo = person("solo", offers=["python"], seeks=["python"])
    closed = person("closed", offers=["rust"], open=False)
    full = person("full", offers=["sql"], capacity=1)
    busy = person("busy", seeks=["go"], mentors=["full"])  # takes full's only place
    seeker = person("seeker", seeks=["python", "rust", "sql", "kotlin"])
    result = match([solo, closed, full, busy, seeker], WINTER)
    assert ("solo", "solo") not in pairs(result)
    assert pairs(result) == {("solo", "seeker")}
    assert result.mentor("full").remaining == 0 and result.mentor("full").taken == 1
    left = {u.mentee: u for u in result.unmatched}
    assert set(left) == {"busy", "solo"}
    assert left["busy"].codes == (NO_MENTOR,) and left["solo"].codes == (NO_MENTOR,)
    # Someone who offers python themselves and seeks all four topics: a reason per topic.
    solo = person("solo", offers=["python"], seeks=["python", "rust", "sql", "kotlin"])
    result = match([solo, closed, full, busy], WINTER)
    why = {w.code: w.topics for w in {u.mentee: u for u in result.unmatched}["solo"].why}
    assert why == {NO_MENTOR: ("python", "kotlin"), MENTORS_CLOSED: ("rust",),
                   MENTORS_FULL: ("sql",)}


def test_current_mentors_cover_topics_and_are_not_suggested_again():
    tha = person("tha", offers=["python", "reproducibility"], capacity=3)
    bea = person("bea", offers=["sql", "python"], capacity=2)
    sio = person("sio", seeks=["python", "sql", "reproducibility"], mentors=["tha"])
    result = match([tha, bea, sio], WINTER)
    assert result.seeker("sio").needs == ("sql",)
    assert pairs(result) == {("bea", "sio")}
    assert result.suggestions[0].topics == ("sql",)
    assert result.mentor("tha").remaining == 2 and result.mentor("tha").mentees == ("sio",)
    done = person("done", seeks=["python"], mentors=["tha"])
    assert match([tha, done], WINTER).suggestions == ()
    assert match([tha, done], WINTER).seeker("done").needs == ()


def test_paired_elsewhere_reason_and_call_for_mentors():
    ada = person("ada", offers=["python"])
    amy = person("amy", seeks=["python"], timezone="Europe/Paris")
    bea = person("bea", seeks=["python"], timezone="Asia/Tokyo")
    result = match([ada, amy, bea], WINTER)
    assert len(result.suggestions) == 1
    assert result.unmatched[0].codes == (PAIRED_ELSEWHERE,)
    (short,) = result.call_for_mentors
    assert (short.topic, len(short.seekers), short.places, short.shortfall) == ("python", 2, 1, 1)
    assert short.unmet == (result.unmatched[0].mentee,)


def test_unlisted_members_are_matched_only_when_asked_but_always_fill_places():
    ada = person("ada", offers=["python"], capacity=2)
    hidden = person("hidden", seeks=["python"], listed=False)
    paired = person("paired", seeks=["go"], mentors=["ada"], listed=False)
    amy = person("amy", seeks=["python"])
    bea = person("bea", seeks=["python"])
    site = match([ada, hidden, paired, amy, bea], WINTER)
    assert site.mentor("ada").remaining == 1  # the unlisted mentee holds a place
    everyone = {p.mentee for p in site.suggestions} | {u.mentee for u in site.unmatched}
    assert "hidden" not in everyone and "paired" not in everyone
    assert all(s.id not in ("hidden", "paired") for s in site.seekers)
    organisers = match([ada, hidden, paired, amy, bea], WINTER, include_unlisted=True)
    assert "hidden" in {s.id for s in organisers.seekers}


def test_profile_queries_rank_by_score():
    ada = person("ada", offers=["python", "sql"], capacity=2)
    cat = person("cat", offers=["python"])
    amy = person("amy", seeks=["python", "sql"])
    bea = person("bea", seeks=["sql"])
    result = match([ada, cat, amy, bea], WINTER)
    assert [p.mentor for p in result.mentors_for("amy")] == ["ada", "cat"]
    assert [p.mentee for p in result.mentees_for("ada")] == ["amy", "bea"]
    assert result.mentors_for("nobody") == () and result.mentees_for("amy") == ()
    assert result.mentors_for("amy", limit=1)[0].score == result.score("ada", "amy")


def test_tie_break_is_stable_and_spread():
    values = {matching.tie_break(f"m{i}", "x") for i in range(200)}
    assert len(values) > 150 and all(0 <= v < matching.TIE_BREAK for v in values)
    assert matching.tie_break("ada", "bob") == matching.tie_break("ada", "bob")


# -- optimality and invariants on random communities -----------------------------------

TOPICS = ("python", "sql", "rust")
ZONES = (None, "Europe/London", "Asia/Kolkata", "America/Los_Angeles")
LANGS = ((), ("en",), ("es",), ("en", "es"))


@st.composite
def communities(draw) -> list[Member]:
    n = draw(st.integers(2, 7))
    ids = [f"p{i}" for i in range(n)]
    members = []
    for member_id in ids:
        offers = draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))
        seeks = draw(st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))
        mentors = draw(st.lists(st.sampled_from(ids), max_size=1, unique=True))
        members.append(person(
            member_id, offers=offers, seeks=seeks, capacity=draw(st.integers(0, 3)),
            open=draw(st.booleans()) or draw(st.booleans()),
            mentors=[m for m in mentors if m != member_id],
            languages=draw(st.sampled_from(LANGS)), timezone=draw(st.sampled_from(ZONES)),
            listed=draw(st.integers(0, 5)) > 0))
    return members


def tie_total(pairs_: set[tuple[str, str]]) -> int:
    return sum(matching.tie_break(mentor, mentee) for mentor, mentee in pairs_)


def brute_force_optima(result) -> tuple[tuple[int, int], list[set[tuple[str, str]]]]:
    """The best (total score, total tie-break) over every capacity-respecting assignment,
    and every assignment that reaches it: the objective the solver is meant to optimise
    (scores first; the tie-breaks together are worth less than one point)."""
    seekers = [s.id for s in result.seekers if s.needs]
    capacity = {m.id: m.remaining for m in result.mentors}
    options = {s: [m for m in capacity if result.score(m, s) is not None] for s in seekers}
    best: tuple[int, int] = (-1, -1)
    optima: list[set[tuple[str, str]]] = []
    chosen: list[tuple[str, str]] = []

    def walk(i: int, score: int) -> None:
        nonlocal best, optima
        if i == len(seekers):
            value = (score, tie_total(set(chosen)))
            if value > best:
                best, optima = value, [set(chosen)]
            elif value == best:
                optima.append(set(chosen))
            return
        walk(i + 1, score)  # this seeker gets no one
        for mentor in options[seekers[i]]:
            if capacity[mentor] > 0:
                capacity[mentor] -= 1
                chosen.append((mentor, seekers[i]))
                walk(i + 1, score + result.score(mentor, seekers[i]))
                chosen.pop()
                capacity[mentor] += 1

    walk(0, 0)
    return best, optima


FAST = settings(max_examples=250, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(communities(), st.sampled_from([WINTER, SUMMER]), st.booleans(),
       st.randoms(use_true_random=False))
def test_assignment_is_optimal_and_respects_every_rule(members, on, include_unlisted, rng):
    """On random communities (one example checks everything, to keep the suite quick):
    the candidate pairs scored on arrays are exactly those of the reference ``score``;
    the assignment is the exhaustive optimum and follows every rule; file order
    changes nothing."""
    result = match(members, on, include_unlisted=include_unlisted)
    graph = result._graph
    found_pairs = {(graph.mentors[j], graph.seekers[i]): int(s)
                   for i, j, s in zip(graph.rows, graph.cols, graph.scores, strict=True)}
    assert found_pairs == {(m.id, s.id): result.score(m.id, s.id)
                           for m in result.mentors for s in result.seekers
                           if result.score(m.id, s.id) is not None}
    # The exhaustive optimum, tie-break included: the same assignment whenever the
    # tie-break leaves a single best one (the usual case), else one of the best.
    (score, ties), optima = brute_force_optima(result)
    found = pairs(result)
    assert (result.total_score, tie_total(found)) == (score, ties)
    assert found in optima
    if len(optima) == 1:
        assert found == optima[0]
    by_id = {m.id: m for m in members}
    taking_part = {m.id for m in members if include_unlisted or m.listed}
    mentees = [p.mentee for p in result.suggestions]
    assert len(mentees) == len(set(mentees))  # one new mentor each
    for pair in result.suggestions:
        assert pair.mentor != pair.mentee
        assert {pair.mentor, pair.mentee} <= taking_part
        mentee = by_id[pair.mentee]
        assert pair.mentor not in mentee.mentoring.mentors
        assert pair.topics and set(pair.topics) <= set(mentee.mentoring.seeks)
        assert pair.score == result.score(pair.mentor, pair.mentee)
    for mentor in result.mentors:
        assert len(result.suggested_mentees(mentor.id)) <= mentor.remaining
        assert mentor.remaining <= max(mentor.capacity - mentor.taken, 0)
        if not mentor.open:
            assert result.suggested_mentees(mentor.id) == ()
    # Everyone who still needs something either has a suggestion or a reason.
    waiting = {s.id for s in result.seekers if s.needs}
    assert waiting == set(mentees) | {u.mentee for u in result.unmatched}
    assert all(u.why for u in result.unmatched)
    # The same people in another file order: the same outcome.
    shuffled = list(members)
    rng.shuffle(shuffled)
    again = match(shuffled, on, include_unlisted=include_unlisted)
    assert (again.suggestions, again.unmatched, again.topics) == \
        (result.suggestions, result.unmatched, result.topics)


@pytest.mark.parametrize("seed", range(3))
def test_bigger_random_market_is_consistent(seed):
    rng = random.Random(seed)
    topics = [f"t{i}" for i in range(12)]
    members = [person(f"m{i:03d}", offers=rng.sample(topics, 2) if rng.random() < 0.3 else (),
                      seeks=rng.sample(topics, 2) if rng.random() < 0.5 else (),
                      capacity=rng.randint(1, 3), languages=rng.choice(LANGS),
                      timezone=rng.choice(ZONES)) for i in range(300)]
    result = match(members, WINTER)
    assert result.suggestions
    counts: dict[str, int] = {}
    for pair in result.suggestions:
        counts[pair.mentor] = counts.get(pair.mentor, 0) + 1
    assert all(counts[m.id] <= m.remaining for m in result.mentors if m.id in counts)
    # No single swap of two suggestions' mentors improves the total (a cheap local check).
    sug = list(result.suggestions)
    for x in sug[:40]:
        for y in sug[:40]:
            a, b = result.score(y.mentor, x.mentee), result.score(x.mentor, y.mentee)
            if a is not None and b is not None:
                assert a + b <= x.score + y.score


# -- the sparse solver against a dense reference on bigger markets ----------------------


@st.composite
def crowded_markets(draw) -> list[Member]:
    """Up to 40 people over three topics: most mentors and seekers share one."""
    n = draw(st.integers(6, 40))
    members = []
    for i in range(n):
        role = draw(st.sampled_from(("mentor", "seeker", "both", "neither")))
        members.append(person(
            f"p{i:02d}",
            offers=draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True))
            if role in ("mentor", "both") else (),
            seeks=draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=2, unique=True))
            if role in ("seeker", "both") else (),
            capacity=draw(st.integers(1, 3)), languages=draw(st.sampled_from(LANGS)),
            timezone=draw(st.sampled_from(ZONES))))
    return members


def dense_optimum(result) -> tuple[int, int]:
    """(total score, total tie-break) of a dense reference: every mentor place x every
    seeker, scored by the reference ``score``, solved by scipy's dense assignment."""
    from scipy.optimize import linear_sum_assignment

    seekers = [s.id for s in result.seekers if s.needs]
    places = [m.id for m in result.mentors for _ in range(m.remaining)]
    if not seekers:
        return 0, 0
    scale = matching.TIE_BREAK * (len(seekers) + 1)
    value = [[0] * (len(places) + len(seekers)) for _ in seekers]  # 0: the "no one" columns
    for i, seeker in enumerate(seekers):
        for k, mentor in enumerate(places):
            score = result.score(mentor, seeker)
            # Not a pair: far worse than having no mentor, so never chosen.
            value[i][k] = -10**12 if score is None else \
                score * scale + matching.tie_break(mentor, seeker)
    rows, cols = linear_sum_assignment(value, maximize=True)
    chosen = {(places[k], seekers[i]) for i, k in zip(rows, cols, strict=True)
              if k < len(places)}
    return sum(result.score(m, s) for m, s in chosen), tie_total(chosen)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crowded_markets(), st.sampled_from([WINTER, SUMMER]))
def test_sparse_assignment_matches_a_dense_solver_on_crowded_markets(members, on):
    result = match(members, on)
    found = pairs(result)
    assert (result.total_score, tie_total(found)) == dense_optimum(result)


def test_scoring_in_blocks_gives_the_same_pairs(monkeypatch):
    rng = random.Random(5)
    topics = [f"t{i}" for i in range(6)]
    members = [person(f"m{i:03d}", offers=rng.sample(topics, 2) if rng.random() < 0.4 else (),
                      seeks=rng.sample(topics, 2) if rng.random() < 0.6 else (),
                      capacity=rng.randint(1, 3), languages=rng.choice(LANGS),
                      timezone=rng.choice(ZONES),
                      mentors=[f"m{rng.randrange(i):03d}"] if i and rng.random() < 0.2 else ())
               for i in range(120)]
    whole = match(members, WINTER)
    monkeypatch.setattr(matching, "PAIRS_PER_BLOCK", 7)  # many blocks, some of one seeker
    blocks = match(members, WINTER)
    a, b = whole._graph, blocks._graph
    assert len(a.rows) > 500
    for name in ("rows", "cols", "scores", "by_mentor", "seeker_start", "mentor_start"):
        assert getattr(a, name).tolist() == getattr(b, name).tolist(), name
    assert whole.suggestions == blocks.suggestions and whole.unmatched == blocks.unmatched


def test_memory_grows_with_the_pairs_that_can_exist_not_mentors_times_seekers():
    # 2,000 mentors and 2,000 seekers, each topic shared by one mentor and one seeker:
    # 2,000 candidate pairs. A score per mentor x seeker would need 4 million
    # entries (32 MB as int64) before any work; the sparse formulation a few MB.
    import tracemalloc

    n = 2000
    members = [person(f"m{i:04d}", offers=[f"t{i}"]) for i in range(n)]
    members += [person(f"s{i:04d}", seeks=[f"t{(i * 7) % n}"]) for i in range(n)]
    tracemalloc.start()
    try:
        result = match(members, WINTER)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result._graph.rows) == n and len(result.suggestions) == n
    assert peak < 24 * 2**20, f"{peak / 2**20:.0f} MB"
