import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ROLES, type Role } from '../../../src/domain/team.js';
import type { UserResponse } from '../../../src/server/dto.js';
import { ROLE_NAMES_JA } from '../../../src/team/messages.ja.js';
import { api } from '../../api/client.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import '../pia-role-overrides/pia-role-overrides.js';

const checkedRoles = (form: HTMLFormElement): Role[] =>
  ROLES.filter((role) => (form.elements.namedItem(`role-${role}`) as HTMLInputElement | null)?.checked);

const roleBoxes = (prefix: string, held: readonly Role[]): TemplateResult =>
  html`${ROLES.map(
    (role) => html`<label class="role"><input type="checkbox" name="role-${role}" id="${prefix}-${role}" .checked=${held.includes(role)} />
      ${ROLE_NAMES_JA[role]}</label>`,
  )}`;

/**
 * @summary Accounts and their roles, for 管理者: add an account with a first password, change its roles, disable or
 * enable it. Passwords are set here or with `pia user passwd`; the server keeps only their hashes.
 */
export class PiaUsers extends LitElement {
  static override properties = { users: { state: true }, error: { state: true }, notice: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; padding: 1rem 1.25rem; max-width: 60rem; }
      h1 { font-size: 1.2rem; margin: 0 0 0.75rem; }
      h2 { font-size: 1rem; margin: 1.5rem 0 0.5rem; }
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--pia-line); vertical-align: middle; }
      th { background: var(--pia-label-bg); color: var(--pia-muted); }
      label.role { display: inline-flex; gap: 0.2rem; margin-right: 0.6rem; font-weight: 400; }
      form.create label.field { display: block; font-weight: 700; margin-top: 0.6rem; }
      form.create input[type='text'], form.create input[type='password'] { width: min(24rem, 100%); }
    `,
  ];
  declare users: readonly UserResponse[];
  declare error: string;
  declare notice: string;

  constructor() {
    super();
    this.users = [];
    this.error = '';
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.attempt(async () => this.reload());
  }

  private async reload(): Promise<void> {
    this.users = (await api.users()).items;
  }

  /** Runs an action; a refusal (403, a taken name, a short password) is shown in the server's Japanese words. */
  private async attempt(action: () => Promise<string | void>): Promise<void> {
    this.error = '';
    this.notice = '';
    try {
      this.notice = (await action()) ?? '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private create(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement).value;
    void this.attempt(async () => {
      const created = await api.createUser({ login: value('login').trim(), displayName: value('displayName').trim(), password: value('password'), roles: checkedRoles(form) });
      form.reset();
      await this.reload();
      return msg('userCreated', { login: created.login });
    });
  }

  private change(user: UserResponse, body: Parameters<typeof api.updateUser>[1]): void {
    void this.attempt(async () => {
      await api.updateUser(user.login, body);
      await this.reload();
      return msg('userSaved', { login: user.login });
    });
  }

  private row(user: UserResponse): TemplateResult {
    return html`<tr data-login=${user.login}>
      <td>${user.login}</td>
      <td>${user.displayName}</td>
      <td><form @submit=${(e: SubmitEvent) => { e.preventDefault(); this.change(user, { roles: checkedRoles(e.target as HTMLFormElement) }); }}>
        ${roleBoxes(`roles-${user.login}`, user.roles)}
        <button type="submit">${msg('userRolesSave')}</button></form></td>
      <td>${user.disabled ? msg('userDisabled') : msg('userActive')}</td>
      <td><button type="button" @click=${() => this.change(user, { disabled: !user.disabled })}>
        ${user.disabled ? msg('userEnable') : msg('userDisable')}</button></td>
    </tr>`;
  }

  override render(): TemplateResult {
    return html`<h1>${msg('usersHeading')}</h1>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      <table>
        <thead><tr><th>${msg('userLogin')}</th><th>${msg('userName')}</th><th>${msg('userRoles')}</th><th>${msg('userState')}</th><th></th></tr></thead>
        <tbody>${this.users.map((user) => this.row(user))}</tbody>
      </table>
      <pia-role-overrides .users=${this.users} .changed=${() => this.reload()}></pia-role-overrides>
      <h2>${msg('userCreateHeading')}</h2>
      <form class="create" @submit=${(e: SubmitEvent) => this.create(e)}>
        <label class="field" for="new-login">${msg('userLogin')}</label><input type="text" id="new-login" name="login" required />
        <label class="field" for="new-name">${msg('userName')}</label><input type="text" id="new-name" name="displayName" required />
        <label class="field" for="new-password">${msg('userPassword')}</label>
        <input type="password" id="new-password" name="password" autocomplete="new-password" required />
        <p>${roleBoxes('new', [])}</p>
        <button type="submit" class="primary">${msg('userCreate')}</button>
      </form>`;
  }
}

customElements.define('pia-users', PiaUsers);
declare global {
  interface HTMLElementTagNameMap {
    'pia-users': PiaUsers;
  }
}
