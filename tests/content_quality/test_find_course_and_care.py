"""A patient can find the who-and-when, treatment-course, monitoring, outcomes and
practical topics the way they ask.

Each row is something a person may type or say: lay words ("my scan got bigger",
"flu jab"), medical terms ("pseudoprogression", "neoadjuvant"), drug and brand names
("Keytruda Qlex") and misspellings ("psuedoprogression", "fertilty"). Search over the
bundled guide must put the topic that answers it in the top three. If a row fails,
improve the topic's keywords, the glossary lay words or the synonyms, not this table.
"""

from __future__ import annotations

from guide.content.loader import load_or_raise

CONCEPTS: list[tuple[str, str]] = [
    # Who and when
    ("which cancers does it treat", "which-cancers"),
    ("does it work for lung cancer", "which-cancers"),
    ("only 3 in 10 benefit", "which-cancers"),
    ("adjuvant", "when-in-cancer-course"),
    ("neoadjuvant", "when-in-cancer-course"),
    ("treatment before surgery", "when-in-cancer-course"),
    ("rectal cancer dostarlimab", "when-in-cancer-course"),
    ("neo adjuvant", "when-in-cancer-course"),
    ("stage 4 cancer", "when-in-cancer-course"),
    ("cancer came back", "when-in-cancer-course"),
    ("transplant", "who-needs-extra-care"),
    ("kidney transplant", "who-needs-extra-care"),
    ("lupus", "who-needs-extra-care"),
    ("autoimmune disease", "who-needs-extra-care"),
    ("rheumatoid arthritis", "who-needs-extra-care"),
    ("prednisone before starting", "who-needs-extra-care"),
    ("lupus flare", "who-needs-extra-care"),
    ("prednisone before starting", "who-needs-extra-care"),
    ("steroids before starting immunotherapy", "who-needs-extra-care"),
    ("pregnancy", "pregnancy-and-fertility"),
    ("can i get pregnant", "pregnancy-and-fertility"),
    ("breastfeeding", "pregnancy-and-fertility"),
    ("birth control", "pregnancy-and-fertility"),
    ("fertility", "pregnancy-and-fertility"),
    ("fertilty", "pregnancy-and-fertility"),
    # Treatment course
    ("drip", "how-it-is-given"),
    ("injection under the skin", "how-it-is-given"),
    ("Keytruda Qlex", "how-it-is-given"),
    ("subcutaneous", "how-it-is-given"),
    ("how often is keytruda given", "how-it-is-given"),
    ("keytruda qlex", "how-it-is-given"),
    ("what happens on infusion day", "infusion-day"),
    ("what to bring to treatment", "infusion-day"),
    ("port", "infusion-day"),
    ("cannula", "infusion-day"),
    ("how long does treatment last", "treatment-length"),
    ("two years", "treatment-length"),
    ("when does treatment stop", "treatment-length"),
    ("one year after surgery", "treatment-length"),
    # Monitoring and response
    ("CT scan", "scans-and-response"),
    ("iRECIST", "scans-and-response"),
    ("how often scans", "scans-and-response"),
    ("partial response", "scans-and-response"),
    ("complete response", "scans-and-response"),
    ("my scan got bigger", "scan-got-bigger"),
    ("pseudoprogression", "scan-got-bigger"),
    ("psuedoprogression", "scan-got-bigger"),
    ("hyperprogression", "scan-got-bigger"),
    ("tumour grew then shrank", "scan-got-bigger"),
    ("pseudo progresion", "scan-got-bigger"),
    ("tumour got bigger then smaller", "scan-got-bigger"),
    ("cancer grew very fast", "scan-got-bigger"),
    ("blood tests", "blood-tests"),
    ("liver function tests", "blood-tests"),
    ("TSH", "blood-tests"),
    ("hba1c", "blood-tests"),
    ("PD-L1 test", "biomarkers"),
    ("MSI-H", "biomarkers"),
    ("mismatch repair", "biomarkers"),
    ("tumour mutational burden", "biomarkers"),
    ("TMB", "biomarkers"),
    ("biomaker test", "biomarkers"),
    ("dMMR", "biomarkers"),
    # Outcomes
    ("how long does it take to work", "time-to-work"),
    ("stable disease", "time-to-work"),
    ("no side effects is it working", "time-to-work"),
    ("can it cure", "long-term-results"),
    ("cure", "long-term-results"),
    ("how long will i live", "long-term-results"),
    ("five year survival", "long-term-results"),
    ("remission", "long-term-results"),
    ("durable response", "long-term-results"),
    ("not working", "when-it-stops-working"),
    ("immunotherapy stopped working", "when-it-stops-working"),
    ("stopped because of side effects", "when-it-stops-working"),
    ("clinical trial", "when-it-stops-working"),
    ("palliative care", "when-it-stops-working"),
    # Practical
    ("cost", "costs-and-insurance"),
    ("Medicare Part B", "costs-and-insurance"),
    ("how much does CAR-T cost", "costs-and-insurance"),
    ("copay", "costs-and-insurance"),
    ("insurance", "costs-and-insurance"),
    ("how much will immunotherapy cost me", "costs-and-insurance"),
    ("coinsurance", "costs-and-insurance"),
    ("flu jab", "vaccines-during-treatment"),
    ("can I have the flu shot", "vaccines-during-treatment"),
    ("covid vaccine", "vaccines-during-treatment"),
    ("yellow fever jab", "vaccines-during-treatment"),
    ("flu vacine", "vaccines-during-treatment"),
    ("live vaccine", "vaccines-during-treatment"),
    ("shingles vaccine", "vaccines-during-treatment"),
    ("wallet card", "telling-other-doctors"),
    ("tell my dentist", "telling-other-doctors"),
    ("going to the emergency room", "telling-other-doctors"),
    ("pharmacist", "telling-other-doctors"),
    ("herbal supplements", "telling-other-doctors"),
    ("questions to ask my doctor", "questions-to-ask"),
    ("myths", "myths"),
    ("is it a last resort", "myths"),
    ("boost my immune system with supplements", "myths"),
    ("is immunotherapy natural", "myths"),
    ("works for everyone", "myths"),
    ("can I keep working", "daily-life"),
    ("travel abroad", "daily-life"),
    ("holiday", "daily-life"),
    ("travel insurance", "daily-life"),
    ("can I still go to work", "daily-life"),
    ("scanxiety", "feelings-and-coping"),
    ("worried about my scan results", "feelings-and-coping"),
    ("depression", "feelings-and-coping"),
    ("i feel low", "feelings-and-coping"),
    ("suicidal thoughts", "feelings-and-coping"),
    ("samaritans", "feelings-and-coping"),
    ("helpline", "helplines-and-support"),
    ("1-800-4-CANCER", "helplines-and-support"),
    ("macmillan", "helplines-and-support"),
    ("someone to talk to", "helplines-and-support"),
    ("carer", "carers-and-family"),
    ("caregiver", "carers-and-family"),
    ("looking after my husband", "carers-and-family"),
    ("am i too old", "older-adults"),
    ("elderly", "older-adults"),
    ("geriatric assessment", "older-adults"),
    ("will i lose my hair", "everyday-health"),
    ("alcohol", "everyday-health"),
    ("can i drink wine", "everyday-health"),
    ("diet", "everyday-health"),
    ("sunscreen", "everyday-health"),
    ("NHS", "costs-outside-us"),
    ("cancer drugs fund", "costs-outside-us"),
    ("is it funded in my country", "costs-outside-us"),
    ("pay for it myself", "costs-outside-us"),
]





def test_every_topic_of_these_families_is_covered() -> None:
    """Each topic in the five families has at least one way in, so none is unreachable by search."""
    library = load_or_raise()
    families = ("04-who-and-when", "05-treatment-course", "08-monitoring", "09-outcomes", "10-practical")
    ours = {t.id for t in library.topics if any(f"/{f}/" in t.path.replace("\\", "/") for f in families)}
    sections = {"who-and-when", "treatment-course", "monitoring", "outcomes", "practical"}
    assert ours, "no topics found in these families"
    missing = ours - sections - {topic for _, topic in CONCEPTS}
    assert not missing, f"no search concept reaches: {sorted(missing)}"
