/**
 * Text fidelity of a rendering against a published document's extracted text: the 8-gram coverage of
 * the team's fidelity tool, reimplemented here so the tests need nothing outside the repository. Both texts are NFKC
 * normalised and cut into fragments at whitespace; a character of a fragment (at least 8 characters long) counts
 * as found when some 8-character window around it, whitespace removed, occurs in the other text.
 *
 * One difference, on purpose: markup another converter wrote into a published text (002's `<td style="…">`,
 * `<input type="checkbox"/>`, `&lt;選択肢&gt;`) is removed whole, attributes and entities included, before the
 * text is cut. The tool drops the bare tags only, so its figure for 002 counts those fragments as missing
 * (98.4 %, the most any PDF could reach); here they are not counted at all.
 */
const N = 8;

const squash = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

const CONVERTER_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", nbsp: ' ' };

const withoutConverterMarkup = (text: string): string =>
  text.replace(CONVERTER_TAG, ' ').replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);

const fragments = (text: string): string[][] =>
  withoutConverterMarkup(text.normalize('NFKC'))
    .split(/\s+/)
    .map((fragment) => Array.from(fragment))
    .filter((chars) => chars.length >= N);

const gramsOf = (text: string): Set<string> => {
  const chars = Array.from(squash(text));
  const grams = new Set<string>();
  for (let i = 0; i + N <= chars.length; i += 1) grams.add(chars.slice(i, i + N).join(''));
  return grams;
};

/** Share of the characters of `text`'s fragments that lie in some 8-gram of `haystack`. */
const coverage = (text: string, haystack: string): number => {
  const grams = gramsOf(haystack);
  let total = 0;
  let covered = 0;
  for (const chars of fragments(text)) {
    const hit = new Array<boolean>(chars.length).fill(false);
    for (let i = 0; i + N <= chars.length; i += 1) {
      if (grams.has(chars.slice(i, i + N).join(''))) hit.fill(true, i, i + N);
    }
    total += chars.length;
    covered += hit.filter(Boolean).length;
  }
  return covered / (total || 1);
};

/** 8-gram coverage: recall (published text found in the rendering) and precision (the other way round). */
export const ngramCoverage = (rendered: string, published: string): { recall: number; precision: number } => ({
  recall: coverage(published, rendered),
  precision: coverage(rendered, withoutConverterMarkup(published)),
});
