import { css } from 'lit';

/**
 * Shared look: calm navy and grey like printed official forms, BIZ UDゴシック (a universal-design face made for
 * public documents), generous line height, visible focus rings for keyboard users.
 */
export const baseStyles = css`
  :host {
    font-family: var(--pia-font);
    color: var(--pia-ink);
    line-height: 1.7;
  }
  *, *::before, *::after { box-sizing: border-box; }
  button, input, select, textarea { font: inherit; color: inherit; }
  button {
    cursor: pointer;
    border: 1px solid var(--pia-line-strong);
    background: var(--pia-surface);
    border-radius: 4px;
    padding: 0.3rem 0.8rem;
    min-height: 2.25rem;
  }
  button:hover { background: var(--pia-surface-hover); }
  button.primary { background: var(--pia-accent); border-color: var(--pia-accent); color: #fff; }
  button.primary:hover { background: var(--pia-accent-dark); }
  button.quiet { border-color: transparent; background: transparent; color: var(--pia-accent); }
  button.quiet:hover { background: var(--pia-surface-hover); }
  button.danger { color: var(--pia-error); }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  input[type='text'], input[type='search'], input[type='number'], input[type='date'], select, textarea {
    border: 1px solid var(--pia-line-strong);
    border-radius: 3px;
    background: #fff;
    padding: 0.35rem 0.5rem;
    min-height: 2.25rem;
    max-width: 100%;
  }
  textarea { width: 100%; resize: vertical; field-sizing: content; min-height: 4.2em; line-height: 1.7; }
  :focus-visible { outline: 3px solid var(--pia-focus); outline-offset: 1px; }
  a { color: var(--pia-accent); }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
  .issue {
    color: var(--pia-error);
    font-size: 0.9rem;
    margin: 0.25rem 0 0;
    padding-left: 1.3rem;
    position: relative;
  }
  .issue::before { content: '!'; position: absolute; left: 0; top: 0.1rem; width: 1rem; height: 1rem;
    border-radius: 50%; background: var(--pia-error); color: #fff; font-size: 0.7rem; font-weight: 700;
    text-align: center; line-height: 1rem; }
  .badge {
    display: inline-block; min-width: 1.5rem; padding: 0 0.45rem; border-radius: 999px;
    background: var(--pia-error); color: #fff; font-size: 0.75rem; line-height: 1.4rem; text-align: center;
  }
`;
