/** The text of `go-profiler --help`. */
export const USAGE = `go-profiler: the same reports as go tool pprof, fast.

Usage:
  go-profiler top    FILE [options]        flat/cum table, like pprof -top
  go-profiler tree   FILE [options]        callers and callees of every node, like pprof -tree
  go-profiler peek   FILE REGEX [options]  callers and callees of matching functions, like pprof -peek
  go-profiler traces FILE [options]        every sample's stack, like pprof -traces
  go-profiler folded FILE [options]        folded stacks ("a;b;c 123"), for flame graph tools
  go-profiler tags   FILE [options]        every label key, its values and their share, like pprof -tags
  go-profiler list   REGEX FILE [options]  annotated source of matching functions, like pprof -list
  go-profiler disasm REGEX FILE --binary BIN [--sample-index S]
                     annotated instructions (go tool objdump), like pprof -disasm=REGEX BIN FILE
  go-profiler diff   FILE --base BASE | --diff-base BASE [options]   top table of FILE against BASE
  go-profiler run    [run options] -- PROGRAM ARGS   build and run a Go program with profiling
  go-profiler diff   NEW --base OLD --fail-above PCT [--sample-index S] [--focus RE] [--json]
                     CI gate: exit 1, listing them, when functions' flat value grew by more than PCT % of OLD's total
  go-profiler bench-compare --base REV|--base-saved SUMMARY.json [--head REV] [--bench RE] [--count N] [--benchtime D] [--out DIR] [--json] [-- PACKAGES...]
                     benchmarks at two revisions (temporary git worktree), benchstat-like table, profiles saved
  go-profiler pull   --pyroscope URL | --parca URL --query SELECTOR --type TYPE --from T --to T --out FILE
                     merged profile from a Pyroscope or Parca server (README, Production profiles)
  go-profiler trace-profile TRACE --type net|sync|syscall|sched --out FILE
                                           a trace-derived profile, like go tool trace -pprof=TYPE

Options:
  --sample-index NAME|N   sample type, e.g. alloc_space (default: the profile's default)
  --granularity G         functions (default), filefunctions, lines or files
  --focus RE              only samples with a frame matching RE
  --ignore RE             drop samples with a frame matching RE
  --hide RE               remove frames matching RE
  --show RE               keep only frames matching RE
  --show-from RE          drop frames above the first frame matching RE
  --tagfocus RE           only samples with a label matching RE (key=value or value)
  --tagignore RE          drop samples with a label matching RE
  --tagroot KEYS          label values of these comma-separated keys become root frames (pprof -tagroot)
  --tagleaf KEYS          label values of these comma-separated keys become leaf frames (pprof -tagleaf)
  --base FILE             subtract FILE (pprof -base)
  --diff-base FILE        compare against FILE (pprof -diff_base)
  --nodecount N           show at most N nodes
  --cum                   order by cum instead of flat
  --noinlines             attribute inlined calls to their caller
  --symbolize none        names exactly as in the profile (default: C++/Rust/generic
                          parameter and template lists removed, as pprof shows them)
  --frame-budget N        most frames the stacks may expand to with their inlined calls
                          (default 10000000, or 4 per location when more; 0: no limit)
  --view NAME|FILE.json   a saved view's sample type and filters (NAME: from .vscode/go-profiler-views.json
                          in this folder or one above it); flags given explicitly override the view's
  --json                  machine-readable output, raw integer values
  -h, --help              this help

Exit status: 0 on success, 2 on bad input (missing or corrupt file, bad flag or regex).
`;
