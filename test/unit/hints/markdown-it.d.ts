// The few markdown-it calls the tests use (markdown-it ships no types; it is installed with @vscode/vsce).
declare module 'markdown-it' {
  interface Options {
    html?: boolean;
    linkify?: boolean;
  }
  export default class MarkdownIt {
    constructor(options?: Options);
    render(src: string): string;
    renderInline(src: string): string;
  }
}
