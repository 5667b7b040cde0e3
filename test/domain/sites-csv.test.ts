import { describe, expect, it } from 'vitest';
import { parseSitesCsv } from '../../domain/sites-csv';

describe('parseSitesCsv: well-formed files', () => {
  it('parses rows into values keyed by column, numbering data rows from 1', () => {
    const result = parseSitesCsv(
      'code,name,region,timezone,tags,endpoint\n' +
        'sha-1,Shanghai 1,apac,Asia/Shanghai,prod|edge,https://sha1.example\n' +
        'nyc-1,New York 1,us,America/New_York,prod,https://nyc1.example\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 1,
        values: {
          code: 'sha-1',
          name: 'Shanghai 1',
          region: 'apac',
          timezone: 'Asia/Shanghai',
          tags: ['prod', 'edge'],
          endpoint: 'https://sha1.example',
        },
      },
      {
        row: 2,
        values: {
          code: 'nyc-1',
          name: 'New York 1',
          region: 'us',
          timezone: 'America/New_York',
          tags: ['prod'],
          endpoint: 'https://nyc1.example',
        },
      },
    ]);
  });

  it('accepts columns in any order and only the code column', () => {
    expect(parseSitesCsv('timezone,code\nUTC,a\n').rows).toEqual([{ row: 1, values: { timezone: 'UTC', code: 'a' } }]);
    expect(parseSitesCsv('code\na').rows).toEqual([{ row: 1, values: { code: 'a' } }]);
  });

  it('unquotes quoted cells holding commas, escaped quotes and newlines', () => {
    const result = parseSitesCsv('code,name\na,"Hall ""B"", floor 2\nwest wing"\nb,plain\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { row: 1, values: { code: 'a', name: 'Hall "B", floor 2\nwest wing' } },
      // Row numbers count records, not physical lines.
      { row: 2, values: { code: 'b', name: 'plain' } },
    ]);
  });

  it('handles CRLF line endings, with or without a trailing newline', () => {
    const expected = [
      { row: 1, values: { code: 'a', name: 'A' } },
      { row: 2, values: { code: 'b', name: 'B' } },
    ];
    expect(parseSitesCsv('code,name\r\na,A\r\nb,B\r\n').rows).toEqual(expected);
    expect(parseSitesCsv('code,name\r\na,A\r\nb,B').rows).toEqual(expected);
    expect(parseSitesCsv('code,name\na,A\nb,B').rows).toEqual(expected);
  });

  it('keeps CRLF inside a quoted cell as part of the value', () => {
    expect(parseSitesCsv('code,name\r\na,"x\r\ny"\r\n').rows).toEqual([{ row: 1, values: { code: 'a', name: 'x\r\ny' } }]);
  });

  it('strips a leading UTF-8 BOM so the first header is still recognised', () => {
    const result = parseSitesCsv('\uFEFFcode,name\na,A\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ row: 1, values: { code: 'a', name: 'A' } }]);
  });

  it('splits tags on "|", trimming them and dropping empty ones', () => {
    expect(parseSitesCsv('code,tags\na, prod || edge |\n').rows).toEqual([
      { row: 1, values: { code: 'a', tags: ['prod', 'edge'] } },
    ]);
  });

  it('omits fields whose cell is empty, including tags with no entries', () => {
    expect(parseSitesCsv('code,name,region,tags\na,,  ,|\n').rows).toEqual([{ row: 1, values: { code: 'a' } }]);
  });

  it('treats a row with fewer cells than the header as having empty trailing cells', () => {
    const result = parseSitesCsv('code,name,region\na\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ row: 1, values: { code: 'a' } }]);
  });

  it('skips blank rows but still counts them in row numbers', () => {
    const result = parseSitesCsv('code,name\na,A\n\nb,B\n,\n');
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([1, 3]);
  });

  it('matches header names ignoring case and surrounding spaces', () => {
    expect(parseSitesCsv(' Code , NAME\na,A\n')).toEqual({ rows: [{ row: 1, values: { code: 'a', name: 'A' } }], errors: [] });
  });

  it('does not validate cell contents', () => {
    expect(parseSitesCsv('code,timezone\n!!,Not/AZone\n').rows).toEqual([
      { row: 1, values: { code: '!!', timezone: 'Not/AZone' } },
    ]);
  });
});

describe('parseSitesCsv: reported problems', () => {
  it.each([
    ['an empty file', ''],
    ['a file holding only a BOM', '\uFEFF'],
    ['a file holding only blank lines', '\n\r\n'],
  ])('reports a missing header for %s', (_label, text) => {
    expect(parseSitesCsv(text)).toEqual({ rows: [], errors: [{ row: 0, message: expect.stringMatching(/header/) }] });
  });

  it('reports an unterminated quote on the row where it starts and drops that row', () => {
    const result = parseSitesCsv('code,name\na,A\nb,"unclosed\nc,C\n');
    expect(result.rows).toEqual([{ row: 1, values: { code: 'a', name: 'A' } }]);
    expect(result.errors).toEqual([{ row: 2, field: 'name', message: expect.stringMatching(/unterminated/) }]);
  });

  it('reports an unterminated quote in the header as a header error', () => {
    expect(parseSitesCsv('code,"name\na,A\n')).toEqual({
      rows: [],
      errors: [{ row: 0, message: expect.stringMatching(/unterminated/) }],
    });
  });

  it('reports and drops a row with more cells than the header', () => {
    const result = parseSitesCsv('code,name\na,A,extra\nb,B\n');
    expect(result.rows).toEqual([{ row: 2, values: { code: 'b', name: 'B' } }]);
    expect(result.errors).toEqual([{ row: 1, message: 'row has 3 cells but the header has 2' }]);
  });

  it('reports duplicate header names, using the first such column', () => {
    const result = parseSitesCsv('code,name,Name\na,first,second\n');
    expect(result.errors).toEqual([{ row: 0, field: 'name', message: 'duplicate column "name"' }]);
    expect(result.rows).toEqual([{ row: 1, values: { code: 'a', name: 'first' } }]);
  });

  it('reports unknown header names and ignores their cells', () => {
    const result = parseSitesCsv('code,owner\na,alice\n');
    expect(result.errors).toEqual([{ row: 0, field: 'owner', message: expect.stringMatching(/unknown column "owner"/) }]);
    expect(result.rows).toEqual([{ row: 1, values: { code: 'a' } }]);
  });

  it('reports an empty header name', () => {
    expect(parseSitesCsv('code,,name\n').errors).toEqual([{ row: 0, message: expect.stringMatching(/empty column name/) }]);
  });

  it('reports a missing code column while still parsing the rows', () => {
    const result = parseSitesCsv('name,region\nA,eu\n');
    expect(result.errors).toEqual([{ row: 0, field: 'code', message: 'missing required column "code"' }]);
    expect(result.rows).toEqual([{ row: 1, values: { name: 'A', region: 'eu' } }]);
  });

  it('reports every problem in one pass rather than stopping at the first', () => {
    const result = parseSitesCsv('name,name,bogus\nA,B,C,D\nE,"F\n');
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [0, 'name'],
      [0, 'bogus'],
      [0, 'code'],
      [1, undefined],
      [2, 'name'],
    ]);
  });
});
