"""The weekly loop: one call to ``Simulation.step`` is one week of a primary-care caseload.

Each week runs in this order:

1. **Caseload review** (arms with a review): the consultant discusses a prioritised agenda built from
   last week's registry and makes recommendations; the learner's decisions replace the automatic
   ones for a week they decided.
2. **Symptoms** move toward the level the current plan can reach (hidden response profile times
   adherence and sessions), with weekly wobble; patients may drop out, patients in remission may
   relapse.
3. **New patients** enrol (screened with a PHQ-9 and GAD-7).
4. **Care manager** (arms with one) works through the patients due, within the week's minutes:
   initial assessments, follow-ups with questionnaires on schedule, brief interventions,
   risk assessments, relapse-prevention plans and discharge.
5. **Primary care provider** acts on advice, or (usual care) sees patients every few weeks.
6. **Co-located therapist** (co-location arm) sees the patients referred to them.

Phases 5 and 6, and every change to a plan, live in ``explainer.treatment``. Week 0 runs phases 3-6
when the simulation is created, so the state at week 0 is the caseload at the
end of its first week. A scenario that ``opens_at_week`` W (a programme already running) then runs W
weeks on its own before the learner joins. Everything random comes from one ``random.Random(seed)``; nothing is global.
"""

from __future__ import annotations

import random

from explainer import caremanager, caremanager_review, measures, rules
from explainer.params import Params
from explainer.patients import (
    ACTIVE,
    BEHAVIOURAL_ACTIVATION,
    DISCHARGED,
    DROPPED_OUT,
    PROBLEM_SOLVING,
    SCREEN_NEGATIVE,
    SCREEN_POSITIVE,
    THERAPY_NAMES,
    Patient,
    generate_panel,
    measure,
)
from explainer.registry import ATTENTION_FLAGS, FLAGS, NEW, NOT_IMPROVING, flag_bits
from explainer.review import (
    Agenda,
    Decision,
    build_agenda,
    consultant_advice,
    next_step,
    tier_of,
)
from explainer.treatment import Treatment

_OVERDUE_WEEKS = rules.OVERDUE_ACUTE_DAYS / rules.DAYS_PER_WEEK
_COUNTERS = (
    "enrolled", "assessed", "contacts", "failed_calls", "missed_follow_ups", "questionnaires", "safety_checks",
    "sessions", "reviewed", "escalated", "advice", "advice_adopted", "advice_not_adopted", "plan_changes",
    "relapse_plans", "discharged", "referred", "dropped_out", "relapses", "returned", "provider_visits",
    "early_step_ups_without_medication",
)
"""What each week's log counts, for descriptions and charts."""


class Simulation(Treatment):
    """A caseload run under one set of parameters; ``step()`` advances it one week."""

    def __init__(self, params: Params):
        self.params = params
        self.rng = random.Random(params.seed)
        self.patients: list[Patient] = generate_panel(self.rng, params.panel, params.fixed_patients)
        self.week = 0
        self.decisions: dict[int, Decision] = {}
        """Learner review decisions keyed by the registry week they were made on."""
        self.reviews: dict[int, tuple[Agenda, list[tuple[int, str, str, str]]]] = {}
        """Each review's agenda and (patient, tier, action, advised by) list, keyed by the week it was held."""
        self.review_context: dict[int, tuple[int, int]] = {}
        """For each review held: (patients the registry put on the agenda, patients flagged for attention)."""
        self.care_plans: dict[int, caremanager.CarePlan] = {}
        """Learner care-manager plans keyed by the registry week they were made on (the week before they run)."""
        self.care_record: tuple[int, list[tuple[int, str]], float] = (-1, [], 0.0)
        """The latest care-manager week: (week, [(patient, outcome), ...] in calling order, minutes used)."""
        self.care_history: dict[int, tuple[list[tuple[int, str]], float]] = {}
        """For each week run on a learner's plan: (the care_record list, minutes used)."""
        self.care_reviews: dict[int, tuple[int, ...]] = {}
        """For each review held on a care manager's chosen list: patients on the registry's agenda it left off."""
        self.logs: list[dict] = []
        """One dict of counters per week, index = week."""
        self._by_week: dict[int, list[Patient]] = {}
        for patient in self.patients:
            self._by_week.setdefault(patient.enrol_week, []).append(patient)
        self.enrolled: list[Patient] = []
        fidelity = params.fidelity
        self.contact_minutes = params.staffing.contact_minutes_per_week if fidelity.care_manager else 0.0
        """Care-manager minutes for patient contacts each week (0 without a care manager)."""
        self._slots = params.staffing.review_slots
        self._not_improving_weeks = params.cadence.not_improving_weeks
        self._acute_every = params.cadence.acute_every_weeks
        self._maintenance_every = params.cadence.maintenance_every_weeks
        self._measurement_on = fidelity.measurement
        self._care_manager_steps_up = fidelity.step_up and not fidelity.review
        self._track_flags = fidelity.registry or fidelity.review
        log = self._new_log(0)
        self._enrol_week(0, log)
        self._after_enrolment(0, log)
        self._scan_registry(0)
        self.run(params.opens_at_week)  # a programme already running when the learner joins

    # --- public -----------------------------------------------------------------------------------

    def step(self) -> dict:
        """Advance one week; return that week's counters."""
        week, log = self.begin_week()
        self.finish_week(week, log)
        return log

    def begin_week(self) -> tuple[int, dict]:
        """Run the next week up to the care manager's contacts (review, symptoms, enrolment)."""
        week = self.week + 1
        log = self._new_log(week)
        if self.params.fidelity.review:
            self._hold_review(week, log)
        self._symptoms_and_drop_out(week, log)
        self._enrol_week(week, log)
        return week, log

    def finish_week(self, week: int, log: dict) -> None:
        """Run the rest of a week begun with ``begin_week``: contacts, provider, therapist, registry scan."""
        self._after_enrolment(week, log)
        self.week = week
        self._scan_registry(week)

    def run(self, weeks: int) -> None:
        """Advance ``weeks`` weeks."""
        for _ in range(weeks):
            self.step()

    def patient(self, pid: int) -> Patient | None:
        """A patient by number, or None."""
        if 1 <= pid <= len(self.patients):
            return self.patients[pid - 1]
        return None

    def agenda(self) -> Agenda:
        """The agenda the next review would take, from the registry as it stands now."""
        return build_agenda(self.enrolled, self.week, self._slots, self._not_improving_weeks,
                            self.params.fidelity.registry, cached=self._track_flags)

    # --- phases -----------------------------------------------------------------------------------

    def _new_log(self, week: int) -> dict:
        log = dict.fromkeys(_COUNTERS, 0)
        log["week"] = week
        self.logs.append(log)
        return log

    def _scan_registry(self, week: int) -> None:
        """Work out every active patient's flags for the week's end; log each flag that newly fired.

        Only arms that keep a registry or hold a review do this (nobody else looks at flags). The
        bits are kept on the patient so the next review need not compute them again.
        """
        if not self._track_flags:
            return
        weeks = self._not_improving_weeks
        log_flags = self.params.fidelity.registry
        reviews = self.params.fidelity.review
        for patient in self.enrolled:
            if patient.status != ACTIVE:
                patient.flags = 0
                continue
            bits = flag_bits(patient, week, weeks, reviews)
            fresh = bits & ~patient.flags
            patient.flags = bits
            if fresh and log_flags:
                for flag in FLAGS:
                    if fresh & flag.bit:
                        patient.events.append((week, "flag", flag.name))

    def _hold_review(self, week: int, log: dict) -> None:
        """The systematic caseload review held at the start of ``week`` on last week's registry."""
        registry_week = week - 1
        decision = self.decisions.get(registry_week)
        plan = self.care_plans.get(registry_week)
        if decision is None and plan is not None and plan.review is not None:
            agenda = caremanager_review.agenda_for(self, registry_week, plan.review)
            chosen = agenda.items
            advice = {}
        elif decision is None:
            agenda = self.agenda()
            chosen = agenda.items
            advice = {}
        else:
            agenda = Agenda(week=registry_week, slots=self._slots, chosen_by="learner")
            chosen = [(pid, tier_of(self.patients[pid - 1].flags)) for pid in decision.discuss]
            agenda.items = list(chosen)
            advice = dict(decision.recommend)
        registry_agenda = agenda if agenda.chosen_by in ("registry", "memory") else self.agenda()
        flagged = sum(1 for p in self.enrolled if p.status == ACTIVE and p.flags & ATTENTION_FLAGS)
        self.review_context[week] = (len(registry_agenda.items), flagged)
        record = []
        step_up = self.params.fidelity.step_up
        for pid, tier in chosen:
            patient = self.patients[pid - 1]
            action = advice.get(pid) or consultant_advice(patient, tier, patient.flags, step_up)
            if (tier != "new" and action not in ("continue", "direct-evaluation") and not patient.med
                    and week - patient.plan_start < rules.PSYCHOTHERAPY_MIN_WEEKS):
                log["early_step_ups_without_medication"] += 1
            if action == "continue" and patient.flags & NOT_IMPROVING:
                patient.plan_start = week  # the team agreed to carry on; judged again a step-up period later
            patient.last_review = week
            patient.reviews += 1
            patient.flags &= ~NEW  # no longer new once discussed
            patient.events.append((week, "reviewed", (tier, action)))
            log["reviewed"] += 1
            if action != "continue":
                log["advice"] += 1
            record.append((pid, tier, action, "learner" if pid in advice else "consultant"))
            self._apply(patient, action, week, log, by="consultant")
        for pid in agenda.escalated:
            patient = self.patients[pid - 1]
            patient.log(week, "escalated", "safety concern taken to the consultant the same day")
            log["escalated"] += 1
        self.reviews[week] = (agenda, record)

    def _symptoms_and_drop_out(self, week: int, log: dict) -> None:
        """Move everyone's latent severity one week; draw drop-out and relapse."""
        rand = self.rng.random
        rate = rules.SYMPTOM_CHANGE_RATE
        full = rules.THERAPY_FULL_SESSIONS
        gain = rules.SUPPORTED_ADHERENCE_GAIN
        remission_below = measures.REMISSION_BELOW
        programme = self.params.fidelity.care_manager
        out_of_touch = rules.OUT_OF_TOUCH_DROP_OUT_FACTOR
        top = rules.LATENT_SEVERITY_MAX
        for p in self.enrolled:
            adherence = p.adherence
            if p.supported_until >= week:
                adherence += gain
                if adherence > 1.0:
                    adherence = 1.0
            status = p.status
            if status == DROPPED_OUT:
                adherence *= rules.DROPPED_OUT_ADHERENCE_FACTOR
            target = 1.0 - p.natural
            if p.med:
                target *= 1.0 - p.med_benefit * adherence
            if p.therapy:
                sessions = p.sessions
                target *= 1.0 - p.therapy_benefit * (sessions / full if sessions < full else 1.0)
            if p.specialty_benefit:
                target *= 1.0 - p.specialty_benefit
            setback = p.setback
            if setback:
                target += setback
                setback *= rules.RELAPSE_FADE
                p.setback = setback if setback > rules.SETBACK_GONE_BELOW else 0.0
            rel = p.rel
            rel += (target - rel) * rate + (rand() - 0.5) * p.jitter
            p.rel = 0.0 if rel < 0.0 else top if rel > top else rel
            if not setback and rel * p.phq_base < remission_below:
                hazard = rules.WEEKLY_RELAPSE * p.relapse_proneness
                if p.rpp_week >= 0:
                    hazard *= rules.RELAPSE_PLAN_FACTOR
                if p.med:
                    hazard *= 1.0 - rules.MEDICATION_RELAPSE_PROTECTION * adherence
                if rand() < hazard:
                    p.setback = rules.RELAPSE_SETBACK
                    p.log(week, "relapse")
                    log["relapses"] += 1
                    if status == DISCHARGED and p.rpp_week >= 0 and programme:
                        self._return_after_relapse(p, week, log)
            if status == ACTIVE:
                hazard = p.drop_out_hazard
                if programme and p.intake_week >= 0 and week - p.last_contact > _OVERDUE_WEEKS:
                    hazard *= out_of_touch
                if rand() < hazard:
                    self._drop_out(p, week, log)

    def _enrol_week(self, week: int, log: dict) -> None:
        """The patients screened and enrolled in ``week``."""
        for patient in self._by_week.get(week, ()):
            self._enrol(patient, week, log)

    def _after_enrolment(self, week: int, log: dict) -> None:
        """Care-manager contacts, provider actions and therapist sessions for ``week``."""
        fidelity = self.params.fidelity
        if fidelity.care_manager:
            self._care_manager_week(week, log)
        self._provider_week(week, log)
        if fidelity.colocated_therapist:
            self._therapist_week(week, log)

    # --- enrolment and contacts -------------------------------------------------------------------

    def _enrol(self, p: Patient, week: int, log: dict) -> None:
        """Screened and enrolled: the questionnaires that found the patient become the first scores."""
        self.enrolled.append(p)
        log["enrolled"] += 1
        phq, gad, item9 = measure(p, self.rng)
        self._record(p, week, phq, gad, item9, "screening")
        p.phq_first, p.gad_first = phq, gad
        p.next_due = week
        p.log(week, "enrolled", f"PHQ-9 {phq}, GAD-7 {gad}")
        fidelity = self.params.fidelity
        if fidelity.care_manager:
            return
        # Without a care manager the provider's own visit is the start of treatment.
        p.intake_week = week
        p.plan_start = week
        p.last_contact = week
        p.last_pcp_visit = week
        p.step = 1
        if self.rng.random() < rules.USUAL_CARE_FIRST_VISIT_MEDICATION:
            self._start_medication(p, week, "provider")
        if fidelity.colocated_therapist and self.rng.random() < rules.COLOCATED_REFERRAL:
            if self.rng.random() < rules.COLOCATED_ATTENDED * p.reach:
                p.therapy = PROBLEM_SOLVING
                p.psychotherapy_week = week
                p.therapy_benefit = self._therapy_draw(p, rules.PROBLEM_SOLVING_BENEFIT)
                p.next_due = week + 1
                p.log(week, "referred", "to the therapist in the clinic")
            else:
                p.log(week, "referral-not-taken", "referred to the therapist in the clinic but did not go")

    def _record(self, p: Patient, week: int, phq: int, gad: int, item9: int, by: str) -> None:
        """Store one questionnaire result and update what the registry derives from scores."""
        p.measurements.append((week, phq, gad, item9, by))
        p.phq_last, p.gad_last, p.item9_last = phq, gad, item9
        p.measured_week = week
        latest = gad if p.condition == "anxiety" else phq
        if latest < measures.REMISSION_BELOW:
            if p.remission_since < 0:
                p.remission_since = week
        else:
            p.remission_since = -1
        if item9 >= measures.SAFETY_ITEM_MIN:
            if p.safety_since < 0:
                p.safety_since = week
        else:
            p.safety_since = -1

    def care_manager_due(self, week: int) -> list[Patient]:
        """The patients due a care-manager contact in ``week``, in the order the registry puts them.

        Without a registry the care manager works from memory: a follow-up is remembered only now and then
        (UNTRACKED_FOLLOW_UP_CHANCE), so this draws from the generator.
        """
        due = [p for p in self.enrolled if p.status == ACTIVE and (p.intake_week < 0 or p.next_due <= week)]
        if self.params.fidelity.registry:
            due.sort(key=caremanager.priority_key)
            return due
        rand = self.rng.random
        remembered = [p for p in due
                      if p.intake_week < 0 or p.safety_since >= 0 or rand() < rules.UNTRACKED_FOLLOW_UP_CHANCE]
        return sorted(remembered, key=lambda p: (0 if p.intake_week < 0 else 1, p.pid))

    def _care_manager_week(self, week: int, log: dict) -> None:
        """The care manager's contacts for the week, in priority order (or the learner's), until the minutes run out."""
        due = self.care_manager_due(week)
        attempted = caremanager.work_through(self, week, log, due, self.care_plans.get(week - 1))
        log["missed_follow_ups"] += len(due) - attempted

    def contact(self, p: Patient, week: int, log: dict) -> None:
        """A call that reached the patient: the initial assessment, or a follow-up."""
        if p.intake_week < 0:
            self._initial_assessment(p, week, log)
        else:
            self._follow_up(p, week, log)

    def _initial_assessment(self, p: Patient, week: int, log: dict) -> None:
        """First care-manager contact: education, a bipolar screen, and a plan agreed with the patient.

        The plan follows the patient's preference within the severity band: problem-solving treatment for
        those who want psychotherapy, behavioural activation alongside an antidepressant for those who want
        medication, both for those who want both; in the severe band everyone but a patient who wants
        behavioural activation alone also starts an antidepressant (macarthur-phq9). A positive bipolar
        screen holds any antidepressant until the consultant has seen the patient.
        """
        log["assessed"] += 1
        log["contacts"] += 1
        p.intake_week = week
        p.plan_start = week
        p.step = 1
        p.contacts += 1
        p.last_contact = week
        p.supported_until = week + rules.SUPPORT_LASTS_WEEKS
        p.bipolar_screen = SCREEN_POSITIVE if self.rng.random() < rules.BIPOLAR_SCREEN_POSITIVE else SCREEN_NEGATIVE
        severe = p.phq_first >= rules.BOTH_TREATMENTS_FROM and p.prefers != "activation"
        wants_therapy = p.prefers in ("psychotherapy", "both")
        wants_medicine = p.prefers in ("medication", "both") or severe
        if wants_therapy:
            p.therapy = PROBLEM_SOLVING
            p.psychotherapy_week = week
            p.therapy_benefit = self._therapy_draw(p, rules.PROBLEM_SOLVING_BENEFIT)
        else:
            p.therapy = BEHAVIOURAL_ACTIVATION
            p.therapy_benefit = self._therapy_draw(p, rules.BEHAVIOURAL_ACTIVATION_BENEFIT)
        p.sessions = 1
        log["sessions"] += 1
        plan = THERAPY_NAMES[p.therapy] + (" and an antidepressant" if wants_medicine else "")
        p.log(week, "assessed", f"initial assessment; plan agreed: {plan}")
        p.events.append((week, "contact", (-1, -1, -1, 1, p.therapy)))
        if p.bipolar_screen == SCREEN_POSITIVE:
            p.log(week, "bipolar-screen", "the mood-disorder screen was positive, so the psychiatric consultant "
                                          "reviews the patient before any antidepressant")
        if wants_medicine:
            p.pending.append((week, "start-medication"))
        p.next_due = week + self.params.cadence.acute_every_weeks

    def _follow_up(self, p: Patient, week: int, log: dict) -> None:
        """A follow-up contact: questionnaires if on schedule, a session, safety, plans and discharge.

        The contact is logged as one event, ("contact", (PHQ-9, GAD-7, item 9, session, therapy)), with -1
        for what did not happen, so that a long run stays light; explainer.describe spells it out.
        """
        rand = self.rng.random
        log["contacts"] += 1
        p.contacts += 1
        if p.first_follow_up_week < 0:
            p.first_follow_up_week = week
        p.last_contact = week
        p.supported_until = week + rules.SUPPORT_LASTS_WEEKS
        phq = gad = item9 = session = -1
        if self._measurement_on or rand() < rules.UNSCHEDULED_MEASUREMENT_CHANCE:
            phq, gad, item9 = measure(p, self.rng)
            self._record(p, week, phq, gad, item9, "care manager")
            log["questionnaires"] += 1
            if item9 >= measures.SAFETY_ITEM_MIN:
                log["safety_checks"] += 1
        if p.therapy and p.sessions < rules.THERAPY_FULL_SESSIONS and rand() < p.reach:
            p.sessions += 1
            session = p.sessions
            log["sessions"] += 1
        p.events.append((week, "contact", (phq, gad, item9, session, p.therapy)))
        if p.remission_since >= 0 and p.remission_since < week and p.rpp_week < 0:
            p.rpp_week = week
            log["relapse_plans"] += 1
            p.log(week, "relapse-plan", "warning signs, what helps and whom to call, written with the patient")
        elif (p.rpp_week >= 0 and p.remission_since >= 0
              and week - p.remission_since > rules.SUSTAINED_REMISSION_WEEKS):
            # the registry showed "ready for discharge" before this contact; now it happens
            self._discharge(p, week, log, "remission held; back to the primary care provider with a plan")
            return
        if week - p.intake_week >= rules.PROGRAMME_WEEKS:
            self._discharge(p, week, log, "the year-long episode of care ended; back to the primary care provider "
                                          "with a plan")
            return
        if (self._care_manager_steps_up and p.measured_week == week
                and flag_bits(p, week, self._not_improving_weeks) & NOT_IMPROVING):
            self._apply(p, next_step(p), week, log, by="care manager")
        if p.safety_since >= 0:
            p.next_due = week + rules.SAFETY_CONTACT_EVERY_WEEKS
        elif p.remission_since >= 0:
            p.next_due = week + self._maintenance_every
        else:
            p.next_due = week + self._acute_every

    # --- leaving and returning --------------------------------------------------------------------

    def _discharge(self, p: Patient, week: int, log: dict, reason: str) -> None:
        p.status = DISCHARGED
        p.status_week = week
        p.status_reason = reason
        p.pending = []
        log["discharged"] += 1
        p.log(week, "discharged", reason)

    def _drop_out(self, p: Patient, week: int, log: dict) -> None:
        p.status = DROPPED_OUT
        p.status_week = week
        p.status_reason = "stopped taking part"
        p.pending = []
        log["dropped_out"] += 1
        p.log(week, "dropped-out", "stopped answering and coming to appointments")
        if p.med and self.rng.random() < rules.DROPPED_OUT_STOPS_MEDICATION:
            p.med = False
            p.med_benefit = 0.0
            p.log(week, "medication", "stopped the antidepressant after leaving care")

    def _return_after_relapse(self, p: Patient, week: int, log: dict) -> None:
        """A discharged patient who spots warning signs from their plan comes back to the caseload."""
        p.status = ACTIVE
        p.status_week = week
        p.status_reason = "returned after relapse"
        p.remission_since = -1
        p.next_due = week
        p.plan_start = week
        log["returned"] += 1
        p.log(week, "returned", "recognised warning signs from the relapse-prevention plan and came back")

