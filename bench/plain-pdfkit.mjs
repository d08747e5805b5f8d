/**
 * The baseline of a cold `pia render`: a fresh node process in which plain pdfkit writes a text file as one
 * wrapped flow in a TrueType font (the font given as bytes, as pdfkit users do), A4, 8.5 pt, no tables.
 *
 *   node bench/plain-pdfkit.mjs <font.ttf> <text.txt> <out.pdf>
 *
 * Plain JavaScript so that nothing but node and pdfkit is loaded.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const [font, textFile, out] = process.argv.slice(2);
const doc = new PDFDocument({ size: 'A4', margin: 26 });
doc.pipe(createWriteStream(out));
doc.font(readFileSync(font)).fontSize(8.5).text(readFileSync(textFile, 'utf8'), { width: 595.28 - 52 });
doc.end();
