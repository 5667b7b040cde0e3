/**
 * RFC 4180 quoting. Error texts come from the sites' own endpoints and the file is opened in spreadsheets, so a
 * cell that would start a formula is prefixed with an apostrophe (OWASP's CSV-injection advice).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
