import * as http from "node:http";
import * as https from "node:https";
import { ApplyError } from "./errors.js";
import { prepareClientNodeForThisRuntime } from "./node-compat.js";
import { type KubeRequest, type KubeResponse, type Transport, queryString } from "./transport.js";

export interface KubeconfigOptions {
  /** A kubeconfig file; otherwise $KUBECONFIG, ~/.kube/config or in-cluster config, as client-node finds it. */
  kubeconfig?: string;
  context?: string;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
}

export interface KubeconfigConnection {
  transport: Transport;
  /** The context's namespace, if it sets one. */
  namespace?: string;
  context: string;
}

type HttpsOptions = https.RequestOptions;

/**
 * A transport whose configuration, credentials (tokens, client certificates, exec and auth-provider
 * plugins) and TLS or proxy agent all come from @kubernetes/client-node's KubeConfig. The request
 * itself is a raw node:http(s) call so the body goes out byte for byte as the applier wrote it.
 */
export async function connectWithKubeconfig(opts: KubeconfigOptions = {}): Promise<KubeconfigConnection> {
  prepareClientNodeForThisRuntime();
  const { KubeConfig } = await import("@kubernetes/client-node");
  const kc = new KubeConfig();
  try {
    if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    throw new ApplyError("KUBECONFIG", `cannot load kubeconfig${opts.kubeconfig ? ` ${opts.kubeconfig}` : ""}: ${(e as Error).message}`);
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) throw new ApplyError("KUBECONFIG", `context "${opts.context}" is not in the kubeconfig`);
    kc.setCurrentContext(opts.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ApplyError("KUBECONFIG", `the kubeconfig has no cluster for context "${kc.getCurrentContext()}"`);
  // client-node's last resort when it finds no configuration at all; kubectl would say so too.
  if (!opts.kubeconfig && kc.getCurrentContext() === "loaded-context" && cluster.server === "http://localhost:8080") {
    throw new ApplyError("KUBECONFIG", "no kubeconfig found: set KUBECONFIG or pass --kubeconfig");
  }
  const base = new URL(cluster.server);
  const basePath = base.pathname.replace(/\/+$/, "");
  const isHttps = base.protocol === "https:";
  const timeoutMs = opts.requestTimeoutMs ?? 60_000;
  let agent: http.Agent | undefined;

  const request = async (req: KubeRequest): Promise<KubeResponse> => {
    const options: HttpsOptions = {};
    try {
      // Refreshed per request: exec and OIDC credentials expire during a long CRD wait.
      await kc.applyToHTTPSOptions(options);
    } catch (e) {
      throw new ApplyError("KUBECONFIG", `cannot get credentials from the kubeconfig: ${(e as Error).message}`);
    }
    agent ??= keepAliveAgent(options, isHttps);
    const url = `${base.origin}${basePath}${req.path}${queryString(req.query)}`;
    const headers: http.OutgoingHttpHeaders = { ...(options.headers as http.OutgoingHttpHeaders | undefined), Accept: "application/json", "User-Agent": "kfrender" };
    if (req.contentType) headers["Content-Type"] = req.contentType;
    // Node sends a DELETE body without framing unless told its length.
    if (req.body !== undefined) headers["Content-Length"] = Buffer.byteLength(req.body);
    const { headers: _h, agent: _a, ...tls } = options;
    return send(isHttps ? https : http, url, { ...tls, agent, headers, method: req.method, timeout: timeoutMs }, req.body);
  };
  const context = kc.getContextObject(kc.getCurrentContext());
  return {
    transport: { server: cluster.server, request, close: () => agent?.destroy() },
    ...(context?.namespace ? { namespace: context.namespace } : {}),
    context: kc.getCurrentContext(),
  };
}

/**
 * client-node hands out a plain agent without keep-alive; for a few hundred requests in a row a
 * keep-alive agent with the same TLS material saves a handshake each. Proxy agents are used as given.
 */
function keepAliveAgent(options: HttpsOptions, isHttps: boolean): http.Agent {
  const given = options.agent;
  if (given && given.constructor !== https.Agent && given.constructor !== http.Agent) return given as http.Agent;
  if (!isHttps) return new http.Agent({ keepAlive: true, maxSockets: 4 });
  const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = options;
  return new https.Agent({ ca, cert, key, pfx, passphrase, servername, keepAlive: true, maxSockets: 4, ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }) });
}

function send(mod: typeof http | typeof https, url: string, options: https.RequestOptions, body?: string): Promise<KubeResponse> {
  return new Promise((resolve, reject) => {
    const req = mod.request(url, options, (res) => {
      const chunks: Uint8Array[] = [];
      res.on("data", (c: Uint8Array) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${options.timeout} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
