/** A field of PostgreSQL `COPY ... CSV`: NULL (an empty unquoted field) is kept apart from `""`. */
export type PgField = string | null;

/**
 * Parses PostgreSQL CSV independently of the importer, so generator tests check the files
 * they write against the format itself, not against our own reader.
 */
export function parsePgCsv(text: string): PgField[][] {
  const rows: PgField[][] = [];
  let row: PgField[] = [];
  let i = 0;
  while (i < text.length) {
    let value: PgField;
    if (text[i] === '"') {
      let out = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        out += text.slice(i, q);
        if (text[q + 1] === '"') {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = out;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
      value = end === i ? null : text.slice(i, end);
      i = end;
    }
    row.push(value);
    if (text[i] === ',') i++;
    else {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}
