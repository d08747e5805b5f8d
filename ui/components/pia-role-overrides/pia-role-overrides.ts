import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ASSESSMENT_ROLES, type AssessmentRole } from '../../../src/domain/team.js';
import type { AssessmentSummary, UserResponse } from '../../../src/server/dto.js';
import { ROLE_NAMES_JA } from '../../../src/team/messages.ja.js';
import { api } from '../../api/client.js';
import { msg } from '../../messages.ja.js';
import { may } from '../../session.js';
import { baseStyles } from '../../styles/theme.js';

type Override = { readonly user: UserResponse; readonly assessmentId: string; readonly roles: readonly AssessmentRole[] };

/**
 * @summary Per-assessment role overrides, for 管理者: every account's overrides (the roles that replace its global
 * ones on one assessment), each removable, and a form to set one (account, assessment, role). The same route as
 * `pia user role` (PUT /api/users/:login/assessments/:id/roles), so the same rules hold and each change is audited as
 * a role change.
 */
export class PiaRoleOverrides extends LitElement {
  static override properties = {
    users: { attribute: false },
    changed: { attribute: false },
    assessments: { state: true },
    error: { state: true },
    notice: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      h2 { font-size: 1rem; margin: 1.5rem 0 0.25rem; }
      p.lead { margin: 0 0 0.5rem; font-size: 0.85rem; color: var(--pia-muted); }
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--pia-line); vertical-align: middle; overflow-wrap: anywhere; }
      th { background: var(--pia-label-bg); color: var(--pia-muted); }
      td code { font-size: 0.85rem; }
      td .title { display: block; font-size: 0.85rem; color: var(--pia-muted); }
      form.set { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-top: 0.75rem; }
      form.set .pick { display: flex; flex-direction: column; min-width: 0; max-width: 100%; }
      form.set label { font-weight: 700; font-size: 0.85rem; }
      form.set select { max-width: 100%; }
      form.set select[name='assessment'] { width: 26rem; }
      .empty { color: var(--pia-muted); font-size: 0.9rem; }
    `,
  ];
  declare users: readonly UserResponse[];
  /** Called after a change, so the page reloads the accounts. */
  declare changed: () => Promise<void>;
  declare assessments: readonly AssessmentSummary[];
  declare error: string;
  declare notice: string;

  constructor() {
    super();
    this.users = [];
    this.changed = async () => undefined;
    this.assessments = [];
    this.error = '';
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void api.list({}).then(
      (list) => (this.assessments = list.items),
      (error: unknown) => (this.error = error instanceof Error ? error.message : String(error)),
    );
  }

  private overrides(): Override[] {
    return this.users.flatMap((user) =>
      Object.entries(user.overrides).map(([assessmentId, roles]) => ({ user, assessmentId, roles })),
    );
  }

  /** Sets (or, with no roles, removes) an override; a refusal is shown in the server's words. */
  private async put(login: string, assessmentId: string, roles: AssessmentRole[], done: string): Promise<void> {
    this.error = '';
    this.notice = '';
    try {
      await api.setAssessmentRoles(login, assessmentId, { roles });
      await this.changed();
      this.notice = done;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private set(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string): string => (form.elements.namedItem(name) as HTMLSelectElement).value;
    const role = value('role') as AssessmentRole;
    const [login, assessmentId] = [value('login'), value('assessment')];
    const roleName = ROLE_NAMES_JA[role];
    void this.put(login, assessmentId, [role], msg('overrideSet', { login, id: assessmentId, role: roleName }));
  }

  private titleOf(id: string): string {
    return this.assessments.find((assessment) => assessment.id === id)?.title ?? '';
  }

  private row({ user, assessmentId, roles }: Override): TemplateResult {
    const title = this.titleOf(assessmentId);
    return html`<tr data-login=${user.login} data-assessment=${assessmentId}>
      <td>${user.displayName}（${user.login}）</td>
      <td><code>${assessmentId}</code>${title ? html`<span class="title">${title}</span>` : nothing}</td>
      <td>${roles.map((role) => ROLE_NAMES_JA[role]).join('・')}</td>
      <td><button type="button" aria-label=${msg('overrideRemoveNamed', { login: user.login, id: assessmentId })}
        @click=${() => void this.put(user.login, assessmentId, [], msg('overrideRemoved', { login: user.login, id: assessmentId }))}>
        ${msg('overrideRemove')}</button></td>
    </tr>`;
  }

  override render(): TemplateResult | typeof nothing {
    if (!may('users.manage')) return nothing;
    const overrides = this.overrides();
    return html`<section aria-labelledby="overrides-heading">
      <h2 id="overrides-heading">${msg('overridesHeading')}</h2>
      <p class="lead">${msg('overridesLead')}</p>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      ${overrides.length === 0
        ? html`<p class="empty">${msg('overridesEmpty')}</p>`
        : html`<table>
            <thead><tr><th>${msg('overrideUser')}</th><th>${msg('overrideAssessment')}</th><th>${msg('userRoles')}</th><th></th></tr></thead>
            <tbody>${overrides.map((override) => this.row(override))}</tbody>
          </table>`}
      <form class="set" @submit=${(e: SubmitEvent) => this.set(e)}>
        <div class="pick"><label for="override-login">${msg('overrideUser')}</label>
          <select id="override-login" name="login" required>${this.users.map((user) => html`<option value=${user.login}>${user.displayName}（${user.login}）</option>`)}</select></div>
        <div class="pick"><label for="override-assessment">${msg('overrideAssessment')}</label>
          <select id="override-assessment" name="assessment" required>${this.assessments.map(
            (assessment) => html`<option value=${assessment.id}>${assessment.id}　${assessment.title}</option>`,
          )}</select></div>
        <div class="pick"><label for="override-role">${msg('overrideRole')}</label>
          <select id="override-role" name="role">${ASSESSMENT_ROLES.map((role) => html`<option value=${role}>${ROLE_NAMES_JA[role]}</option>`)}</select></div>
        <button type="submit" class="primary">${msg('overrideSetButton')}</button>
      </form>
    </section>`;
  }
}

customElements.define('pia-role-overrides', PiaRoleOverrides);
declare global {
  interface HTMLElementTagNameMap {
    'pia-role-overrides': PiaRoleOverrides;
  }
}
