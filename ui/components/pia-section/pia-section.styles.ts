import { css } from 'lit';
import { formStyles } from '../../styles/form.js';

export const sectionStyles = [
  formStyles,
  css`
    :host {
      display: block;
      background: var(--pia-surface);
      border: 1px solid var(--pia-line);
      border-radius: 6px;
      margin-bottom: 1.5rem;
      scroll-margin-top: 7rem;
    }
    header {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem;
      padding: 0.8rem 1rem; border-bottom: 2px solid var(--pia-accent);
    }
    h2 { font-size: 1.2rem; margin: 0; flex: 1 1 auto; letter-spacing: 0.02em; }
    .body { padding: 0 0 0.5rem; }
    /* An item not rendered yet keeps about its height, so the scroll bar and jumps stay near right. */
    pia-item { display: block; }
    .placeholder { background: repeating-linear-gradient(180deg, transparent 0 3.2rem, var(--pia-label-bg) 3.2rem 3.3rem); }
  `,
];
