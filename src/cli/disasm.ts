export async function disasmCommand(argv: readonly string[]): Promise<string> {
  return Promise.resolve(argv.join(' '));
}
