"""The treatment half of the weekly loop: the primary care provider, the clinic therapist and every
change to a plan (medication, psychotherapy, direct evaluation, referral).

``Treatment`` is mixed into ``explainer.model.Simulation`` and uses its generator (``self.rng``), its
parameters and its discharge; it keeps no state of its own. The rules it follows live in
``explainer.rules`` and the treatment ladder in ``explainer.review.next_step``.
"""

from __future__ import annotations

from explainer import rules
from explainer.patients import (
    ACTIVE,
    NO_THERAPY,
    PROBLEM_SOLVING,
    SCREEN_POSITIVE,
    SCREEN_REVIEWED,
    Patient,
)
from explainer.questionnaires import measure
from explainer.registry import DOSE_REVIEW, NOT_IMPROVING, flag_bits
from explainer.review import ACTIONS, MEDICATION_ACTIONS, next_step


class Treatment:
    """Provider visits, therapist sessions and plan changes for a Simulation (see the module docstring)."""

    def _provider_week(self, week: int, log: dict) -> None:
        """The primary care provider: acts on advice, and in usual care sees patients now and then."""
        rand = self.rng.random
        usual_care = not self.params.fidelity.care_manager
        for p in self.enrolled:
            if p.pending:
                self._provider_acts_on_advice(p, week, log)
            if usual_care and p.status == ACTIVE and week - p.last_pcp_visit >= rules.PCP_VISIT_EVERY_WEEKS:
                self._usual_care_visit(p, week, log, rand)

    def _provider_acts_on_advice(self, p: Patient, week: int, log: dict) -> None:
        """Carry out (or not) each medication change that is waiting for the provider.

        Where a consultant reviews the caseload, the plan carries the consultant's weight
        (PCP_ADOPTS_CONSULTANT_ADVICE); without one, it is the care manager's word alone
        (PCP_ACTS_WITHOUT_CONSULTANT).
        """
        pending, p.pending = p.pending, []
        for _, action in pending:
            if p.status != ACTIVE:
                continue
            if action == "start-medication" and (p.med or p.bipolar_screen == SCREEN_POSITIVE):
                if not p.med:
                    p.pending.append((week, action))  # waits for the consultant's review of the screen
                continue
            reviewed = self.params.fidelity.review
            chance = rules.PCP_ADOPTS_CONSULTANT_ADVICE if reviewed else rules.PCP_ACTS_WITHOUT_CONSULTANT
            if self.rng.random() < chance:
                log["advice_adopted"] += 1
                self._change_medication(p, action, week, log, "provider")
            else:
                log["advice_not_adopted"] += 1
                p.log(week, "advice-not-taken", action)

    def _usual_care_visit(self, p: Patient, week: int, log: dict, rand) -> None:
        """A usual-care visit: medication may start or change; scores are rare; referral is possible."""
        log["provider_visits"] += 1
        p.last_pcp_visit = week
        p.last_contact = week
        p.contacts += 1
        p.log(week, "visit", "primary-care visit")
        if rand() < rules.UNSCHEDULED_MEASUREMENT_CHANCE:
            phq, gad, item9 = measure(p, self.rng)
            self._record(p, week, phq, gad, item9, "provider")
            log["questionnaires"] += 1
        unwell = p.latent_phq() >= rules.ELIGIBLE_FROM
        if not p.med:
            if rand() < rules.USUAL_CARE_LATER_VISIT_MEDICATION:
                self._start_medication(p, week, "provider")
        elif unwell and rand() < rules.USUAL_CARE_ADJUSTS_IF_UNWELL:
            self._change_medication(p, "adjust-medication" if p.med_changes == 0 else "switch-medication",
                                    week, log, "provider")
        if unwell and not p.specialty_benefit and rand() < rules.USUAL_CARE_REFERRAL:
            if p.referred_week < 0:
                p.referred_week = week
            if rand() < rules.REFERRAL_ATTENDED * p.reach:
                p.specialty_benefit = self._specialty_draw(p)
                p.log(week, "referred", "attends specialty mental health care")
            else:
                p.log(week, "referral-not-taken", "referred to specialty mental health care but did not go")

    def _therapist_week(self, week: int, log: dict) -> None:
        """Co-location: the therapist sees referred patients about every two weeks until the course ends."""
        rand = self.rng.random
        for p in self.enrolled:
            if (p.status == ACTIVE and p.therapy and p.sessions < rules.THERAPY_FULL_SESSIONS
                    + rules.COLOCATED_EXTRA_SESSIONS and p.next_due <= week):
                p.next_due = week + rules.ACUTE_CONTACT_EVERY_WEEKS
                if rand() < p.reach:
                    p.sessions += 1
                    log["sessions"] += 1
                    p.events.append((week, "contact", (-1, -1, -1, p.sessions, p.therapy)))

    # --- treatment changes ------------------------------------------------------------------------

    def _trial_factor(self) -> float:
        """How this one trial compares with the patient's usual response (TRIAL_VARIATION)."""
        return 1.0 - rules.TRIAL_VARIATION / 2 + rules.TRIAL_VARIATION * self.rng.random()

    def _therapy_draw(self, p: Patient, mean: float) -> float:
        """Full-course benefit of a psychotherapy for this patient (fraction of baseline)."""
        return min(rules.MAX_TREATMENT_BENEFIT, mean * p.therapy_sensitivity * self._trial_factor())

    def _medication_draw(self, p: Patient) -> float:
        """Benefit of a new antidepressant trial taken in full for this patient (fraction of baseline)."""
        benefit = rules.MEDICATION_BENEFIT_MEAN * p.med_sensitivity * self._trial_factor()
        return min(rules.MAX_TREATMENT_BENEFIT, benefit)

    def _specialty_draw(self, p: Patient) -> float:
        """Benefit of attended specialty care for this patient (fraction of baseline)."""
        return min(rules.MAX_TREATMENT_BENEFIT,
                   rules.SPECIALTY_CARE_BENEFIT * p.therapy_sensitivity * self._trial_factor())

    def _start_medication(self, p: Patient, week: int, by: str) -> None:
        p.med = True
        p.med_changes = 0
        p.med_benefit = self._medication_draw(p)
        p.log(week, "medication", f"antidepressant started by the {by}")

    def _new_plan(self, p: Patient, week: int, log: dict) -> None:
        p.plan_start = week
        p.step += 1
        log["plan_changes"] += 1

    def _change_medication(self, p: Patient, action: str, week: int, log: dict, by: str) -> None:
        """Start, adjust, switch or augment an antidepressant; each starts a new treatment step."""
        if action == "start-medication":
            if p.med or p.bipolar_screen == SCREEN_POSITIVE:
                return
            self._start_medication(p, week, by)
        elif not p.med:
            return
        elif action == "adjust-medication":
            p.med_benefit = max(p.med_benefit, self._medication_draw(p))
            p.med_changes += 1
            p.log(week, "medication", f"dose adjusted by the {by}")
        elif action == "switch-medication":
            p.med_benefit = self._medication_draw(p)
            p.med_changes += 1
            p.log(week, "medication", f"switched to another antidepressant by the {by}")
        else:
            p.med_benefit = 1.0 - (1.0 - p.med_benefit) * (1.0 - rules.AUGMENT_SHARE * self._medication_draw(p))
            p.med_changes += 1
            p.log(week, "medication", f"second medicine added by the {by}")
        self._new_plan(p, week, log)

    def _apply(self, p: Patient, action: str, week: int, log: dict, by: str) -> None:
        """Carry out one recommendation: medication goes to the provider, the rest happens now.

        A step into the kind of treatment the patient did not prefer is a shared decision: the patient
        may decline it (OTHER_TREATMENT_ACCEPTED), and the plan is judged again a step-up period later.
        """
        if action == "continue":
            return
        unwanted = ((action == "start-medication" and p.prefers == "psychotherapy")
                    or (action == "add-psychotherapy" and p.prefers == "medication"))
        if unwanted and p.step > 1 and self.rng.random() >= rules.OTHER_TREATMENT_ACCEPTED:
            p.plan_start = week
            p.declined = True
            p.log(week, "offer-declined", f"the patient chose not to {ACTIONS[action].rstrip('.').lower()}")
            return
        if action == "adjust-medication" and p.flags & DOSE_REVIEW:
            self._optimise_dose(p, week, log)
            return
        if action in MEDICATION_ACTIONS:
            if by == "care manager":
                if self.rng.random() < rules.PCP_ACTS_WITHOUT_CONSULTANT:
                    self._change_medication(p, action, week, log, "provider")
                else:
                    p.log(week, "advice-not-taken", action)
            else:
                p.pending.append((week, action))
            return
        if action == "add-psychotherapy":
            p.therapy = PROBLEM_SOLVING
            if p.psychotherapy_week < 0:
                p.psychotherapy_week = week
            p.intensified = False
            p.therapy_benefit = max(p.therapy_benefit, self._therapy_draw(p, rules.PROBLEM_SOLVING_BENEFIT))
            p.sessions = 0
            p.log(week, "psychotherapy", "problem-solving treatment added")
            self._new_plan(p, week, log)
        elif action == "intensify-psychotherapy":
            if p.therapy == NO_THERAPY:
                return
            p.therapy = PROBLEM_SOLVING
            if p.psychotherapy_week < 0:
                p.psychotherapy_week = week
            p.intensified = True
            extra = rules.INTENSIFY_SHARE * self._therapy_draw(p, rules.PROBLEM_SOLVING_BENEFIT)
            p.therapy_benefit = min(rules.MAX_TREATMENT_BENEFIT, p.therapy_benefit + extra)
            p.sessions = min(p.sessions, rules.THERAPY_FULL_SESSIONS // 2)
            p.log(week, "psychotherapy", "psychotherapy intensified")
            self._new_plan(p, week, log)
        elif action == "direct-evaluation" and p.bipolar_screen == SCREEN_POSITIVE:
            self._evaluate_bipolar_screen(p, week, log, by)
        elif action == "direct-evaluation":
            p.evaluated = True
            p.log(week, "direct-evaluation", "seen in person to check the diagnosis and safety")
            if flag_bits(p, week - 1, self._not_improving_weeks) & NOT_IMPROVING and self.params.fidelity.step_up:
                follow = next_step(p)
                if follow in MEDICATION_ACTIONS:
                    self._change_medication(p, follow, week, log, "provider")
                elif follow != "direct-evaluation":
                    self._apply(p, follow, week, log, by)
        elif action == "specialty-referral":
            if p.referred_week < 0:
                p.referred_week = week
            log["referred"] += 1
            if self.rng.random() < rules.REFERRAL_ATTENDED * p.reach:
                p.specialty_benefit = self._specialty_draw(p)
                self._discharge(p, week, log, "referred to specialty mental health care")
            else:
                p.log(week, "referral-not-taken", "referred to specialty mental health care but did not go")

    def _optimise_dose(self, p: Patient, week: int, log: dict) -> None:
        """The early dose check: the provider optimises the dose within the current plan (no new step)."""
        if self.rng.random() < rules.PCP_ADOPTS_CONSULTANT_ADVICE:
            p.med_benefit = max(p.med_benefit, self._medication_draw(p))
            p.med_changes += 1
            log["advice_adopted"] += 1
            p.log(week, "medication", "dose optimised by the provider after the six-week check")
        else:
            log["advice_not_adopted"] += 1
            p.log(week, "advice-not-taken", "adjust-medication")

    def _evaluate_bipolar_screen(self, p: Patient, week: int, log: dict, by: str) -> None:
        """The consultant's evaluation of a positive bipolar screen: most are not confirmed (cerimele-2013)."""
        p.bipolar_screen = SCREEN_REVIEWED
        if self.rng.random() < rules.BIPOLAR_CONFIRMED_SHARE:
            p.log(week, "direct-evaluation", "the consultant's evaluation suggests bipolar disorder; no antidepressant "
                                             "alone, and referral to psychiatric care")
            p.pending = []
            self._apply(p, "specialty-referral", week, log, by)
        else:
            p.log(week, "direct-evaluation", "the consultant's evaluation did not confirm bipolar disorder; the agreed "
                                             "plan goes ahead")
