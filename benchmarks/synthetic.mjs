// Writes a synthetic kustomization tree of N resources for the linear-scaling benchmark.
//
//   node benchmarks/synthetic.mjs N [OUT_DIR]     (prints the directory to build)
//
// Layout: base/ holds N resources — apps of a Deployment, a Service and a ConfigMap, one
// multi-document file per app — and overlay/ (the directory to build) takes ../base and gives
// every resource a strategic-merge patch, plus namespace, namePrefix and commonLabels. The
// Deployments reference their ConfigMap (envFrom and a volume), so the prefix also exercises
// name references. Every step is per resource, so a linear engine renders 8× the resources in
// about 8× the time.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const KINDS = ["Deployment", "Service", "ConfigMap"];

/** Writes the tree under `root` (created if missing) and returns the directory to build. */
export function writeSyntheticTree(root, n) {
  const base = path.join(root, "base");
  const overlay = path.join(root, "overlay");
  fs.mkdirSync(base, { recursive: true });
  fs.mkdirSync(path.join(overlay, "patches"), { recursive: true });
  const apps = Math.ceil(n / 3);
  const baseFiles = [];
  const patchFiles = [];
  for (let a = 0; a < apps; a++) {
    const app = `app-${String(a).padStart(5, "0")}`;
    const docs = [];
    for (let k = 0; k < 3 && a * 3 + k < n; k++) {
      docs.push(RESOURCE[KINDS[k]](app, a));
      const patch = `patches/${app}-${KINDS[k].toLowerCase()}.yaml`;
      fs.writeFileSync(path.join(overlay, patch), PATCH[KINDS[k]](app, a));
      patchFiles.push(patch);
    }
    const file = `${app}.yaml`;
    fs.writeFileSync(path.join(base, file), docs.join("---\n"));
    baseFiles.push(file);
  }
  fs.writeFileSync(path.join(base, "kustomization.yaml"), kustomization(["resources:", ...baseFiles.map((f) => `- ${f}`)]));
  fs.writeFileSync(
    path.join(overlay, "kustomization.yaml"),
    kustomization([
      "namespace: synthetic",
      "namePrefix: bench-",
      "commonLabels:",
      "  bench: synthetic",
      "resources:",
      "- ../base",
      "patches:",
      ...patchFiles.map((p) => `- path: ${p}`),
    ]),
  );
  return overlay;
}

/**
 * A hash of every file of the tree (relative path and bytes): it ties a stored kubectl output
 * hash to the generator version that produced the input.
 */
export function treeFingerprint(root) {
  const h = createHash("sha256");
  const walk = (rel) => {
    for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (fs.statSync(path.join(root, r)).isDirectory()) walk(r);
      else h.update(`${r}\0`).update(fs.readFileSync(path.join(root, r))).update("\0");
    }
  };
  walk("");
  return h.digest("hex");
}

function kustomization(lines) {
  return ["apiVersion: kustomize.config.k8s.io/v1beta1", "kind: Kustomization", ...lines, ""].join("\n");
}

const RESOURCE = {
  Deployment: (app, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels:
    app: ${app}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
      - name: main
        image: registry.example/app:1.${i % 7}.0
        args: ["--port=8080", "--index=${i}"]
        ports:
        - containerPort: 8080
          name: http
        envFrom:
        - configMapRef:
            name: ${app}-config
        env:
        - name: INDEX
          value: "${i}"
        volumeMounts:
        - name: config
          mountPath: /etc/app
      - name: sidecar
        image: registry.example/sidecar:2.0.0
      volumes:
      - name: config
        configMap:
          name: ${app}-config
`,
  Service: (app) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  labels:
    app: ${app}
spec:
  selector:
    app: ${app}
  ports:
  - name: http
    port: 80
    targetPort: 8080
`,
  ConfigMap: (app, i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
data:
  index: "${i}"
  log-level: info
  settings.yaml: |
    name: ${app}
    shards: ${i % 13}
`,
};

const PATCH = {
  Deployment: (app, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  replicas: ${2 + (i % 3)}
  template:
    spec:
      containers:
      - name: main
        env:
        - name: PATCHED
          value: "true"
        resources:
          limits:
            memory: 256Mi
`,
  Service: (app) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  annotations:
    bench/patched: "true"
spec:
  ports:
  - name: metrics
    port: 9090
    targetPort: 9090
`,
  ConfigMap: (app) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
data:
  log-level: debug
  patched: "true"
`,
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write("usage: node benchmarks/synthetic.mjs N [OUT_DIR]\n");
    process.exit(2);
  }
  const root = process.argv[3] ? path.resolve(process.argv[3]) : fs.mkdtempSync(path.join(os.tmpdir(), `kfrender-synthetic-${n}-`));
  if (fs.existsSync(root) && fs.readdirSync(root).length > 0) {
    process.stderr.write(`${root} is not empty\n`);
    process.exit(2);
  }
  process.stdout.write(writeSyntheticTree(root, n) + "\n");
}
