/** What a Go symbol name says about itself (pure; shared by the reports and the webview). */

/** The package import path of a Go symbol name ("example.com/a/b.(*T).M" -> "example.com/a/b"). */
export function packageOfFunction(name: string): string | undefined {
  const bracket = name.indexOf('[');
  const plain = bracket < 0 ? name : name.slice(0, bracket);
  const slash = plain.lastIndexOf('/');
  const dot = plain.indexOf('.', slash + 1);
  return dot <= 0 ? undefined : plain.slice(0, dot);
}
