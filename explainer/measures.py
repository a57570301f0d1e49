"""PHQ-9 and GAD-7: items, totals, severity bands, response, remission and the item-9 safety flag.

Every threshold is a named constant with the key of its source in ``content/sources.yml``.
Scores are whole points; a change is a fraction of the baseline total (0.5 means 50%).
"""

from __future__ import annotations

from dataclasses import dataclass

ITEM_MIN = 0
"""Lowest answer to any PHQ-9 or GAD-7 item: "not at all" (kroenke-2001, spitzer-2006)."""
ITEM_MAX = 3
"""Highest answer to any PHQ-9 or GAD-7 item: "nearly every day" (kroenke-2001, spitzer-2006)."""
ANSWER_LABELS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
"""Wording of the four answers, index = points (kroenke-2001)."""

PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed, or the opposite: being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead, or of hurting yourself in some way",
)
"""The nine PHQ-9 items, in order, over the last two weeks (kroenke-2001)."""
PHQ9_SOURCE = "kroenke-2001"

GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)
"""The seven GAD-7 items, in order, over the last two weeks (spitzer-2006)."""
GAD7_SOURCE = "spitzer-2006"

PHQ9_BANDS = ((0, "none-minimal"), (5, "mild"), (10, "moderate"), (15, "moderately severe"), (20, "severe"))
"""PHQ-9 severity bands as (lowest total, label); totals 0-27 (kroenke-2001)."""
GAD7_BANDS = ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe"))
"""GAD-7 severity bands as (lowest total, label); totals 0-21 (spitzer-2006)."""

RESPONSE_DROP = 0.5
"""Response: the total has fallen by at least this fraction of baseline (icsi, ps-mbc-2020)."""
RESPONSE_SOURCE = "icsi"
PARTIAL_RESPONSE_DROP = 0.25
"""Partial response: a fall of at least this fraction, but less than RESPONSE_DROP (icsi)."""
REMISSION_BELOW = 5
"""Remission: a PHQ-9 total below this many points (icsi, ps-mbc-2020). GAD-7 uses the same
cut-off by convention only, which the site says where it uses it."""
REMISSION_SOURCE = "icsi"
MEANINGFUL_CHANGE_POINTS = 5
"""Smallest change in PHQ-9 points that matters to one patient (lowe-2004)."""
MEANINGFUL_CHANGE_SOURCE = "lowe-2004"
SAFETY_ITEM_INDEX = 8
"""Zero-based index of PHQ-9 item 9 (thoughts of death or self-harm) (kroenke-2001)."""
SAFETY_ITEM_MIN = 1
"""Any item-9 answer of at least this many points raises the safety flag: it calls for a
structured risk assessment, not an automatic crisis referral (simon-item9, louzon-2016)."""
SAFETY_SOURCE = "simon-item9"


class InvalidAnswers(ValueError):
    """The answers are not a complete questionnaire of whole numbers from 0 to 3."""


@dataclass(frozen=True)
class Instrument:
    """A questionnaire: its name, items, severity bands and source key."""

    name: str
    items: tuple[str, ...]
    bands: tuple[tuple[int, str], ...]
    source: str

    @property
    def max_total(self) -> int:
        """Highest possible total, in points."""
        return ITEM_MAX * len(self.items)


PHQ9 = Instrument("PHQ-9", PHQ9_ITEMS, PHQ9_BANDS, PHQ9_SOURCE)
GAD7 = Instrument("GAD-7", GAD7_ITEMS, GAD7_BANDS, GAD7_SOURCE)


def validate_answers(instrument: Instrument, answers) -> tuple[int, ...]:
    """Return the answers as a tuple of ints, or raise InvalidAnswers saying what is wrong."""
    if isinstance(answers, (str, bytes)) or not hasattr(answers, "__len__"):
        raise InvalidAnswers(f"{instrument.name} answers must be a list of {len(instrument.items)} numbers.")
    if len(answers) != len(instrument.items):
        raise InvalidAnswers(
            f"{instrument.name} needs an answer to each of its {len(instrument.items)} items; "
            f"got {len(answers)}."
        )
    missing = [number for number, answer in enumerate(answers, 1) if answer is None]
    if len(missing) == 1:
        raise InvalidAnswers(f"{instrument.name} item {missing[0]} has no answer yet: choose one of the four answers.")
    if missing:
        listed = ", ".join(map(str, missing[:-1])) + f" and {missing[-1]}"
        raise InvalidAnswers(f"{instrument.name} items {listed} have no answer yet: "
                             "choose one of the four answers for each.")
    checked = []
    for number, answer in enumerate(answers, 1):
        if isinstance(answer, bool) or not isinstance(answer, int) or not ITEM_MIN <= answer <= ITEM_MAX:
            raise InvalidAnswers(
                f"{instrument.name} item {number} must be a whole number from {ITEM_MIN} to {ITEM_MAX}; "
                f"got {answer!r}."
            )
        checked.append(answer)
    return tuple(checked)


def total(instrument: Instrument, answers) -> int:
    """Sum of the item answers, in points (0-27 for PHQ-9, 0-21 for GAD-7)."""
    return sum(validate_answers(instrument, answers))


def severity_band(instrument: Instrument, score: int) -> str:
    """Label of the severity band that holds a total score."""
    if not 0 <= score <= instrument.max_total:
        raise InvalidAnswers(f"A {instrument.name} total must be from 0 to {instrument.max_total}; got {score}.")
    label = instrument.bands[0][1]
    for lowest, band in instrument.bands:
        if score >= lowest:
            label = band
    return label


def fractional_change(baseline: int, latest: int) -> float:
    """Fall from baseline as a fraction of baseline: 0.5 is a 50% drop, negative is worse.

    A baseline of 0 has no room to fall, so the change is 0.0.
    """
    if baseline <= 0:
        return 0.0
    return (baseline - latest) / baseline


def is_response(baseline: int, latest: int) -> bool:
    """True when the total has dropped by at least RESPONSE_DROP of baseline (icsi)."""
    return baseline > 0 and fractional_change(baseline, latest) >= RESPONSE_DROP


def is_partial_response(baseline: int, latest: int) -> bool:
    """True for a drop of at least PARTIAL_RESPONSE_DROP but short of a response (icsi)."""
    return PARTIAL_RESPONSE_DROP <= fractional_change(baseline, latest) < RESPONSE_DROP


def is_remission(latest: int) -> bool:
    """True when a total is below REMISSION_BELOW (icsi; PHQ-9 rule, used for GAD-7 by convention)."""
    return latest < REMISSION_BELOW


def is_meaningful_change(baseline: int, latest: int) -> bool:
    """True when the PHQ-9 total has fallen by at least MEANINGFUL_CHANGE_POINTS (lowe-2004)."""
    return baseline - latest >= MEANINGFUL_CHANGE_POINTS


def needs_safety_follow_up(phq9_answers) -> bool:
    """True when PHQ-9 item 9 is at least SAFETY_ITEM_MIN (simon-item9)."""
    answers = validate_answers(PHQ9, phq9_answers)
    return answers[SAFETY_ITEM_INDEX] >= SAFETY_ITEM_MIN


def score(instrument: Instrument, answers, baseline: int | None = None) -> dict:
    """Score one questionnaire: total, band and, given a baseline total, change, response and remission.

    Returns a JSON-ready dict. Raises InvalidAnswers with a readable message on bad input.
    """
    answers = validate_answers(instrument, answers)
    points = sum(answers)
    result = {
        "instrument": instrument.name,
        "answers": list(answers),
        "total": points,
        "max_total": instrument.max_total,
        "band": severity_band(instrument, points),
        "remission": is_remission(points),
        "safety_flag": instrument is PHQ9 and answers[SAFETY_ITEM_INDEX] >= SAFETY_ITEM_MIN,
    }
    if baseline is not None:
        if isinstance(baseline, bool) or not isinstance(baseline, int) or not 0 <= baseline <= instrument.max_total:
            raise InvalidAnswers(
                f"A {instrument.name} baseline must be a whole number from 0 to {instrument.max_total}; "
                f"got {baseline!r}."
            )
        result.update(
            baseline=baseline,
            change=round(fractional_change(baseline, points), 4),
            response=is_response(baseline, points),
            meaningful_change=is_meaningful_change(baseline, points) if instrument is PHQ9 else None,
        )
    return result
