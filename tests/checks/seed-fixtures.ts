import { loadAssessment } from '../../src/store/index.js';
import type { FormId } from '../../src/schema/index.js';
import { SEEDS, seedFile } from '../helpers/seeds.js';

export type SeedId = (typeof SEEDS)[number]['id'];

const cache = new Map<SeedId, { form: FormId; data: Record<string, unknown> }>();

/** A fresh copy of a real seed assessment, so each test mutates its own. */
export const seedCopy = async (id: SeedId): Promise<{ form: FormId; data: Record<string, unknown> }> => {
  let loaded = cache.get(id);
  if (!loaded) {
    const seed = SEEDS.find((s) => s.id === id)!;
    const { form, data } = await loadAssessment(seedFile(seed.dir));
    loaded = { form: form!, data };
    cache.set(id, loaded);
  }
  return { form: loaded.form, data: structuredClone(loaded.data) };
};

/** Set a value by JSON Pointer, creating objects on the way (the non-printed facts are absent from the seeds). */
export const setAt = (data: Record<string, unknown>, pointer: string, value: unknown): void => {
  const segments = pointer.split('/').slice(1);
  const last = segments.pop()!;
  let node: Record<string, unknown> = data;
  for (const segment of segments) {
    node[segment] ??= {};
    node = node[segment] as Record<string, unknown>;
  }
  node[last] = value;
};

export const getAt = (data: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], data);
