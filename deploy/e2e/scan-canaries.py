#!/usr/bin/env python3
"""Looks for the canaries `llnc-node synth --canaries` plants, and says only which kind was
found where: never the bytes around it (they could be record-level data).

  scan-canaries.py absent PATH...    exit 1 if any canary is in any file under PATH
  scan-canaries.py planted EXTRACTS  exit 1 unless every dataset with record-level rows
                                     carries canaries (so the absent check means something)
"""
import os
import re
import sys

KINDS = {
    "child id (CANARY-n)": re.compile(rb"CANARY-[0-9]+"),
    "UPN (Z999 + 9 digits)": re.compile(rb"Z999[0-9]{9}"),
    "free text (CANARY-TEXT)": re.compile(rb"CANARY-TEXT"),
}
# The ONS population file holds public counts by age and sex: no record-level rows to plant in.
AGGREGATE_ONLY = {"ons-population"}


def files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
        for root, _, names in os.walk(path):
            for name in sorted(names):
                yield os.path.join(root, name)


def kinds_in(path):
    with open(path, "rb") as f:
        data = f.read()
    return [kind for kind, pattern in KINDS.items() if pattern.search(data)]


def absent(paths):
    found, scanned, size = 0, 0, 0
    for path in files(paths):
        scanned += 1
        size += os.path.getsize(path)
        for kind in kinds_in(path):
            print(f"LEAK: canary {kind} found in {path}")
            found += 1
    print(f"scanned {scanned} files ({size:,} bytes): {found} canary finds")
    return 1 if found or scanned == 0 else 0


def planted(extracts):
    by_dataset = {}
    for path in files([extracts]):
        if path.endswith(".csv"):
            dataset = os.path.basename(path)[:-4]
            by_dataset.setdefault(dataset, set()).update(kinds_in(path))
    missing = [d for d, kinds in sorted(by_dataset.items()) if not kinds and d not in AGGREGATE_ONLY]
    for dataset, kinds in sorted(by_dataset.items()):
        print(f"  {dataset}: {', '.join(sorted(kinds)) or 'none (aggregate counts only)'}")
    every_kind = set().union(*by_dataset.values()) if by_dataset else set()
    for kind in KINDS:
        if kind not in every_kind:
            print(f"NOT PLANTED: no canary {kind} in any dataset of {extracts}")
            missing.append(kind)
    for dataset in missing:
        if dataset in by_dataset:
            print(f"NOT PLANTED: dataset {dataset} has no canary")
    return 1 if missing or not by_dataset else 0


if __name__ == "__main__":
    mode, paths = sys.argv[1], sys.argv[2:]
    sys.exit(absent(paths) if mode == "absent" else planted(paths[0]))
