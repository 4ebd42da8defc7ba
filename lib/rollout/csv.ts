// CSV as admins' spreadsheets write it (RFC 4180: commas, quoted fields, doubled quotes, CRLF or LF) and as we write it.

/** Rows of fields; a quote left open is an error naming its line. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += c;
  }
  if (quoted) throw new Error(`line ${quoteLine}: a quoted field is never closed`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const needsQuotes = /[",\r\n]/;

/** One CSV line; fields a spreadsheet would run as formulas (=, +, -, @) are quoted and prefixed with '. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields
    .map((f) => {
      let s = f === null || f === undefined ? '' : String(f);
      if (/^[=+\-@\t]/.test(s) && typeof f === 'string') s = `'${s}`;
      return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
