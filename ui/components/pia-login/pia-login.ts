import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { api } from '../../api/client.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary The login page of the team server: login name and password. A refusal never says which of the two was
 * wrong (the server's message is shown as it is); a signed-in page is loaded afresh.
 * @fires pia-signed-in - the session started
 */
export class PiaLogin extends LitElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; padding: 3rem 1rem; }
      form { max-width: 22rem; margin: 0 auto; padding: 1.5rem; border: 1px solid var(--pia-line); border-radius: 8px; background: #fff; }
      h1 { font-size: 1.2rem; margin: 0 0 1rem; }
      label { display: block; font-weight: 700; margin-top: 0.9rem; }
      input { width: 100%; }
      button { margin-top: 1.25rem; width: 100%; }
    `,
  ];
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement).value;
    this.busy = true;
    this.error = '';
    try {
      await api.login(value('login').trim(), value('password'));
      this.dispatchEvent(new CustomEvent('pia-signed-in', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    return html`<form @submit=${(e: SubmitEvent) => void this.submit(e)}>
      <h1>${msg('loginHeading')}</h1>
      <label for="login">${msg('loginName')}</label>
      <input id="login" name="login" autocomplete="username" required autofocus />
      <label for="password">${msg('loginPassword')}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.busy}>${msg('loginSubmit')}</button>
    </form>`;
  }
}

customElements.define('pia-login', PiaLogin);
declare global {
  interface HTMLElementTagNameMap {
    'pia-login': PiaLogin;
  }
  interface GlobalEventHandlersEventMap {
    'pia-signed-in': CustomEvent<void>;
  }
}
