"""A compact way to write whole hand-made contracts for the corpus.

A contract body is text, one block per line: "# " starts a heading, "| " a table row (cells separated by " | "),
anything else is a paragraph. Expectations are written as "resp=S scope=I ..." over the ten rule ids:
S satisfied, M missing, N negated, I insufficient.
"""

RULES = ["responsibility", "scope", "security_measures", "incident_notification", "onward_transfer",
         "cross_border", "return_deletion", "audit", "liability_recourse", "record_keeping"]

SHORT = {"resp": "responsibility", "scope": "scope", "sec": "security_measures", "inc": "incident_notification",
         "onw": "onward_transfer", "xb": "cross_border", "ret": "return_deletion", "aud": "audit",
         "liab": "liability_recourse", "rec": "record_keeping"}

STATUS = {"S": "satisfied", "M": "missing", "N": "negated", "I": "insufficient"}


def expectations(spec):
    expected = {}
    for item in spec.split():
        key, status = item.split("=")
        expected[SHORT[key]] = STATUS[status]
    missing = [r for r in RULES if r not in expected]
    if missing:
        raise ValueError(f"expectations lack {missing}: {spec}")
    return {r: expected[r] for r in RULES}


def blocks(text):
    paragraphs = []
    for line in text.strip().split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("# "):
            paragraphs.append({"kind": "heading", "text": line[2:].strip()})
        elif line.startswith("| "):
            paragraphs.append({"kind": "row", "text": line[2:].strip()})
        else:
            paragraphs.append({"kind": "paragraph", "text": line})
    return paragraphs


def doc(cid, lang, fmt, split, note, expected, text):
    return {"id": cid, "language": lang, "format": fmt, "split": split, "note": note,
            "paragraphs": blocks(text), "expected": expectations(expected)}
