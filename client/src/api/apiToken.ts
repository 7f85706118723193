/**
 * The API token for servers bound beyond loopback (LAGO_API_TOKEN). Asked for
 * once and kept for the browser session only.
 */
const TOKEN_KEY = 'lago-grey:api-token';

export function getApiToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setApiToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Without session storage the token cannot be kept; requests will ask again.
  }
}

/** `Authorization` header when a token is set. */
export function authHeaders(): Record<string, string> {
  const token = getApiToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * EventSource and download links cannot send headers. The token never goes
 * into a URL (where logs and Referer headers would keep it): the server
 * answers every bearer request with an HttpOnly, SameSite=Strict cookie that
 * lets such GETs through, so the URL is used as it is.
 */
export function withToken(url: string): string {
  return url;
}
