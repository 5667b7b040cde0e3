/**
 * Parser for the site import CSV (RFC 4180).
 *
 * Structure only: it checks the header and the shape of each row and reports
 * every problem it finds (it never throws), but it does not validate field
 * contents — timezones, codes etc. are checked by a later zod pass. The one
 * exception is a NUL character, which no cell may hold: Postgres text cannot
 * store it.
 *
 * Row numbers: the header is row 0 and the first data record is row 1. A row is
 * a CSV *record*, not a physical line: a quoted cell containing newlines keeps
 * the whole record one row. Blank records (every cell empty, e.g. a blank line
 * or the ",,,," lines spreadsheets leave at the end) are skipped but still
 * counted, so row numbers stay aligned with the file.
 *
 * Leniencies: a leading UTF-8 BOM is stripped; CRLF, LF and lone CR all end a
 * record; a `"` inside an unquoted cell, or text after a closing quote, is kept
 * literally; header names are trimmed and matched case-insensitively; cell
 * values are trimmed.
 */

export const SITE_COLUMNS = ['code', 'name', 'region', 'timezone', 'tags', 'endpoint'] as const;
export type SiteColumn = (typeof SITE_COLUMNS)[number];

/** Cells present in a row; an empty cell (or tags with no non-empty entry) is omitted. */
export type SiteCsvValues = Partial<Record<Exclude<SiteColumn, 'tags'>, string>> & { tags?: string[] };

export interface SiteCsvRow {
  /** 1-based data row number (header is row 0). */
  row: number;
  values: SiteCsvValues;
}

export interface SiteCsvError {
  /** Row the problem is on (0 = header). */
  row: number;
  /** Column concerned, when there is one. */
  field?: string;
  message: string;
}

export interface SitesCsvResult {
  /** Only rows without structural errors. */
  rows: SiteCsvRow[];
  errors: SiteCsvError[];
}

const KNOWN = new Set<string>(SITE_COLUMNS);

export function parseSitesCsv(text: string): SitesCsvResult {
  const errors: SiteCsvError[] = [];
  const rows: SiteCsvRow[] = [];
  const { records, unterminated } = tokenize(text.replace(/^\uFEFF/, ''));

  const headerCells = records[0];
  if (unterminated?.record === 0) {
    // The rest of the file was swallowed by the quote: nothing else to check.
    errors.push({ row: 0, message: 'unterminated quoted field in header row' });
    return { rows, errors };
  }
  if (headerCells === undefined || isBlank(headerCells)) {
    errors.push({ row: 0, message: 'no header row: the file is empty or its first row is blank' });
    return { rows, errors };
  }

  // Column index → known column name, or undefined for columns we ignore.
  const header = headerCells.map((cell) => cell.trim().toLowerCase());
  const columns: Array<SiteColumn | undefined> = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') {
      errors.push({ row: 0, message: `empty column name in header (column ${i + 1})` });
    } else if (!KNOWN.has(name)) {
      errors.push({ row: 0, field: name, message: `unknown column "${name}"; expected ${SITE_COLUMNS.join(', ')}` });
    } else if (seen.has(name)) {
      errors.push({ row: 0, field: name, message: `duplicate column "${name}"` });
    } else {
      seen.add(name);
      columns[i] = name as SiteColumn;
      return;
    }
    columns[i] = undefined; // keep indices aligned; the cell is ignored
  });
  if (!seen.has('code')) errors.push({ row: 0, field: 'code', message: 'missing required column "code"' });

  // Header problems are reported, but rows are still parsed so that one pass
  // over a file surfaces as many problems as possible.
  for (let row = 1; row < records.length; row++) {
    const cells = records[row]!;
    if (isBlank(cells)) continue;
    if (cells.length > header.length) {
      errors.push({ row, message: `row has ${cells.length} cells but the header has ${header.length}` });
      continue;
    }
    const unstorable = nulCells(cells, header, row);
    if (unstorable.length > 0) {
      errors.push(...unstorable);
      continue;
    }
    rows.push({ row, values: toValues(cells, columns) });
  }

  if (unterminated !== undefined) {
    // Name the column as written in the header, even if it is unknown/duplicate.
    const field = header[unterminated.cell];
    errors.push({
      row: unterminated.record,
      ...(field ? { field } : {}),
      message: 'unterminated quoted field (the quote runs to the end of the file)',
    });
  }
  return { rows, errors };
}

function toValues(cells: string[], columns: Array<SiteColumn | undefined>): SiteCsvValues {
  const values: SiteCsvValues = {};
  // Missing trailing cells are simply absent, same as empty ones.
  cells.forEach((raw, i) => {
    const column = columns[i];
    const cell = raw.trim();
    if (column === undefined || cell === '') return;
    if (column === 'tags') {
      const tags = cell.split('|').map((t) => t.trim()).filter((t) => t !== '');
      if (tags.length > 0) values.tags = tags;
    } else {
      values[column] = cell;
    }
  });
  return values;
}

/** Postgres text cannot hold a NUL character, so a cell with one could never be stored. */
function nulCells(cells: string[], header: string[], row: number): SiteCsvError[] {
  return cells.flatMap((cell, i) => {
    if (!cell.includes('\u0000')) return [];
    const field = header[i];
    return [{ row, ...(field ? { field } : {}), message: 'contains a NUL character' }];
  });
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

interface Tokens {
  records: string[][];
  /** Where an unclosed quote opened; that record is dropped from `records`. */
  unterminated?: { record: number; cell: number };
}

/** Split CSV text into records of raw cells (quotes removed, `""` unescaped). */
function tokenize(text: string): Tokens {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let atCellStart = true; // a quote only opens a quoted cell as its first character
  let inQuotes = false;

  const endCell = () => {
    record.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRecord = () => {
    endCell();
    records.push(record);
    record = [];
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c !== '"') {
        cell += c;
      } else if (text[i + 1] === '"') {
        cell += '"'; // escaped quote
        i++;
      } else {
        inQuotes = false;
      }
    } else if (c === '"' && atCellStart) {
      inQuotes = true;
      atCellStart = false;
    } else if (c === ',') {
      endCell();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      cell += c;
      atCellStart = false;
    }
  }

  if (inQuotes) return { records, unterminated: { record: records.length, cell: record.length } };
  // Final record without a trailing newline (nothing pending means the file
  // ended with a newline, which is optional and does not start a new record).
  if (record.length > 0 || !atCellStart) endRecord();
  return { records };
}
