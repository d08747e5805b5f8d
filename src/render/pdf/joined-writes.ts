import PDFDocument from 'pdfkit';

/** Output is handed on in chunks of this size, not per object. */
const CHUNK_BYTES = 64 * 1024;

type PdfkitPage = { write: (chunk: string) => void };
type PdfkitInternals = { page: PdfkitPage; _offset: number; push: (chunk: Buffer | null) => boolean };

/**
 * A pdfkit document that writes the same bytes with far fewer writes. pdfkit turns every string it writes into a
 * Uint8Array of its own: each content operator (every marked-content BDC and EMC too) on the page's content, and
 * each object's header, dictionary and cross-reference line, each pushed to the output stream as a chunk. A tagged
 * PDF is thousands of small objects (a structure element each) and marked-content sequences, so that per-write cost,
 * not the PDF syntax, was most of what tagging cost. Here a page's operators go to its content once, when the page
 * ends, and the document's text is pushed in chunks of about 64 KB; binary data (compressed streams) in its place.
 * pdfkit still writes all the syntax; the bytes are identical.
 */
export class JoinedWritesDocument extends PDFDocument {
  // Declared, not initialised: pdfkit's constructor already writes (the header), before initialisers would run.
  /** Operators per page, in the order written; a page's are handed over before pdfkit ends it. */
  private declare operators: Map<PdfkitPage, string[]> | undefined;
  /** Output text not yet handed on, and how many of its bytes are written. */
  private declare chunk: Buffer | undefined;
  private declare used: number | undefined;

  override addContent(data: string): this {
    const page = (this as unknown as PdfkitInternals).page;
    this.operators ??= new Map();
    const list = this.operators.get(page);
    if (list) list.push(data);
    else this.operators.set(page, [data]);
    return this;
  }

  /** pdfkit ends pages here (on addPage and end); their content must be complete by then. */
  override flushPages(): void {
    // pdfkit's page.write appends a newline to each write: joined with newlines, the bytes are the same.
    for (const [page, list] of this.operators ?? []) page.write(list.join('\n'));
    this.operators?.clear();
    super.flushPages();
  }

  _write(data: string | Uint8Array): void {
    const internals = this as unknown as PdfkitInternals;
    if (typeof data === 'string') {
      // pdfkit writes its strings as latin1 (one byte per char), a newline after each.
      const length = data.length + 1;
      if (this.chunk && this.used! + length > this.chunk.length) this.pushPending();
      if (!this.chunk) {
        this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, length));
        this.used = 0;
      }
      this.used! += this.chunk.write(data, this.used!, 'latin1');
      this.chunk[this.used!++] = 0x0a;
      internals._offset += length;
      return;
    }
    this.pushPending();
    internals.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    internals._offset += data.length;
  }

  /** pdfkit ends its output with push(null) after the last write: the pending text goes first. */
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) this.pushPending();
    return super.push(chunk, encoding);
  }

  private pushPending(): void {
    if (!this.chunk) return;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = undefined;
    super.push(full);
  }
}
