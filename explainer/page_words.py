"""The simulator page's fixed words: button labels, confirmations and messages about links, settings,
imports and the guided walkthrough, which the page shows around the states the API answers with.

They reach the page at build time, in the app's ``data-cc-config`` (scripts/hooks/cocm_content/
simulator/app.py), so a message shown before Python has loaded (no WebAssembly, a bad link) is still
the explainer's; the API's ``page_words`` operation answers the same dict. A template carries values
as named placeholders (``{week}``), which ``str.format`` fills here and ``fill`` (docs/assets/
javascripts/simulator/dom.js) fills in the page; :data:`PLACEHOLDERS` names each template's values.

Nothing here decides anything: the words only say what the page or the explainer has already found.
"""

from __future__ import annotations

RUN_WORDS = {
    "week_label": "Week {week} of {weeks}",
    "play": "Play",
    "pause": "Pause",
    "undo": "Undo",
    "at_last_week": "The run has reached its last week. Reset or go back a week.",
    "at_first_week": "This run is already at its first week.",
    "reset_done": "Reset to the week the run opens at.",
    "scenario_opened": "Opened a new scenario.",
    "walkthrough_started": "Started the walkthrough.",
    "run_replaced": "{done} Your previous run (week {week}) can be brought back.",
    "run_back": "Your previous run is back, at week {week}.",
    "restarted": "The simulator stopped responding and was restarted; your place has been restored.",
    "no_webassembly": "this browser cannot run WebAssembly, which the simulator needs.",
}
"""The run's controls and what the page says when an action changes or refuses the run."""

LINK_WORDS = {
    "link_problems": "This link has a problem: {problems}.",
    "link_problem_separator": "; ",
    "link_past_the_end": "This scenario runs for {weeks} weeks; the link asks for week {asked}.",
    "link_not_opened": "This link could not be opened: {reason} Showing the default scenario instead.",
    "no_such_scenario": "there is no scenario called \u201c{text}\u201d",
    "no_such_view": "there is no view called \u201c{text}\u201d",
    "bad_patient_id": "the patient must be named by an id such as S-0007, not \u201c{text}\u201d",
    "bad_switch": "\u201c{name}\u201d ({words}) must be 0 (off) or 1 (on)",
    "not_a_whole_number": "the {words} must be a whole number from {low} to {high}",
    "not_a_number": "the {words} must be a number from {low} to {high}",
    "out_of_range": "the {words} must be from {low} to {high}; the link asks for {text}",
}
"""What is wrong with a simulator link, one problem at a time (a link's limits are the explainer's own,
scripts/hooks/cocm_content/simlinks.py PARAMS), and the message that gathers them."""

SHARING_WORDS = {
    "enter_whole_number": "Enter a whole number.",
    "enter_number": "Enter a number such as 1 or 0.5.",
    "link_copied": "Link copied. It reopens this scenario, week and view.",
    "copy_refused": "This browser did not let the page copy: the link is selected in the field, copy it from there.",
    "import_not_json": "The file {file} is not valid JSON ({reason}).",
    "import_refused": "The file {file} could not be used: {reason} Nothing was changed.",
    "imported": "Imported the scenario \u201c{title}\u201d from {file}.",
}
"""The settings form's refusals, Copy link's confirmation, and importing a scenario file."""

WALKTHROUGH_WORDS = {
    "walk_progress": "Step {step} of {steps} (week {week})",
    "walk_predict": "Predict",
    "walk_reflect": "Reflect",
    "walk_default_prompt": "What do you expect to happen by week {week}?",
    "walk_guess_label": "Your prediction (it stays on this page and is not sent anywhere)",
    "walk_run_to": "Run to week {week}",
    "walk_yours": "Your prediction",
    "walk_no_guess": "You did not write a prediction for this step.",
    "walk_nothing_to_predict": "This step has no prediction to make.",
    "walk_happened": "What happened",
    "walk_happened_by": "What happened by week {week}",
    "walk_next_step": "Go on to the next step",
    "walk_finish": "Finish the walkthrough",
}
"""The guided walkthrough's step: predict, run, then what happened beside the learner's prediction."""

PAGE_WORDS = {**RUN_WORDS, **LINK_WORDS, **SHARING_WORDS, **WALKTHROUGH_WORDS}
"""Every fixed word of the simulator page, by the name the page's modules read it under."""

def words(entry: str, /, **values: object) -> str:
    """One entry filled with its values; KeyError if a value is missing or the entry is unknown."""
    return PAGE_WORDS[entry].format(**values)
