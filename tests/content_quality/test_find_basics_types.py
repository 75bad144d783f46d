"""A patient can find the Basics, Types and Combinations topics the way they ask.

Each row is something a person may type or say: lay words, medical terms, drug and
brand names, and misspellings. Search over the bundled guide must put the topic that
answers it in the top three. If a row fails, improve the topic's keywords, the
glossary lay words or the synonyms, not this table.
"""

from __future__ import annotations

CONCEPTS: list[tuple[str, str]] = [
    # Basics
    ("what is immunotherapy", "what-is-immunotherapy"),
    ("immuno therapy meaning", "what-is-immunotherapy"),
    ("biological therapy", "what-is-immunotherapy"),
    ("why didn't my immune system kill the cancer", "immune-system-and-cancer"),
    ("how cancer hides from the immune system", "immune-system-and-cancer"),
    ("tumour infiltrating lymphocytes", "immune-system-and-cancer"),
    ("brakes on the immune system", "immune-checkpoints"),
    ("off switch on t cells", "immune-checkpoints"),
    ("CTLA-4", "immune-checkpoints"),
    ("LAG-3", "immune-checkpoints"),
    # Types
    ("checkpoint inhibitor", "checkpoint-inhibitors"),
    ("keytruda", "checkpoint-inhibitors"),
    ("pembrolizumab", "checkpoint-inhibitors"),
    ("opdivo drip", "checkpoint-inhibitors"),
    ("antibody drug conjugate", "monoclonal-antibodies"),
    ("enhertu lung scarring", "monoclonal-antibodies"),
    ("smart bomb drug", "monoclonal-antibodies"),
    ("bispecific antibody", "bispecific-antibodies"),
    ("bispecfic antibodys", "bispecific-antibodies"),
    ("teclistamab hospital stay", "bispecific-antibodies"),
    ("tarlatamab", "bispecific-antibodies"),
    ("step-up dosing", "bispecific-antibodies"),
    ("cancer vaccine", "cancer-vaccines"),
    ("bladder wash", "cancer-vaccines"),
    ("tb germ in bladder", "cancer-vaccines"),
    ("provenge prostate", "cancer-vaccines"),
    ("car t cell therapy", "car-t-cell-therapy"),
    ("car tea cell", "car-t-cell-therapy"),
    ("my own cells changed in a lab", "car-t-cell-therapy"),
    ("lifileucel", "til-and-tcr-therapy"),
    ("synovial sarcoma", "til-and-tcr-therapy"),
    ("afami-cel", "til-and-tcr-therapy"),
    ("interlukin", "cytokines"),
    ("high dose IL-2", "cytokines"),
    ("leaky blood vessels", "cytokines"),
    ("interferon", "cytokines"),
    ("T-VEC", "oncolytic-virus-therapy"),
    ("cold sore virus injection", "oncolytic-virus-therapy"),
    ("oncolitic virus", "oncolytic-virus-therapy"),
    # Combinations
    ("chemo and immunotherapy together", "chemo-plus-immunotherapy"),
    ("chemoimmunotherapy", "chemo-plus-immunotherapy"),
    ("keynote 189", "chemo-plus-immunotherapy"),
    ("radiation and immunotherapy", "radiotherapy-plus-immunotherapy"),
    ("abscopal effect", "radiotherapy-plus-immunotherapy"),
    ("absopal", "radiotherapy-plus-immunotherapy"),
    ("radiation shrank other tumours", "radiotherapy-plus-immunotherapy"),
    ("durvalumab after chemoradiation", "radiotherapy-plus-immunotherapy"),
    ("ipi nivo", "two-immunotherapies-together"),
    ("opdualag", "two-immunotherapies-together"),
    ("two immunotherapy drugs at once", "two-immunotherapies-together"),
]





