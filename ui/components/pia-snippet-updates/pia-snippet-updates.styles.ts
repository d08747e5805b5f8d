import { css } from 'lit';

export const snippetUpdatesStyles = css`
  :host { display: block; max-width: 82rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
  h2 { font-size: 1.25rem; margin: 0 0 0.75rem; }
  h3 { font-size: 1.05rem; margin: 0; }
  .panel h3 { margin-top: 1rem; }
  h4 { font-size: 0.95rem; margin: 1rem 0 0.35rem; }
  h5 { font-size: 0.85rem; margin: 0 0 0.25rem; color: var(--pia-muted); }
  .panel, .assessment, .result { background: var(--pia-surface); border: 1px solid var(--pia-line); border-radius: 6px;
    padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
  .result { border-color: var(--pia-ok); }
  .result > p:first-child { margin-top: 0; }
  .hint { margin: 0.25rem 0 0; font-size: 0.85rem; color: var(--pia-muted); }
  label[for='summary'] { display: block; font-weight: 700; margin-top: 0.75rem; }
  #summary { width: min(48rem, 100%); }
  .renewals { margin: 0.25rem 0 0; padding-left: 1.25rem; }
  .actions { display: flex; justify-content: flex-end; gap: 0.75rem; margin-top: 0.75rem; }
  header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
  .uses { margin: 0.5rem 0 0; padding-left: 0; list-style: none; }
  .uses li { margin: 0.3rem 0; }
  .path { display: block; font-size: 0.8rem; color: var(--pia-muted); }
  .state { display: inline-block; font-size: 0.75rem; padding: 0 0.45rem; border-radius: 3px; border: 1px solid var(--pia-line-strong);
    margin-right: 0.4rem; white-space: nowrap; }
  .state.intact { background: #e8f4ec; border-color: #b7d8c1; }
  .state.edited, .state.missing, .state.unknown { background: #fdf3dc; border-color: #ecd08c; }
  table.rows { width: 100%; border-collapse: collapse; font-size: 0.85rem; table-layout: fixed; }
  table.rows th, table.rows td { border: 1px solid var(--pia-line); padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
  table.rows th { background: var(--pia-label-bg); }
  table.rows th:nth-child(1) { width: 26%; } table.rows th:nth-child(4) { width: 6rem; }
  td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
  /* Four whole lines (the cell's line height is 1.7), the rest scrolls. */
  td .clip { max-height: 6.8em; overflow: auto; }
  td.summary { font-weight: 700; }
  .conflict { border-left: 4px solid var(--pia-warn); background: #fffaf0; padding: 0.5rem 0.75rem; margin: 0.5rem 0 0.75rem; }
  .warning { color: var(--pia-warn); margin: 0 0 0.5rem; }
  .three { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.75rem; }
  .three .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; background: #fff; border: 1px solid var(--pia-line);
    border-radius: 3px; padding: 0.4rem 0.5rem; }
  ins { background: var(--pia-ins); text-decoration: none; }
  del { background: var(--pia-del); }
  fieldset.choice { border: 0; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.35rem 1.25rem; }
  fieldset.choice legend { font-weight: 700; font-size: 0.85rem; padding: 0; margin-bottom: 0.2rem; }
  fieldset.choice label { display: flex; align-items: center; gap: 0.35rem; }
  .empty { padding: 1rem 0; }
  @media (max-width: 760px) { .three { grid-template-columns: 1fr; } }
`;
