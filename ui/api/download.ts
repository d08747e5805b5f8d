import { msg } from '../messages.ja.js';
import { ApiFailure, failureOf } from './client.js';

/** The file name the server gives (RFC 6266: `filename*` in UTF-8 first), else the link's, else the last part of the address. */
const fileNameOf = (disposition: string | null, url: string, suggested: string | undefined): string => {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed name: the plain one below.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? suggested ?? new URL(url, location.href).pathname.split('/').pop() ?? 'download';
};

/**
 * Saves the file at `url` (a PDF, a bundle). It is fetched first: a refusal (e.g. 422, a 公表版 that would show
 * withheld text) is thrown as the server's Japanese message instead of being saved as a file that is no PDF.
 */
export const download = async (url: string, suggestedName?: string): Promise<void> => {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new ApiFailure(0, 'NETWORK', msg('networkError'));
  }
  if (!response.ok) throw failureOf(response.status, await response.json().catch(() => undefined));
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameOf(response.headers.get('content-disposition'), url, suggestedName);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser may still be reading the file when click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
};

/**
 * The click handler of a download link. The link stays an `<a href download>` (keyboard, context menu, the address
 * shown); a plain click goes through `download`, and a refusal is handed to `failed` to show beside the link.
 */
export const downloadLink =
  (failed: (error: ApiFailure) => void) =>
  (event: MouseEvent): void => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const link = event.currentTarget as HTMLAnchorElement;
    link.setAttribute('aria-busy', 'true');
    download(link.href, link.getAttribute('download') || undefined)
      .catch((error: unknown) => failed(error instanceof ApiFailure ? error : new ApiFailure(0, 'DOWNLOAD', String(error))))
      .finally(() => link.removeAttribute('aria-busy'));
  };
