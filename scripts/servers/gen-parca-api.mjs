// Regenerates test/servers/parcaapi/ (Go messages and connect-go handlers of Parca's query API,
// for the Parca test server) from Parca's own .proto files. Parca's Go module is not served by
// the Go module proxy reachable here, so the .proto files are read from a checkout of
// github.com/parca-dev/parca given as the argument, and copied into proto/parca/:
//
//   node scripts/servers/gen-parca-api.mjs /path/to/parca [REVISION]
//
// The HTTP-gateway annotations (google.api.http) are removed: they only shape Parca's REST
// gateway and their .proto lives on a registry this project does not reach. go_package is
// pointed into the test module. Generation: buf (npm devDependency) with protoc-gen-go and
// protoc-gen-connect-go, installed with `go install` at the versions test/servers/go.mod pins.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const checkout = process.argv[2];
if (!checkout) {
  console.error('usage: node scripts/servers/gen-parca-api.mjs PATH_TO_PARCA_CHECKOUT');
  process.exit(2);
}
const repo = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const goModDir = join(repo, 'test', 'servers');
const files = ['query/v1alpha1/query.proto', 'metastore/v1alpha1/metastore.proto', 'profilestore/v1alpha1/profilestore.proto'];
// The revision: the checkout's, or the second argument when the folder is an export without .git.
const revision = process.argv[3] ?? execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

const protoOut = join(repo, 'proto', 'parca');
rmSync(protoOut, { recursive: true, force: true });
for (const f of files) {
  const pkg = f.split('/')[0];
  const text = readFileSync(join(checkout, 'proto', 'parca', f), 'utf8')
    .replace(/^import "google\/api\/annotations\.proto";\n/m, '')
    .replace(/\s*option \(google\.api\.http\) = \{[\s\S]*?\};/g, '')
    .replace(/^option go_package = ".*";$/m, `option go_package = "goprofiler.test/servers/parcaapi/${pkg}";`);
  if (text.includes('google.api')) throw new Error(`${f}: a google.api annotation was left in`);
  mkdirSync(join(protoOut, 'parca', dirname(f)), { recursive: true });
  writeFileSync(join(protoOut, 'parca', f), `// Copied from github.com/parca-dev/parca@${revision} (Apache-2.0) by\n// scripts/servers/gen-parca-api.mjs, HTTP-gateway annotations removed, go_package changed.\n${text}`);
}

const version = (mod) => execFileSync('go', ['list', '-m', '-f', '{{.Version}}', mod], { cwd: goModDir, encoding: 'utf8' }).trim();
const bin = mkdtempSync(join(tmpdir(), 'parca-gen-'));
const env = { ...process.env, GOBIN: bin, GOWORK: 'off' };
execFileSync('go', ['install', `google.golang.org/protobuf/cmd/protoc-gen-go@${version('google.golang.org/protobuf')}`], { env, stdio: 'inherit' });
execFileSync('go', ['install', `connectrpc.com/connect/cmd/protoc-gen-connect-go@${version('connectrpc.com/connect')}`], { env, stdio: 'inherit' });

const genOut = join(goModDir, 'parcaapi');
rmSync(genOut, { recursive: true, force: true });
const template = JSON.stringify({
  version: 'v2',
  plugins: [
    { local: join(bin, 'protoc-gen-go'), out: genOut, opt: ['module=goprofiler.test/servers/parcaapi'] },
    { local: join(bin, 'protoc-gen-connect-go'), out: genOut, opt: ['module=goprofiler.test/servers/parcaapi'] },
  ],
});
execFileSync(join(repo, 'node_modules', '.bin', 'buf'), ['generate', protoOut, '--template', template], { cwd: repo, stdio: 'inherit' });
rmSync(bin, { recursive: true, force: true });
console.log(`generated ${genOut} from github.com/parca-dev/parca@${revision}`);
