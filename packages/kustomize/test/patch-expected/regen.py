#!/usr/bin/env python3
"""Records kubectl kustomize's result for every fixtures/patches/<case>/ as <case>.yaml (stdout) or
<case>.error (stderr), the expectations of the patch unit tests (patch-fields.test.ts,
strategic-merge.test.ts). Never edit the outputs by hand; rerun:

  python3 packages/kustomize/test/patch-expected/regen.py [SUBSTRING]
"""
import os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "..", "..", "..", "fixtures", "patches")

sub = sys.argv[1] if len(sys.argv) > 1 else ""
for case in sorted(os.listdir(CASES)):
    if sub not in case:
        continue
    cdir = os.path.join(CASES, case)
    build_dir = "."
    if os.path.exists(os.path.join(cdir, "build-dir")):
        build_dir = open(os.path.join(cdir, "build-dir")).read().strip()
    p = subprocess.run(["kubectl", "kustomize", build_dir], cwd=cdir, capture_output=True)
    for ext in (".yaml", ".error"):
        stale = os.path.join(HERE, case + ext)
        if os.path.exists(stale):
            os.remove(stale)
    if p.returncode == 0:
        open(os.path.join(HERE, case + ".yaml"), "wb").write(p.stdout)
    else:
        # klog's prefix (time, pid) varies between runs; keep only the message.
        err = p.stderr.decode()
        lines = [l for l in err.splitlines() if not l.startswith("# Warning:")]
        msg = "\n".join(lines)
        if '"command failed" err=' in msg:
            msg = msg.split('"command failed" err=', 1)[1]
        open(os.path.join(HERE, case + ".error"), "w").write(msg.strip() + "\n")
    print(("ok   " if p.returncode == 0 else "err  ") + case)
