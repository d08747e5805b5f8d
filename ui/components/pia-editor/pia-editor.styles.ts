import { css } from 'lit';

export const editorStyles = css`
  :host { display: block; }
  .toolbar {
    position: sticky; top: 0; z-index: 5;
    display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem;
    padding: 0.6rem 1.25rem; background: var(--pia-surface); border-bottom: 1px solid var(--pia-line);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.06);
  }
  .doc { flex: 1 1 20rem; min-width: 0; }
  .doc h1 { font-size: 1.1rem; margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .doc .form-name { color: var(--pia-muted); font-size: 0.85rem; }
  .doc .revision-state { margin-left: 0.5rem; font-size: 0.8rem; padding: 0 0.5rem; border-radius: 3px; border: 1px solid var(--pia-line-strong); white-space: nowrap; }
  .status { display: inline-flex; align-items: center; gap: 0.4rem; font-size: 0.9rem; padding: 0.2rem 0.6rem; border-radius: 999px; }
  .status::before { content: ''; width: 0.6rem; height: 0.6rem; border-radius: 50%; background: currentColor; }
  .status.saved { color: var(--pia-ok); background: #e8f4ec; }
  .status.dirty, .status.saving { color: var(--pia-warn); background: #fdf3dc; }
  .status.error { color: var(--pia-error); background: var(--pia-error-soft); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .actions a.button {
    display: inline-flex; align-items: center; text-decoration: none; border: 1px solid var(--pia-line-strong);
    border-radius: 4px; padding: 0.3rem 0.8rem; min-height: 2.25rem; background: var(--pia-surface); color: var(--pia-ink);
  }
  .layout { display: grid; grid-template-columns: 19rem minmax(0, 1fr); gap: 1.5rem; padding: 1.25rem; max-width: 96rem; margin: 0 auto; }
  aside { position: sticky; top: 5.5rem; align-self: start; max-height: calc(100vh - 6.5rem); overflow: auto;
    background: var(--pia-surface); border: 1px solid var(--pia-line); border-radius: 6px; padding: 0.75rem; }
  main { min-width: 0; }
  pia-issue-list, .notice { margin-bottom: 1rem; }
  .notice { background: #fdf3dc; border: 1px solid #ecd08c; border-radius: 6px; padding: 0.5rem 1rem; }
  .snippet-outdated ul { margin: 0.25rem 0; padding-left: 1.25rem; }
  .file-actions { display: flex; gap: 0.25rem; flex-wrap: wrap; }
  .add-file { margin: -0.75rem 0 1.5rem; }
  .message { padding: 2rem; }
  details.outline-toggle { display: none; }
  @media (max-width: 1000px) {
    .layout { grid-template-columns: 1fr; padding: 0.75rem; }
    aside { display: none; }
    details.outline-toggle { display: block; background: var(--pia-surface); border: 1px solid var(--pia-line); border-radius: 6px; padding: 0.5rem 0.75rem; margin-bottom: 1rem; }
    details.outline-toggle summary { cursor: pointer; font-weight: 700; }
    .toolbar { padding: 0.5rem 0.75rem; position: static; }
  }
`;
