import { describe, expect, it } from 'vitest';
import { childNode, formRoot, type ResolvedNode } from '../../../src/schema/resolve.js';
import { hiddenItems } from '../../../ui/form/conditions.js';

const nodeAt = (form: 'yoshiki3' | 'yoshiki4', ...segments: string[]): ResolvedNode =>
  segments.reduce<ResolvedNode>((node, segment) => childNode(node, segment)!, formRoot(form));

const CONSIGNMENT = ['files', '0', 'overview', 'consignment'];

describe('items shown only when they apply (the schema if/then)', () => {
  it('hides the 委託事項 and the count when 委託しない, and shows them when 委託する', () => {
    const node = nodeAt('yoshiki3', ...CONSIGNMENT);
    const pointer = '/files/0/overview/consignment';
    const notConsigned = { status: { value: '委託しない', count: null }, items: [] };
    expect([...hiddenItems(node, pointer, notConsigned)].sort()).toEqual([`${pointer}/items`, `${pointer}/status/count`]);
    expect(hiddenItems(node, pointer, { status: { value: '委託する', count: 1 }, items: [] }).size).toBe(0);
  });

  it('keeps an item that still holds a value visible, so its message can be seen and nothing disappears', () => {
    const node = nodeAt('yoshiki3', ...CONSIGNMENT);
    const hidden = hiddenItems(node, '', { status: { value: '委託しない', count: 3 }, items: [] });
    expect([...hidden]).toEqual(['/items']);
  });

  it('hides 再委託 details when 再委託しない unless they were written', () => {
    const node = nodeAt('yoshiki3', ...CONSIGNMENT, 'items', '0');
    const entry = { reconsignment: '再委託しない', reconsignmentPermission: '―', reconsignmentMatters: '' };
    expect([...hiddenItems(node, '', entry)].sort()).toEqual(['/reconsignmentMatters', '/reconsignmentPermission']);
    expect([...hiddenItems(node, '', { ...entry, reconsignmentMatters: '保守の一部' })]).toEqual(['/reconsignmentPermission']);
  });

  it('shows ②法令上の根拠 of 情報連携 only when 実施する', () => {
    const node = nodeAt('yoshiki3', 'basicInfo', 'networkLinkage');
    expect([...hiddenItems(node, '', { implementation: '実施しない', legalBasis: '' })]).toEqual(['/legalBasis']);
    expect(hiddenItems(node, '', { implementation: '実施する', legalBasis: '' }).size).toBe(0);
  });
});
