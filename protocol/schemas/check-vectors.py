#!/usr/bin/env python3
"""Validates the golden vectors' messages against the JSON Schemas with an independent
implementation (python-jsonschema), so the schemas and the Swift code cannot drift apart."""
import json, pathlib, sys
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

here = pathlib.Path(__file__).parent
vectors = here.parent / "vectors"
schemas = {p.name: json.loads(p.read_text()) for p in here.glob("*.schema.json")}
registry = Registry().with_resources(
    [(name, Resource.from_contents(s)) for name, s in schemas.items()]
    + [(s["$id"], Resource.from_contents(s)) for s in schemas.values()])

def validator(name):
    schema = schemas[name]
    return Draft202012Validator(schema, registry=registry.with_resource(name, Resource.from_contents(schema)))

failures = 0
def check(name, doc, what):
    global failures
    errors = list(validator(name).iter_errors(doc))
    for e in errors:
        print(f"{what}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failures += len(errors)

env = json.loads((vectors / "envelope.json").read_text())
check("envelope.schema.json", json.loads(env["envelopeJSON"]), "envelope.json envelopeJSON")
check("payload.schema.json", json.loads(env["plaintextUTF8"]), "envelope.json plaintextUTF8")
check("receipt.schema.json", json.loads(json.loads((vectors / "receipt.json").read_text())["receiptJSON"]), "receipt.json")

# The schema must refuse what the Swift code refuses.
bad = json.loads(env["plaintextUTF8"])
bad["cells"][0]["name"] = "free text"
if not list(validator("payload.schema.json").iter_errors(bad)):
    print("payload schema accepted a cell with an extra field"); failures += 1
bad = json.loads(env["plaintextUTF8"])
bad["cells"][1]["value"] = "3"
if not list(validator("payload.schema.json").iter_errors(bad)):
    print("payload schema accepted a suppressed cell with a value"); failures += 1

print(f"schema check: {'0 failed' if failures == 0 else f'{failures} failed'}")
sys.exit(1 if failures else 0)
