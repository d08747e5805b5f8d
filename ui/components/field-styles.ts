import { css, html, nothing, type TemplateResult } from 'lit';

/**
 * One item row, laid out like the printed form: the official label in a shaded cell on the left and the answer
 * on the right; on a narrow window the label goes above the answer.
 */
export const fieldStyles = css`
  :host { display: block; }
  .row {
    display: grid;
    grid-template-columns: minmax(10rem, 17rem) 1fr;
    border-top: 1px solid var(--pia-line);
  }
  .label {
    background: var(--pia-label-bg);
    padding: 0.55rem 0.75rem;
    font-size: 0.95rem;
    white-space: pre-line;
    word-break: break-word;
  }
  .control { padding: 0.5rem 0.75rem; min-width: 0; }
  :host([invalid]) .label { box-shadow: inset 4px 0 0 var(--pia-error); }
  :host([invalid]) .control input, :host([invalid]) .control textarea, :host([invalid]) .control select {
    border-color: var(--pia-error);
  }
  /* The comment badge beside the label; on an item without comments only while the row is pointed at or focused. */
  ::slotted([slot='comments']) { float: right; margin: 0 0 0.2rem 0.4rem; }
  .row:not(:hover):not(:focus-within) ::slotted([slot='comments'][idle]) { opacity: 0; }
  .hint { color: var(--pia-muted); font-size: 0.85rem; margin: 0.2rem 0 0; }
  @media (max-width: 760px) {
    .row { grid-template-columns: 1fr; }
    .label { padding-bottom: 0.3rem; }
  }
`;

/**
 * The label cell, the control and the item's validation messages (announced to screen readers); the item's comment
 * badge (slot `comments`) sits in the label cell and its open threads (slot `thread`) under the answer.
 */
export const fieldRow = (
  label: string | undefined,
  labelFor: string | undefined,
  control: TemplateResult,
  issues: readonly string[],
): TemplateResult => html`
  <div class="row">
    <div class="label"><slot name="comments"></slot><span id="label">${labelFor ? html`<label for=${labelFor}>${label}</label>` : label}</span></div>
    <div class="control">
      ${control}
      ${issues.length > 0
        ? html`<div id="issues" role="alert">${issues.map((text) => html`<p class="issue">${text}</p>`)}</div>`
        : nothing}
      <slot name="thread"></slot>
    </div>
  </div>
`;
