#!/usr/bin/env python3
"""Regenerates the expected output of every kustomize fixture with the reference, kubectl kustomize.

  python3 scripts/regen-fixtures.py [SUBSTRING]

A fixture is a directory fixtures/<feature>/<case>/ holding the inputs, with the kustomization to
build either in the case directory itself or in the sub-directory named in a `build-dir` file.
Optional `flags` file: extra flags (e.g. `--load-restrictor LoadRestrictionsNone`).
Writes `expected.yaml` (kubectl's exact stdout) or, when kubectl refuses the case, `expected-error`
(its stderr, for reference only: tests require a failure, not the same words). Expected files are
never edited by hand. The kubectl version used is recorded in fixtures/KUBECTL_VERSION.
Fixtures under fixtures/kfdef/ are not kustomize fixtures and are skipped.
"""
import os, re, subprocess, sys

# klog prefixes (`E1129 04:46:01.539736    9872 run.go:72] `) change every run; keep the message.
KLOG = re.compile(rb"^[IWEF]\d{4} [\d:.]+ +\d+ [\w.]+:\d+\] ", re.M)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def case_dirs(root):
    for feature in sorted(os.listdir(root)):
        fdir = os.path.join(root, feature)
        if feature == "kfdef" or not os.path.isdir(fdir):
            continue
        for case in sorted(os.listdir(fdir)):
            cdir = os.path.join(fdir, case)
            if os.path.isdir(cdir):
                yield os.path.join(feature, case), cdir


def main():
    sub = sys.argv[1] if len(sys.argv) > 1 else ""
    version = subprocess.run(["kubectl", "version", "--client"], capture_output=True, text=True).stdout
    with open(os.path.join(ROOT, "KUBECTL_VERSION"), "w") as f:
        f.write(version)
    n = 0
    for name, cdir in case_dirs(ROOT):
        if sub not in name:
            continue
        build_dir = "."
        if os.path.exists(os.path.join(cdir, "build-dir")):
            build_dir = open(os.path.join(cdir, "build-dir")).read().strip()
        flags = []
        if os.path.exists(os.path.join(cdir, "flags")):
            flags = open(os.path.join(cdir, "flags")).read().split()
        p = subprocess.run(["kubectl", "kustomize", *flags, build_dir], cwd=cdir, capture_output=True)
        for stale in ("expected.yaml", "expected-error"):
            if os.path.exists(os.path.join(cdir, stale)):
                os.remove(os.path.join(cdir, stale))
        if p.returncode == 0:
            with open(os.path.join(cdir, "expected.yaml"), "wb") as f:
                f.write(p.stdout)
        else:
            with open(os.path.join(cdir, "expected-error"), "wb") as f:
                f.write(KLOG.sub(b"", p.stderr))
        n += 1
        print(("ok   " if p.returncode == 0 else "err  ") + name)
    print(f"{n} fixtures regenerated with: {version.splitlines()[0] if version else 'kubectl'}")


if __name__ == "__main__":
    main()
