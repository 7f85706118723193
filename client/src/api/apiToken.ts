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

/** EventSource and download links cannot send headers: the server accepts `?access_token=` on GET. */
export function withToken(url: string): string {
  const token = getApiToken();
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}
