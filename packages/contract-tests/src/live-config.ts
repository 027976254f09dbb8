/** Live mode is opt-in: it calls the real Kapso API with a real key, read-only. */
export interface LiveStatus {
  enabled: boolean;
  /** Why live mode is off, phrased for a log line and a skipped test. */
  reason: string;
  apiKey?: string;
  baseUrl?: string;
}

export function liveStatus(env: NodeJS.ProcessEnv = process.env): LiveStatus {
  const missing: string[] = [];
  if (env.KAPSO_LIVE !== "1") missing.push("KAPSO_LIVE=1");
  if (!env.KAPSO_API_KEY?.trim()) missing.push("KAPSO_API_KEY");
  if (!env.KAPSO_LIVE_WORKFLOW_ID?.trim()) missing.push("KAPSO_LIVE_WORKFLOW_ID");
  if (missing.length > 0) {
    return {
      enabled: false,
      reason: `set ${missing.join(", ")} to run the read-only list cases against the real API`,
    };
  }
  return {
    enabled: true,
    reason: "",
    apiKey: env.KAPSO_API_KEY?.trim(),
    ...(env.KAPSO_BASE_URL ? { baseUrl: env.KAPSO_BASE_URL } : {}),
  };
}

/** A path parameter's value from the environment: `workflow_id` → `KAPSO_LIVE_WORKFLOW_ID`. */
export function liveParam(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`KAPSO_LIVE_${name.toUpperCase()}`]?.trim() || undefined;
}
