/**
 * The 中間サーバー・プラットフォーム renewal (自治体中間サーバ・プラットフォーム更改) that 001 and 004 went through:
 * the bundled documents record their renewed spans as version 2 of the library's texts. `beforeRenewal` rebuilds a
 * document as it read before (those spans back to version 1), so an update to version 2 can be replayed; 004 also
 * gets the version-1 text of Ⅲ６ it had taken in and then edited by hand (its ④ reads 保守・運用を行う事業者及び
 * クラウドサービス事業者), which an update must leave alone.
 */
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createLibrary, hashText, snippetUsesOf, type SnippetLibrary, type SnippetUse } from '../../src/snippets/index.js';
import type { FormId } from '../../src/schema/index.js';
import { loadAssessment, readSnippetLibrary, serializeAssessment } from '../../src/store/index.js';
import { getAt, setAt } from '../checks/seed-fixtures.js';
import { ROOT, seedFile } from './seeds.js';

export const RENEWED = ['chukan-pf-hokan-basho', 'chukan-pf-shokyo', 'chukan-pf-renkei', 'chukan-pf-butsuri', 'chukan-pf-hokan-sonota'];
export const RENEWAL_SUMMARY = '自治体中間サーバ・プラットフォーム更改による対応を記載';
/** Ⅲ６ その他のリスク of both samples: 004's copy of the text was edited by hand. */
export const NETWORK_OTHER = '/files/0/riskMeasures/network/otherRisks';
/** The items of 004 an update to version 2 rewrites (Ⅱ６ 保管場所, Ⅲ７ その他のリスク). */
export const RENEWED_004 = ['/files/0/overview/storage/location', '/files/0/riskMeasures/storage/otherRisks'];

export const LIBRARY_DIR = path.join(ROOT, 'assessments', 'snippets');

export const bundledLibrary = async (): Promise<SnippetLibrary> =>
  createLibrary((await readSnippetLibrary(path.join(ROOT, 'assessments'))).snippets);

/** The document with its recorded version-2 spans of the renewed texts put back to version 1. */
export const beforeRenewal = (data: Record<string, unknown>, library: SnippetLibrary): Record<string, unknown> => {
  const previous = structuredClone(data);
  previous['snippetUses'] = snippetUsesOf(data).map((use): SnippetUse => {
    if (!RENEWED.includes(use.snippet) || use.version !== 2) return use;
    const [now, old] = [library.get(use.snippet, 2)!.body, library.get(use.snippet, 1)!.body];
    setAt(previous, use.pointer, String(getAt(previous, use.pointer)).replace(now, old));
    return { ...use, version: 1, hash: hashText(old) };
  });
  return previous;
};

/** 004 before the renewal, with its hand-edited version-1 span of Ⅲ６ recorded. */
export const ise004BeforeRenewal = async (library: SnippetLibrary): Promise<Record<string, unknown>> => {
  const before = beforeRenewal((await loadAssessment(seedFile('004-ise-yobosesshu'))).data, library);
  const renkei = library.get('chukan-pf-renkei', 1)!;
  (before['snippetUses'] as SnippetUse[]).push({ pointer: NETWORK_OTHER, snippet: renkei.id, version: 1, hash: hashText(renkei.body) });
  return before;
};

export const kitakyushu001BeforeRenewal = async (library: SnippetLibrary): Promise<Record<string, unknown>> =>
  beforeRenewal((await loadAssessment(seedFile('001-kitakyushu-yobosesshu'))).data, library);

/** Write a document as the draft of `<dataDir>/<id>/` (the folder must exist). */
export const writeDraft = (dataDir: string, id: string, form: FormId, data: Record<string, unknown>): Promise<void> =>
  writeFile(path.join(dataDir, id, 'assessment.yaml'), serializeAssessment(form, data));

/** The bundled library copied into a data folder. */
export const copyLibrary = (dataDir: string): Promise<void> => cp(LIBRARY_DIR, path.join(dataDir, 'snippets'), { recursive: true });
