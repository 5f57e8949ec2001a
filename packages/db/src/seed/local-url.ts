const localHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

/**
 * Whether a postgres:// URL points at this machine (a loopback host or a unix socket), so a seed
 * that truncates tables cannot hit a shared or production database by accident.
 */
export function isLocalDatabaseUrl(url: string): boolean {
  let parsed: URL;
  try {
    // An empty host ("postgres://u@/db") means the default unix socket; URL cannot parse it as is.
    parsed = new URL(url.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)\//i, "$1localhost/"));
  } catch {
    return false;
  }
  const socketHost = parsed.searchParams.get("host");
  if (socketHost !== null) return socketHost.startsWith("/") || localHosts.has(socketHost);
  const host = decodeURIComponent(parsed.hostname);
  return localHosts.has(host) || host.startsWith("/");
}
