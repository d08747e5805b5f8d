import { css } from 'lit';

/**
 * The form's structure as render-node lays it out: item headings, sub-rows, repeated groups and their entries.
 * Shared by every element that renders form items in its shadow root (a part, a table row opened for editing).
 */
export const formStyles = css`
  section.group { scroll-margin-top: 7rem; }
  .heading {
    font-weight: 700; padding: 0.6rem 0.75rem; background: var(--pia-accent-soft);
    border-top: 1px solid var(--pia-line);
  }
  .group.depth-2 > .heading, .group.depth-3 > .heading { background: #f3f5f8; font-weight: 700; }
  .items { }
  .subrows { margin-left: 1.5rem; border-left: 3px solid var(--pia-label-bg); }
  .group.depth-2 > .items, .group.depth-3 > .items { margin-left: 1rem; border-left: 3px solid var(--pia-label-bg); }
  .entry { margin: 0.75rem; border: 1px solid var(--pia-line-strong); border-radius: 4px; overflow: hidden; scroll-margin-top: 7rem; }
  .entry-head {
    display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.25rem;
    padding: 0.3rem 0.5rem 0.3rem 0.75rem; background: #e9edf2; font-weight: 700;
  }
  .entry-actions { display: inline-flex; gap: 0.25rem; font-weight: 400; }
  .add { margin: 0.5rem 0.75rem 0.75rem; }
  .empty { margin: 0.5rem 0.75rem; color: var(--pia-muted); }
  .group > div[role='alert'] { padding: 0 0.75rem; }
  @media (max-width: 760px) {
    .subrows, .group.depth-2 > .items, .group.depth-3 > .items { margin-left: 0.4rem; }
    .entry { margin: 0.5rem 0.25rem; }
  }
`;
