/** Revisions: diff + 変更箇所 table generation between two versions (median of repeated runs, after one warm-up). */
import { performance } from 'node:perf_hooks';
import type { Yoshiki4Assessment } from '../src/domain/assessment.gen.js';
import { computeChanges, cumulativeChangeRows, proposeRows } from '../src/diff/index.js';
import { loadAssessment } from '../src/store/index.js';
import { benchRevisionList } from './revision-list.mjs';
import { median, sampleFile, sampleMemory } from './support.mjs';

const RUNS = 20;
type Doc = Yoshiki4Assessment;
type Node = Record<string | number, unknown>;

/** Every text item of the document (outside the imported 変更箇所), so a bench revision can edit some of them. */
const textPointers = (value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] => {
  if (typeof value === 'string' && value.length > 20) out.push(at);
  else if (Array.isArray(value)) value.forEach((item, i) => textPointers(item, [...at, i], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) if (key !== 'changeHistory') textPointers(item, [...at, key], out);
  return out;
};

const appendLine = (doc: Doc, pointer: (string | number)[]): void => {
  const parent = pointer.slice(0, -1).reduce<Node>((node, key) => node[key] as Node, doc as unknown as Node);
  parent[pointer.at(-1)!] = `${String(parent[pointer.at(-1)!])}\n・見直しに伴い追記した。`;
};

const measure = (label: string, form: 'yoshiki4', before: Doc, after: Doc): void => {
  const run = (): number => {
    const rows = proposeRows(computeChanges(form, before, after), '2026-04-01');
    return cumulativeChangeRows(after, [rows]).length;
  };
  const changes = computeChanges(form, before, after).length;
  const rows = run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
    sampleMemory();
  }
  console.log(`  ${label.padEnd(50)} ${String(changes).padStart(5)} changes, appendix ${String(rows).padStart(5)} rows   median of ${RUNS} ${median(times).toFixed(1).padStart(7)} ms`);
};

export const benchRevisions = async (): Promise<void> => {
  console.log('revisions: diff + 変更箇所 rows + cumulative appendix');
  const current = (await loadAssessment(sampleFile('001-kitakyushu-yobosesshu'))).data as unknown as Doc;

  // A realistic revision of the 全項目 sample: a system removed, the rest reordered, every 10th text edited.
  const previous = structuredClone(current);
  previous.basicInfo.systems.push({ ...structuredClone(previous.basicInfo.systems[0]!), id: 'system-9', name: 'ワクチン接種記録システム（VRS）' });
  previous.basicInfo.systems.reverse();
  textPointers(previous).filter((_, i) => i % 10 === 0).forEach((pointer) => appendLine(previous, pointer));
  measure('001 全項目: two revisions (1 slot, every 10th text)', 'yoshiki4', previous, current);

  // Synthetic: 200 委託事項 with 5 changed items each = 1,000 changed items.
  const wide = structuredClone(current);
  const consignment = wide.files[0]!.overview.consignment;
  const template = consignment.items[0]!;
  consignment.items = Array.from({ length: 200 }, (_, i) => ({ ...structuredClone(template), id: `consignee-${i + 1}`, name: `委託事項${i + 1}` }));
  const edited = structuredClone(wide);
  for (const item of edited.files[0]!.overview.consignment.items) {
    item.content += '（見直し）';
    item.contractor += '（商号変更）';
    item.reconsignment = item.reconsignment === '再委託する' ? '再委託しない' : '再委託する';
    item.handlerCount = item.handlerCount === '10人未満' ? '10人以上50人未満' : '10人未満';
    item.deliveryMethods.email = !item.deliveryMethods.email;
  }
  measure('synthetic 全項目: 1,000 changed items (200 委託事項 × 5)', 'yoshiki4', wide, edited);
  await benchRevisionList();
};
