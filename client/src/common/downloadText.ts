/**
 * The type to save `fileName` with. Chromium appends `.txt` to an
 * extension-less name saved as text/plain (`Containerfile` became
 * `Containerfile.txt`); octet-stream keeps the name as given.
 */
export function downloadType(fileName: string, type = 'text/plain'): string {
  return type === 'text/plain' && !/\.[A-Za-z0-9]+$/.test(fileName) ? 'application/octet-stream' : type;
}

/** Saves text as a file through a temporary object URL. */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: downloadType(fileName, type) }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies text; returns false when the clipboard is not available (http, permissions). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
