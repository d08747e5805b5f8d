import { css } from 'lit';

/** Every modal dialog's card over a dimmed page; each dialog sets its own width. */
export const modalCardStyles = css`
  dialog { border: 0; border-radius: 8px; padding: 1.25rem 1.5rem; box-shadow: 0 10px 40px rgb(0 0 0 / 0.35); }
  dialog::backdrop { background: rgb(15 23 42 / 0.45); }
  dialog label { display: block; font-weight: 700; margin-top: 0.75rem; }
`;

/**
 * The look of the modal dialogs of reuse (複製, 様式の版の移行, 標準文の挿入): a wide card over a dimmed page. The
 * heading and the buttons stay in view; only the body between them scrolls, so a long report never pushes the
 * buttons below the window.
 */
export const dialogStyles = css`
  ${modalCardStyles}
  dialog { width: min(48rem, 94vw); max-height: 90vh; }
  dialog[open] { display: flex; flex-direction: column; overflow: hidden; }
  dialog > form { display: flex; flex-direction: column; min-height: 0; flex: 1 1 auto; }
  /* The padding keeps the fields' focus rings inside the scrolling box. */
  .body { flex: 1 1 auto; min-height: 0; overflow: auto; margin: 0 -0.3rem; padding: 0 0.3rem 0.3rem; }
  h2 { margin: 0 0 0.75rem; font-size: 1.15rem; flex: none; }
  h3 { margin: 1rem 0 0.25rem; font-size: 0.95rem; }
  input[type='text'], input[type='search'] { width: 100%; }
  .hint { margin: 0.25rem 0 0; font-size: 0.85rem; color: var(--pia-muted); }
  .actions { flex: none; display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 0.75rem; padding-top: 0.75rem;
    border-top: 1px solid var(--pia-line); }
  a.item { cursor: pointer; }
`;
