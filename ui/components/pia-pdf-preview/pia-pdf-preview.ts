import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { api, failureOf } from '../../api/client.js';
import { downloadLink } from '../../api/download.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary The PDF of the saved draft inside the page, and its download. The PDF is fetched first so that a
 * refusal (e.g. a draft with issues) is shown as the server's Japanese message rather than raw JSON.
 */
export class PiaPdfPreview extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    url: { state: true },
    error: { state: true },
    loading: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; background: var(--pia-surface); border: 1px solid var(--pia-line); border-radius: 6px; padding: 0.75rem 1rem; margin-bottom: 1.5rem; }
      header { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between; }
      h2 { font-size: 1.1rem; margin: 0; }
      iframe { width: 100%; height: min(80vh, 60rem); border: 1px solid var(--pia-line); margin-top: 0.75rem; background: #fff; }
    `,
  ];
  declare assessmentId: string;
  declare url: string;
  declare error: string;
  declare loading: boolean;
  /** A refused download is said here like a refused preview, not saved as a file. */
  private readonly downloadFailed = downloadLink((error) => {
    this.error = error.message;
  });

  constructor() {
    super();
    this.url = '';
    this.error = '';
    this.loading = false;
  }

  async refresh(): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      const response = await fetch(api.pdfUrl(this.assessmentId));
      if (!response.ok) throw failureOf(response.status, await response.json().catch(() => undefined));
      if (this.url) URL.revokeObjectURL(this.url);
      this.url = URL.createObjectURL(await response.blob());
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.url) URL.revokeObjectURL(this.url);
  }

  override render(): TemplateResult {
    return html`
      <header>
        <h2>${msg('pdfHeading')}</h2>
        <a class="download" href=${api.pdfUrl(this.assessmentId, { download: true })} download @click=${this.downloadFailed}>${msg('pdfDownload')}</a>
      </header>
      ${this.loading ? html`<p role="status">${msg('loading')}</p>` : nothing}
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      ${this.url ? html`<iframe title=${msg('pdfFrameTitle')} src=${this.url}></iframe>` : nothing}
    `;
  }
}

customElements.define('pia-pdf-preview', PiaPdfPreview);
declare global {
  interface HTMLElementTagNameMap {
    'pia-pdf-preview': PiaPdfPreview;
  }
}
