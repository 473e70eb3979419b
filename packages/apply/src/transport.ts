/** The one thing the applier needs from a connection: send a request, get status and body. */
export interface KubeRequest {
  method: "GET" | "PATCH" | "DELETE";
  /** Absolute API path, e.g. `/apis/apps/v1/namespaces/x/deployments/y`. */
  path: string;
  query?: Record<string, string | undefined>;
  contentType?: string;
  body?: string;
}

export interface KubeResponse {
  status: number;
  body: string;
}

export interface Transport {
  /** The server URL, for messages. */
  readonly server: string;
  request(req: KubeRequest): Promise<KubeResponse>;
  close?(): void;
}

export function queryString(query: KubeRequest["query"]): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) if (v !== undefined) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** The server's own words from a failed response: the `message` of a Status, else the body text. */
export function serverMessage(res: KubeResponse): string {
  try {
    const parsed = JSON.parse(res.body) as { kind?: string; message?: unknown };
    if (parsed && typeof parsed.message === "string" && parsed.message) return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = res.body.trim();
  return text ? `HTTP ${res.status}: ${text.length > 500 ? `${text.slice(0, 500)}…` : text}` : `HTTP ${res.status}`;
}

/** The `details` of a Status response, where the server gave one. */
export function statusDetails(res: KubeResponse): { kind?: string; name?: string; reason?: string } {
  try {
    const parsed = JSON.parse(res.body) as { reason?: string; details?: { kind?: string; name?: string } };
    return { ...(parsed.details ?? {}), ...(parsed.reason ? { reason: parsed.reason } : {}) };
  } catch {
    return {};
  }
}
