/** Parses an envFile as vscode-go reads one: KEY=VALUE lines, # comments, optional quotes. Pure. */

export function parseEnvFile(text: string, source: string): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${source}:${n + 1}: expected KEY=VALUE, got "${line.slice(0, 60)}"`);
    env[match[1]!] = unquote(match[2]!);
  }
  return env;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    const inner = value.slice(1, -1);
    return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : inner;
  }
  // An unquoted value ends at an inline comment.
  return value.replace(/\s+#.*$/, '');
}
