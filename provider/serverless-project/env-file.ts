/**
 * The variables of a dotenv file, as the Toolkit's `.env`: `KEY=value` lines, an optional
 * `export `, `#` comments (after an unquoted value too), and single, double or backtick quotes, of
 * which double quotes expand `\n`, `\r`, `\t`, `\"` and `\\` and any quote may span lines. A line
 * that is none of these is refused with its number rather than skipped: a typo must not silently
 * drop a variable a function needs.
 */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const variables: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    // Messages name the line and the key, never the text: it may hold a secret.
    if (!match) throw new Error(`${file}:${i + 1}: expected KEY=value (the line is not shown: it may hold a secret)`);
    const [, key, rest] = match;
    const quote = rest[0];
    if (quote !== '"' && quote !== "'" && quote !== "`") {
      variables[key] = rest.replace(/\s+#.*$/, "").trim();
      continue;
    }
    // A quoted value ends at the next unescaped quote, on this line or a later one.
    let value = rest.slice(1);
    const start = i + 1;
    let end = closingQuote(value, quote);
    while (end < 0 && i + 1 < lines.length) {
      value += `\n${lines[++i]}`;
      end = closingQuote(value, quote);
    }
    if (end < 0) throw new Error(`${file}:${start}: the value of ${key} opens a ${quote} quote that is never closed`);
    const after = value.slice(end + 1).trim();
    if (after !== "" && !after.startsWith("#")) {
      throw new Error(`${file}:${i + 1}: unexpected text after the quoted value of ${key}`);
    }
    const raw = value.slice(0, end);
    variables[key] = quote === '"' ? unescapeDouble(raw) : raw;
  }
  return variables;
}

function closingQuote(value: string, quote: string): number {
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "\\") i++;
    else if (value[i] === quote) return i;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

function unescapeDouble(raw: string): string {
  return raw.replace(/\\(.)/g, (whole, char: string) => ESCAPES[char] ?? whole);
}
