"""The weekly systematic caseload review: a prioritised agenda, consultant advice and learner decisions.

The agenda fills the consultant's time in a fixed order (ps-scr-best, aims-tbw): patients with a
safety flag, then new patients, then those not improving, then the rest (longest since their last
review first). It never holds more patients than the consultant's hours allow; if safety-flagged
patients alone outnumber the slots, the ones that do not fit are escalated to the consultant the
same day instead of waiting (the consultant is available ad hoc: aims-pc), so none is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explainer import measures, rules
from explainer.params import ParamError
from explainer.patients import (
    ACTIVE,
    PROBLEM_SOLVING,
    SCREEN_POSITIVE,
    Patient,
    parse_patient_code,
    patient_code,
)
from explainer.registry import BIPOLAR_SCREEN, DOSE_REVIEW, NEW, NOT_IMPROVING, SAFETY, flag_bits, primary_scores

TIERS = ("safety", "new", "not_improving", "other")
"""Agenda tiers in the order the consultant takes them."""

ACTIONS = {
    "continue": "Continue the current plan.",
    "start-medication": "Start an antidepressant (the primary care provider prescribes).",
    "adjust-medication": "Raise or adjust the antidepressant dose.",
    "augment-medication": "Add a second medicine to the antidepressant.",
    "switch-medication": "Switch to a different antidepressant.",
    "add-psychotherapy": "Add problem-solving treatment with the care manager.",
    "intensify-psychotherapy": "Intensify the psychotherapy already under way.",
    "direct-evaluation": "The consultant or provider sees the patient in person.",
    "specialty-referral": "Refer to specialty mental health care.",
}
"""Every recommendation the review can make, with a plain description."""

MEDICATION_ACTIONS = ("start-medication", "adjust-medication", "augment-medication", "switch-medication")
"""Recommendations that the primary care provider has to carry out."""


@dataclass
class Agenda:
    """Who the consultant discusses this week, in order, with the tier that put each patient there."""

    week: int
    slots: int
    items: list[tuple[int, str]] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    """Safety-flagged patients beyond the slots: referred to the consultant ad hoc the same day."""
    chosen_by: str = "registry"

    def patient_ids(self) -> list[int]:
        """Patient numbers on the agenda, in order."""
        return [pid for pid, _ in self.items]

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "week": self.week,
            "slots": self.slots,
            "chosen_by": self.chosen_by,
            "items": [{"id": patient_code(pid), "tier": tier} for pid, tier in self.items],
            "escalated": [patient_code(pid) for pid in self.escalated],
        }


def tier_of(bits: int) -> str:
    """The agenda tier for a patient's flags."""
    if bits & SAFETY:
        return "safety"
    if bits & NEW:
        return "new"
    if bits & (NOT_IMPROVING | DOSE_REVIEW):
        return "not_improving"
    return "other"


def candidates(patients: list[Patient], week: int, not_improving_weeks: int,
               cached: bool = False) -> dict[str, list[Patient]]:
    """Active, assessed patients sorted into tiers, each tier in the order it is taken.

    With ``cached`` the flags stored on each patient by the model's registry scan for ``week`` are
    used instead of working them out again (they are the same bits; see Simulation._scan_registry).
    """
    tiers: dict[str, list[Patient]] = {tier: [] for tier in TIERS}
    for patient in patients:
        if patient.status != ACTIVE or patient.intake_week < 0:
            continue
        bits = patient.flags if cached else flag_bits(patient, week, not_improving_weeks)
        tier = tier_of(bits)
        recently = patient.last_review >= 0 and week - patient.last_review < rules.ROUTINE_REVIEW_EVERY_WEEKS - 1
        if tier == "other" and recently:
            continue  # doing well and discussed lately: not back on the agenda yet
        tiers[tier].append(patient)
    tiers["safety"].sort(key=lambda p: (-p.item9_last, p.pid))
    tiers["new"].sort(key=lambda p: (0 if p.bipolar_screen == SCREEN_POSITIVE else 1, p.intake_week, p.pid))
    tiers["not_improving"].sort(key=lambda p: (p.last_review, p.pid))
    tiers["other"].sort(key=lambda p: (p.last_review, p.pid))
    return tiers


def build_agenda(patients: list[Patient], week: int, slots: int, not_improving_weeks: int,
                 use_registry: bool = True, cached: bool = False) -> Agenda:
    """The prioritised agenda for the review held at the start of the week after ``week``.

    Without a registry the care manager can still name patients with a safety concern (they did the
    risk assessment), but fills the rest from memory: the patients contacted most recently.
    """
    tiers = candidates(patients, week, not_improving_weeks, cached)
    agenda = Agenda(week=week, slots=slots, chosen_by="registry" if use_registry else "memory")
    safety = tiers["safety"]
    agenda.items = [(p.pid, "safety") for p in safety[:slots]]
    agenda.escalated = [p.pid for p in safety[slots:]]
    if use_registry:
        rest = [(p.pid, tier) for tier in TIERS[1:] for p in tiers[tier]]
    else:
        remembered = sorted((p for tier in TIERS[1:] for p in tiers[tier]), key=lambda p: (-p.last_contact, p.pid))
        rest = [(p.pid, "from memory") for p in remembered]
    agenda.items.extend(rest[: max(0, slots - len(agenda.items))])
    return agenda


def little_change(patient: Patient) -> bool:
    """Whether the patient is less than PARTIAL_RESPONSE_DROP better than their first score."""
    first, latest = primary_scores(patient)
    return first > 0 and latest >= 0 and measures.fractional_change(first, latest) < measures.PARTIAL_RESPONSE_DROP


def next_step(patient: Patient) -> str:
    """The next rung of the treatment ladder for a patient who is not improving at the step-up week.

    The ladder follows the patient's preference: someone who wants psychotherapy moves from behavioural
    activation to problem-solving treatment and has it intensified before an antidepressant is offered;
    someone on an antidepressant has the dose optimised, then a switch, then a second medicine, and only
    then is offered problem-solving treatment. A step into the kind of treatment the patient did not
    prefer is offered once; after a refusal the plan continues. A positive bipolar screen is evaluated
    before any antidepressant. Specialty care is for the few still barely better late in the ladder
    (REFER_AFTER_STEPS) after the consultant has seen them in person; the others continue.
    """
    if patient.bipolar_screen == SCREEN_POSITIVE:
        return "direct-evaluation"
    if patient.step >= rules.REFER_AFTER_STEPS:
        return _ladder_end(patient)
    if not patient.med:
        if patient.therapy != PROBLEM_SOLVING:
            return "add-psychotherapy" if patient.prefers == "psychotherapy" else "start-medication"
        if not patient.intensified:
            return "intensify-psychotherapy"
        return "continue" if patient.declined else "start-medication"
    if patient.med_changes == 0:
        return "adjust-medication"
    if patient.prefers == "both" and patient.therapy == PROBLEM_SOLVING and not patient.intensified:
        return "intensify-psychotherapy"
    if patient.med_changes == 1:
        return "switch-medication"
    if patient.med_changes == 2:
        return "augment-medication"
    if patient.therapy != PROBLEM_SOLVING:
        return "continue" if patient.declined else "add-psychotherapy"
    return _ladder_end(patient)


def _ladder_end(patient: Patient) -> str:
    """Past the last rung: the consultant first sees the patient in person; specialty care follows only for
    those still less than PARTIAL_RESPONSE_DROP better after that (aims-pc)."""
    if not little_change(patient):
        return "continue"
    return "specialty-referral" if patient.evaluated else "direct-evaluation"


def consultant_advice(patient: Patient, tier: str, bits: int, step_up: bool) -> str:
    """What the consultant recommends for one patient on the agenda when the learner does not choose."""
    return advice_and_rule(patient, tier, bits, step_up)[0]


def advice_and_rule(patient: Patient, tier: str, bits: int, step_up: bool) -> tuple[str, str]:
    """The consultant's recommendation and the name of the rule (in explainer.rules) that leads to it."""
    if tier == "safety" and patient.item9_last >= rules.DIRECT_EVALUATION_ITEM9:
        return "direct-evaluation", "DIRECT_EVALUATION_ITEM9"
    if bits & BIPOLAR_SCREEN:
        return "direct-evaluation", "BIPOLAR_SCREEN_POSITIVE"
    if bits & NOT_IMPROVING and step_up:
        return next_step(patient), "NOT_IMPROVING_WEEKS"
    if bits & DOSE_REVIEW and step_up:
        return "adjust-medication", "EARLY_NON_RESPONSE_WEEKS"
    if tier == "safety":
        return "continue", "SAFETY_CONTACT_EVERY_WEEKS"  # item 9 below a direct evaluation: weekly check-ins
    return "continue", "ROUTINE_REVIEW_EVERY_WEEKS"


def action_problem(patient: Patient, action: str) -> str | None:
    """Why ``action`` cannot apply to this patient now, or None when it can."""
    if action not in ACTIONS:
        return f"{action!r} is not a recommendation; choose one of: {', '.join(ACTIONS)}."
    if action == "start-medication" and patient.med:
        return f"{patient.code} already takes an antidepressant; choose adjust-, switch- or augment-medication."
    if action == "start-medication" and patient.bipolar_screen == SCREEN_POSITIVE:
        return (f"{patient.code} screened positive for bipolar disorder; the consultant evaluates first: choose "
                "direct-evaluation.")
    if action in MEDICATION_ACTIONS[1:] and not patient.med:
        return f"{patient.code} takes no antidepressant yet, so there is nothing to {action.split('-')[0]}; " \
               "choose start-medication."
    if action == "add-psychotherapy" and patient.therapy == PROBLEM_SOLVING:
        return f"{patient.code} already has problem-solving treatment; choose intensify-psychotherapy."
    if action == "intensify-psychotherapy" and not patient.therapy:
        return f"{patient.code} has no psychotherapy to intensify; choose add-psychotherapy."
    return None


@dataclass(frozen=True)
class Decision:
    """A learner's choices for one review: whom to discuss and what to recommend for whom."""

    discuss: tuple[int, ...]
    recommend: tuple[tuple[int, str], ...]

    def as_compact(self) -> list:
        """Short JSON form used inside share tokens: [[ids...], [[id, action], ...]]."""
        return [list(self.discuss), [list(pair) for pair in self.recommend]]

    @classmethod
    def from_compact(cls, data) -> Decision:
        """Rebuild from ``as_compact`` output; ParamError if the shape is wrong."""
        try:
            discuss, recommend = data
            return cls(tuple(int(pid) for pid in discuss), tuple((int(pid), str(act)) for pid, act in recommend))
        except (TypeError, ValueError) as error:
            raise ParamError("A saved review decision is damaged.") from error


def check_decision(discuss, recommend, patients: list[Patient], week: int, slots: int,
                   not_improving_weeks: int) -> Decision:
    """Validate a learner's review choices against the caseload at ``week``.

    ``discuss`` lists patient IDs; ``recommend`` maps IDs to actions and may only name patients who
    will be discussed. Safety-flagged patients are always added to the discussion first.
    """
    if discuss is None:
        discuss = []
    if recommend is None:
        recommend = {}
    if not isinstance(discuss, list):
        raise ParamError("'discuss' must be a list of patient IDs such as ['S-0004', 'S-0011'].")
    if not isinstance(recommend, dict):
        raise ParamError("'recommend' must map patient IDs to recommendations, e.g. {'S-0004': 'adjust-medication'}.")
    by_id = {p.pid: p for p in patients}
    reviewable = {
        p.pid for p in patients if p.status == ACTIVE and p.intake_week >= 0 and p.enrol_week <= week
    }
    chosen: list[int] = []
    for code in discuss:
        pid = parse_patient_code(code)
        if pid not in reviewable:
            state = ("not on the caseload" if pid not in by_id
                     else "not available for review (not active or not yet assessed)")
            raise ParamError(f"{patient_code(pid)} is {state} at week {week}.")
        if pid not in chosen:
            chosen.append(pid)
    safety = [p.pid for p in candidates(patients, week, not_improving_weeks)["safety"]][:slots]
    ordered = safety + [pid for pid in chosen if pid not in safety]
    if len(ordered) > slots:
        raise ParamError(
            f"The consultant has time for {slots} patient(s) this week; your list needs {len(ordered)} "
            f"(safety-flagged patients are always included). Remove {len(ordered) - slots}."
        )
    advice: list[tuple[int, str]] = []
    for code, action in recommend.items():
        pid = parse_patient_code(code)
        if pid not in ordered:
            raise ParamError(f"{patient_code(pid)} has a recommendation but is not on the list to discuss.")
        if not isinstance(action, str):
            raise ParamError(f"The recommendation for {patient_code(pid)} must be one of: {', '.join(ACTIONS)}.")
        problem = action_problem(by_id[pid], action)
        if problem:
            raise ParamError(problem)
        advice.append((pid, action))
    advice.sort()
    return Decision(tuple(ordered), tuple(advice))
