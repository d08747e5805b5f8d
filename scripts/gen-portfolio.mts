/**
 * A synthetic portfolio for measuring the list at scale: N assessments (default 10,000) made by varying the bundled
 * samples and test documents: each gets its own 評価書番号, a 評価書名 and 評価実施機関 from a list of municipalities
 * and businesses, and a 公表日; the rest of the text is the sample's. Every tenth one is left invalid (a choice
 * outside the form) so filters and issue counts have something to show. Only the cover lines are rewritten, as
 * text, so 10,000 files take seconds; each is a valid YAML file the tool reads like any other.
 *
 *   npx tsx scripts/gen-portfolio.mts <folder> [count]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = [
  'assessments/001-kitakyushu-yobosesshu/assessment.yaml',
  'assessments/002-nagaoka-covid19/assessment.yaml',
  'assessments/004-ise-yobosesshu/assessment.yaml',
  'tests/fixtures/assessments/h30-yoshiki4-two-files/assessment.yaml',
  'tests/fixtures/assessments/r6-yoshiki3-ended/assessment.yaml',
];
const PLACES = ['札幌市', '仙台市', 'さいたま市', '千葉市', '横浜市', '川崎市', '相模原市', '新潟市', '静岡市', '浜松市', '名古屋市', '京都市', '大阪市', '堺市', '神戸市', '岡山市', '広島市', '北九州市', '福岡市', '熊本市', '長岡市', '伊勢市', '高崎市', '松本市', '金沢市'];
const BUSINESSES = ['予防接種に関する事務', '住民基本台帳に関する事務', '国民健康保険に関する事務', '児童手当に関する事務', '介護保険に関する事務', '生活保護に関する事務', '地方税に関する事務', '障害者福祉に関する事務'];

/** Replace the value of the first `  key:` line after `cover:` (plain scalars only: numbers, one-line texts). */
const setCover = (text: string, key: string, value: string): string => {
  const cover = text.indexOf('\ncover:\n');
  const pattern = new RegExp(`^  ${key}: .*$`, 'm');
  const match = pattern.exec(text.slice(cover));
  if (cover < 0 || !match) throw new Error(`no cover.${key} in a source document`);
  const at = cover + match.index;
  return `${text.slice(0, at)}  ${key}: ${value}${text.slice(at + match[0].length)}`;
};

export const generatePortfolio = async (folder: string, count: number): Promise<void> => {
  const sources = await Promise.all(SOURCES.map((file) => readFile(path.join(ROOT, file), 'utf8')));
  for (let n = 1; n <= count; n += 1) {
    const source = sources[n % sources.length]!;
    const place = PLACES[n % PLACES.length]!;
    const business = BUSINESSES[Math.floor(n / PLACES.length) % BUSINESSES.length]!;
    const kind = source.includes('\nform: yoshiki4') ? '全項目評価書' : '重点項目評価書';
    let text = setCover(source, 'number', String(n));
    text = setCover(text, 'title', `${place}　${business}　${kind}（${n}）`);
    text = setCover(text, 'organization', `${place}長`);
    const day = new Date(Date.UTC(2020, 0, 1) + (n % 2000) * 86_400_000).toISOString().slice(0, 10);
    text = setCover(text, 'publishedOn', day);
    if (n % 10 === 0) text = text.replace(/^formRevision: .*$/m, 'formRevision: 令和９年１月');
    const dir = path.join(folder, `p${String(n).padStart(5, '0')}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'assessment.yaml'), text);
  }
};

if (process.argv[1] === import.meta.filename) {
  const [folder, count = '10000'] = process.argv.slice(2);
  if (!folder) {
    console.error('使い方: npx tsx scripts/gen-portfolio.mts <folder> [count]');
    process.exit(2);
  }
  await generatePortfolio(path.resolve(folder), Number(count));
  console.log(`${count} assessments in ${folder}`);
}
