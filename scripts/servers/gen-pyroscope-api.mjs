// Regenerates src/servers/gen/pyroscope/ (TypeScript messages and service descriptors for
// Pyroscope's querier API) from Grafana's own .proto files, as published in the Go module
// github.com/grafana/pyroscope/api (the version test/servers/go.mod pins).
//
//   node scripts/servers/gen-pyroscope-api.mjs
//
// Steps: `go mod download` that module, copy the three .proto files the client needs into
// proto/pyroscope/ with the OpenAPI (gnostic) annotations removed (they only decorate docs and
// their .proto lives on a registry this project does not reach), then run buf with
// protoc-gen-es (both npm devDependencies).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const goModDir = join(repo, 'test', 'servers');
const files = ['querier/v1/querier.proto', 'types/v1/types.proto', 'google/v1/profile.proto'];

const info = JSON.parse(
  execFileSync('go', ['mod', 'download', '-json', 'github.com/grafana/pyroscope/api'], { cwd: goModDir, encoding: 'utf8' }),
);
const protoOut = join(repo, 'proto', 'pyroscope');
rmSync(protoOut, { recursive: true, force: true });
for (const f of files) {
  const text = readFileSync(join(info.Dir, f), 'utf8')
    .replace(/^import "gnostic\/.*\n/gm, '')
    // Field options such as [(gnostic.openapi.v3.property).example = {yaml: "..."}]
    .replace(/\s*\[\(gnostic\.openapi\.v3\.property\)\.example = \{yaml: "(?:[^"\\]|\\.)*"\}\]/g, '')
    // Method options: option (gnostic.openapi.v3.operation).tags = "...";
    .replace(/^\s*option \(gnostic\.[^\n]*;\n/gm, '');
  if (text.includes('gnostic')) throw new Error(`${f}: a gnostic annotation was left in`);
  mkdirSync(join(protoOut, dirname(f)), { recursive: true });
  writeFileSync(join(protoOut, f), `// Copied from github.com/grafana/pyroscope/api@${info.Version} (Apache-2.0) by\n// scripts/servers/gen-pyroscope-api.mjs, OpenAPI annotations removed.\n${text}`);
}

const genOut = join(repo, 'src', 'servers', 'gen', 'pyroscope');
rmSync(genOut, { recursive: true, force: true });
const template = JSON.stringify({
  version: 'v2',
  plugins: [{ local: join(repo, 'node_modules', '.bin', 'protoc-gen-es'), out: genOut, opt: ['target=ts', 'import_extension=none'] }],
});
execFileSync(join(repo, 'node_modules', '.bin', 'buf'), ['generate', protoOut, '--template', template], { cwd: repo, stdio: 'inherit' });
console.log(`generated ${genOut} from github.com/grafana/pyroscope/api@${info.Version}`);
