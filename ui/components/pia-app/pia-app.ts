import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ROLE_NAMES_JA } from '../../../src/team/messages.ja.js';
import { api } from '../../api/client.js';
import { msg } from '../../messages.ja.js';
import { routeOf, type Route } from '../../../src/domain/page-routes.js';
import { currentSession, loadSession, may } from '../../session.js';
import { baseStyles } from '../../styles/theme.js';
import { useWebFontSoon } from '../../web-font.js';
import type { PiaEditor } from '../pia-editor/pia-editor.js';
import '../pia-assessment-list/pia-assessment-list.js';
import '../pia-editor/pia-editor.js';
import { loadReuse } from '../../reuse/load.js';
import '../pia-login/pia-login.js';
import { isLoaded, loadPage, type LazyPage } from './page-chunks.js';

/**
 * @summary The application shell: header (with the signed-in person and logout on the team server) and the page for
 * the current URL (list, editor, compare, audit, accounts), or the login page while nobody is signed in.
 * In-app navigation saves the open draft first, so leaving the editor never drops an edit.
 */
export class PiaApp extends LitElement {
  static override properties = { route: { state: true }, ready: { state: true }, unloaded: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; min-height: 100vh; }
      .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem 1rem; z-index: 10; }
      .skip:focus { left: 0.5rem; }
      header.app { background: var(--pia-accent); color: #fff; padding: 0.6rem 1.25rem; display: flex; align-items: baseline; flex-wrap: wrap; gap: 0.25rem 1rem; }
      header.app a { color: #fff; text-decoration: none; font-weight: 700; font-size: 1.05rem; letter-spacing: 0.03em; }
      header.app span { font-size: 0.85rem; opacity: 0.85; }
      header.app nav { margin-left: auto; }
      header.app a.nav { font-size: 0.9rem; font-weight: 400; text-decoration: underline; }
      header.app .user { margin-left: auto; display: flex; gap: 0.75rem; align-items: baseline; font-size: 0.85rem; }
      header.app .user a { font-size: 0.85rem; font-weight: 400; text-decoration: underline; }
      header.app .user button { font-size: 0.8rem; padding: 0.1rem 0.6rem; min-height: 0; color: var(--pia-accent-dark); background: #fff; }
      p.missing { padding: 2rem; }
    `,
  ];
  declare route: Route;
  /** The session is known (pages decide what to offer from it). */
  declare ready: boolean;
  /** A page whose chunk could not be loaded (the server unreachable, or updated since this page was opened). */
  declare unloaded: LazyPage | undefined;

  constructor() {
    super();
    this.ready = false;
    this.unloaded = undefined;
    this.route = routeOf(location.pathname);
    void loadSession()
      .catch(() => undefined)
      .then(() => (this.ready = true));
    // A new session: every page decides afresh what to offer.
    this.addEventListener('pia-signed-in', () => location.reload());
    window.addEventListener('popstate', () => this.show(location.pathname));
    this.addEventListener('pia-navigate', (event) => void this.navigate(event.detail.path));
  }

  private async navigate(path: string): Promise<void> {
    const editor = this.renderRoot.querySelector<PiaEditor>('pia-editor');
    if (editor && !(await editor.flush()) && !window.confirm(msg('leaveWarning'))) return;
    history.pushState(null, '', path);
    this.show(new URL(path, location.href).pathname);
    window.scrollTo(0, 0);
  }

  /** A page whose chunk failed is tried again when it is opened again. */
  private show(path: string): void {
    this.route = routeOf(path);
    this.unloaded = undefined;
  }

  /** A page loaded on demand (page-chunks.ts): its element once its chunk has run, a loading line until then. */
  private lazyPage(page: LazyPage, element: TemplateResult): TemplateResult {
    if (isLoaded(page)) return element;
    if (this.unloaded === page) return html`<p class="missing" role="alert">${msg('pageLoadFailed')}</p>`;
    loadPage(page).then(
      () => this.requestUpdate(),
      () => {
        if (this.route.page === page) this.unloaded = page;
      },
    );
    return html`<p class="missing" role="status">${msg('loading')}</p>`;
  }

  protected override updated(): void {
    // The editor says itself when its first screen is drawn; other pages are small.
    if (this.ready && (this.route.page !== 'editor' || (currentSession()?.mode === 'login' && !currentSession()?.user))) useWebFontSoon();
  }

  private async logout(): Promise<void> {
    await api.logout().catch(() => undefined);
    location.assign('/');
  }

  private userBar(): TemplateResult | typeof nothing {
    const user = currentSession()?.user;
    if (!user) return nothing;
    const roles = user.roles.map((role) => ROLE_NAMES_JA[role]).join('・');
    return html`<div class="user">
      ${may('users.manage') ? html`<a href="/users" @click=${(e: Event) => { e.preventDefault(); void this.navigate('/users'); }}>${msg('usersLink')}</a>` : nothing}
      <span class="who">${msg('signedInAs', { name: user.displayName, roles })}</span>
      <button type="button" @click=${() => void this.logout()}>${msg('logout')}</button>
    </div>`;
  }

  private page(): TemplateResult {
    const session = currentSession();
    if (!this.ready) return html``;
    if (session?.mode === 'login' && !session.user) return html`<pia-login></pia-login>`;
    switch (this.route.page) {
      case 'list':
        return html`<pia-assessment-list></pia-assessment-list>`;
      case 'editor':
        return html`<pia-editor .assessmentId=${this.route.id}></pia-editor>`;
      case 'compare':
        return this.lazyPage('compare', html`<pia-compare .assessmentId=${this.route.id}></pia-compare>`);
      case 'snippets':
        // The page's element is defined by the reuse chunk; it upgrades in place when that arrives.
        void loadReuse();
        return html`<pia-snippet-updates></pia-snippet-updates>`;
      case 'audit':
        return this.lazyPage('audit', html`<pia-audit .assessmentId=${this.route.id}></pia-audit>`);
      case 'users':
        return this.lazyPage('users', html`<pia-users></pia-users>`);
      default:
        return html`<p class="missing">${msg('notFound')}</p>`;
    }
  }

  override render(): TemplateResult {
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>('#main')?.focus();
      }}>${msg('skipToMain')}</a>
      <header class="app">
        <a href="/" @click=${(e: Event) => { e.preventDefault(); void this.navigate('/'); }}>${msg('appTitle')}</a>
        <span>${msg('appSubtitle')}</span>
        <nav><a class="nav" href="/snippets" @click=${(e: Event) => { e.preventDefault(); void this.navigate('/snippets'); }}>${msg('snippetUpdatesLink')}</a></nav>
        ${this.ready ? this.userBar() : nothing}
      </header>
      <div id="main" tabindex="-1">${this.page()}</div>
    `;
  }
}

customElements.define('pia-app', PiaApp);
declare global {
  interface HTMLElementTagNameMap {
    'pia-app': PiaApp;
  }
}
