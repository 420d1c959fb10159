/**
 * A small, fast CSV tokenizer for text that arrives in chunks (RFC 4180, as Excel and WPS write
 * it): fields separated by commas, records by CRLF or LF, quoted fields with "" for a quote and
 * line breaks inside. Like Excel it is lenient: a quote in the middle of an unquoted field is
 * kept as it is, and text after a closing quote joins the field. A general-purpose parser with
 * many options reads a million-row form several times slower, and an import reads it twice.
 */
export class CsvReader {
  #rest = '';
  /** Text of one record longer than this is refused (an unclosed quote swallowing the file). */
  readonly maxRecordLength: number;

  constructor(maxRecordLength = 1 << 20) {
    this.maxRecordLength = maxRecordLength;
  }

  /** Takes the next chunk of text; answers the records it completes. */
  push(chunk: string): string[][] {
    return this.#parse(this.#rest + chunk, false);
  }

  /** The end of the text: the last record, if it had no line break after it. */
  end(): string[][] {
    return this.#parse(this.#rest, true);
  }

  #parse(text: string, final: boolean): string[][] {
    const records: string[][] = [];
    const length = text.length;
    let i = 0;
    while (i < length) {
      const start = i;
      const record: string[] = [];
      let complete = false;
      for (;;) {
        let value: string;
        if (text.charCodeAt(i) === 34 /* " */) {
          let j = i + 1;
          value = '';
          let closed = false;
          for (;;) {
            const quote = text.indexOf('"', j);
            if (quote < 0) break;
            if (text.charCodeAt(quote + 1) === 34) {
              value += text.slice(j, quote + 1);
              j = quote + 2;
              continue;
            }
            if (quote + 1 === length && !final) break;
            value += text.slice(j, quote);
            i = quote + 1;
            closed = true;
            break;
          }
          if (!closed) {
            if (!final) break;
            throw new CsvSyntaxError('has a quote that is never closed');
          }
          // Lenient: text between the closing quote and the delimiter joins the field.
          let k = i;
          while (k < length) {
            const c = text.charCodeAt(k);
            if (c === 44 || c === 10 || c === 13) break;
            k++;
          }
          if (k > i) value += text.slice(i, k);
          i = k;
        } else {
          let k = i;
          while (k < length) {
            const c = text.charCodeAt(k);
            if (c === 44 || c === 10 || c === 13) break;
            k++;
          }
          value = text.slice(i, k);
          i = k;
        }
        record.push(value);
        if (i >= length) {
          complete = final;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === 44) {
          i++;
          if (i >= length && !final) break;
          continue;
        }
        if (c === 13) {
          if (i + 1 >= length && !final) break;
          i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
        } else i++;
        complete = true;
        break;
      }
      if (!complete) {
        this.#rest = text.slice(start);
        if (this.#rest.length > this.maxRecordLength)
          throw new CsvSyntaxError('has a record longer than 1 MiB (a quote that is never closed?)');
        return records;
      }
      records.push(record);
    }
    this.#rest = '';
    return records;
  }
}

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
}
