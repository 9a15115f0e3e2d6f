package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"connectrpc.com/connect"
	"github.com/google/pprof/profile"
	googlev1 "github.com/grafana/pyroscope/api/gen/proto/go/google/v1"
	querierv1 "github.com/grafana/pyroscope/api/gen/proto/go/querier/v1"
	"github.com/grafana/pyroscope/api/gen/proto/go/querier/v1/querierv1connect"
	typesv1 "github.com/grafana/pyroscope/api/gen/proto/go/types/v1"
	"google.golang.org/protobuf/proto"
	"goprofiler.test/servers/parcaapi/query/queryconnect"
)

type stored struct {
	Entry
	profile *profile.Profile
}

type querier struct {
	querierv1connect.UnimplementedQuerierServiceHandler
	entries []stored
	// noPprofFormat answers SelectMergeStacktraces without the pprof field, as servers from
	// before PROFILE_FORMAT_PPROF existed do (they ignore the unknown format field).
	noPprofFormat bool
}

type tenantKey struct{}

const anonymous = "anonymous" // Pyroscope's tenant when multi-tenancy is off

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dir := fs.String("dir", "", "folder written by make")
	token := fs.String("token", "", "bearer token required")
	basic := fs.String("basic", "", "user:password required (basic auth)")
	forbidden := fs.String("forbidden-token", "", "a bearer token that is known but not allowed (403)")
	tenants := fs.Bool("tenants", false, "multi-tenant: X-Scope-OrgID required")
	noPprof := fs.Bool("no-pprof-format", false, "SelectMergeStacktraces without PROFILE_FORMAT_PPROF support")
	recent := fs.Bool("recent", false, "move every profile's time so the latest is 5 minutes ago (for UI runs with \"last hour\")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q, err := load(*dir)
	if err != nil {
		return err
	}
	q.noPprofFormat = *noPprof
	if *recent {
		q.moveToRecent(time.Now().Add(-5 * time.Minute).UnixMilli())
	}
	auth := connect.UnaryInterceptorFunc(func(next connect.UnaryFunc) connect.UnaryFunc {
		return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
			got := req.Header().Get("Authorization")
			if *forbidden != "" && got == "Bearer "+*forbidden {
				return nil, connect.NewError(connect.CodePermissionDenied, errors.New("access denied"))
			}
			if *token != "" || *basic != "" {
				user, pass, isBasic := (&http.Request{Header: req.Header()}).BasicAuth()
				okToken := *token != "" && got == "Bearer "+*token
				okBasic := *basic != "" && isBasic && user+":"+pass == *basic
				if !okToken && !okBasic {
					return nil, connect.NewError(connect.CodeUnauthenticated, errors.New("invalid credentials"))
				}
			}
			tenant := anonymous
			if *tenants {
				tenant = req.Header().Get("X-Scope-OrgID")
				if tenant == "" {
					return nil, connect.NewError(connect.CodeUnauthenticated, errors.New("no org id"))
				}
			}
			return next(context.WithValue(ctx, tenantKey{}, tenant), req)
		}
	})
	mux := http.NewServeMux()
	mux.Handle(querierv1connect.NewQuerierServiceHandler(q, connect.WithInterceptors(auth)))
	// Parca's QueryService over the same profiles (gRPC-web, as Parca serves it to browsers).
	mux.Handle(queryconnect.NewQueryServiceHandler(&parcaQuerier{q: q}, connect.WithInterceptors(auth)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("http://%s\n", ln.Addr())
	return http.Serve(ln, mux)
}

func load(dir string) (*querier, error) {
	data, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		return nil, err
	}
	var index []Entry
	if err := json.Unmarshal(data, &index); err != nil {
		return nil, err
	}
	q := &querier{}
	for _, e := range index {
		f, err := os.Open(filepath.Join(dir, e.File))
		if err != nil {
			return nil, err
		}
		p, err := profile.Parse(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.File, err)
		}
		if e.Tenant == "" {
			e.Tenant = anonymous
		}
		q.entries = append(q.entries, stored{e, p})
	}
	return q, nil
}

// moveToRecent shifts all times by the same amount so that the latest is latestMs.
func (q *querier) moveToRecent(latestMs int64) {
	var max int64
	for _, s := range q.entries {
		if s.TimeMs > max {
			max = s.TimeMs
		}
	}
	for i := range q.entries {
		q.entries[i].TimeMs += latestMs - max
	}
}

func tenantOf(ctx context.Context) string { return ctx.Value(tenantKey{}).(string) }

func typeID(name string, p *profile.Profile, i int) string {
	st := p.SampleType[i]
	return strings.Join([]string{name, st.Type, st.Unit, p.PeriodType.Type, p.PeriodType.Unit}, ":")
}

// inRange keeps the profiles of the caller's tenant taken in [start, end] (ms; 0 = open).
func (q *querier) inRange(ctx context.Context, start, end int64) []stored {
	var out []stored
	for _, s := range q.entries {
		if s.Tenant == tenantOf(ctx) && (start == 0 || s.TimeMs >= start) && (end == 0 || s.TimeMs <= end) {
			out = append(out, s)
		}
	}
	return out
}

func (q *querier) ProfileTypes(ctx context.Context, req *connect.Request[querierv1.ProfileTypesRequest]) (*connect.Response[querierv1.ProfileTypesResponse], error) {
	seen := map[string]*typesv1.ProfileType{}
	for _, s := range q.inRange(ctx, req.Msg.Start, req.Msg.End) {
		for i, st := range s.profile.SampleType {
			id := typeID(s.Name, s.profile, i)
			seen[id] = &typesv1.ProfileType{ID: id, Name: s.Name, SampleType: st.Type, SampleUnit: st.Unit, PeriodType: s.profile.PeriodType.Type, PeriodUnit: s.profile.PeriodType.Unit}
		}
	}
	resp := &querierv1.ProfileTypesResponse{}
	for _, id := range sortedKeys(seen) {
		resp.ProfileTypes = append(resp.ProfileTypes, seen[id])
	}
	return connect.NewResponse(resp), nil
}

// matching applies every selector in matchers (any one may match; none given = all).
func matching(list []stored, matchers []string) ([]stored, error) {
	if len(matchers) == 0 {
		return list, nil
	}
	var out []stored
	for _, s := range list {
		for _, m := range matchers {
			sel, err := parseSelector(m)
			if err != nil {
				return nil, connect.NewError(connect.CodeInvalidArgument, err)
			}
			if sel.matches(s.Labels) {
				out = append(out, s)
				break
			}
		}
	}
	return out, nil
}

// labelNames lists the label names of the caller's profiles in [start, end] (ms) that match.
func (q *querier) labelNames(ctx context.Context, start, end int64, matchers []string) ([]string, error) {
	list, err := matching(q.inRange(ctx, start, end), matchers)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, s := range list {
		for k := range s.Labels {
			seen[k] = true
		}
	}
	return sortedKeys(seen), nil
}

// labelValues lists the values of label name on the same profiles.
func (q *querier) labelValues(ctx context.Context, name string, start, end int64, matchers []string) ([]string, error) {
	list, err := matching(q.inRange(ctx, start, end), matchers)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, s := range list {
		if v, ok := s.Labels[name]; ok {
			seen[v] = true
		}
	}
	return sortedKeys(seen), nil
}

func (q *querier) LabelNames(ctx context.Context, req *connect.Request[typesv1.LabelNamesRequest]) (*connect.Response[typesv1.LabelNamesResponse], error) {
	names, err := q.labelNames(ctx, req.Msg.Start, req.Msg.End, req.Msg.Matchers)
	if err != nil {
		return nil, err
	}
	// Pyroscope lists its own __profile_type__ label too (the client leaves __ names out).
	if len(names) > 0 {
		names = append([]string{"__profile_type__"}, names...)
	}
	return connect.NewResponse(&typesv1.LabelNamesResponse{Names: names}), nil
}

func (q *querier) LabelValues(ctx context.Context, req *connect.Request[typesv1.LabelValuesRequest]) (*connect.Response[typesv1.LabelValuesResponse], error) {
	values, err := q.labelValues(ctx, req.Msg.Name, req.Msg.Start, req.Msg.End, req.Msg.Matchers)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&typesv1.LabelValuesResponse{Names: values}), nil
}

func (q *querier) merge(ctx context.Context, typeIDText, selector string, start, end int64) (*googlev1.Profile, error) {
	data, err := q.mergedBytes(ctx, typeIDText, selector, start, end)
	if err != nil {
		return nil, err
	}
	out := &googlev1.Profile{}
	if err := proto.Unmarshal(data, out); err != nil {
		return nil, connect.NewError(connect.CodeInternal, err)
	}
	return out, nil
}

// mergedBytes merges the profiles of one type matching selector in [start, end] (ms) with
// github.com/google/pprof/profile, as uncompressed profile.proto bytes.
func (q *querier) mergedBytes(ctx context.Context, typeIDText, selector string, start, end int64) ([]byte, error) {
	sel, err := parseSelector(selector)
	if err != nil {
		return nil, connect.NewError(connect.CodeInvalidArgument, err)
	}
	parts := strings.Split(typeIDText, ":")
	if len(parts) != 5 {
		return nil, connect.NewError(connect.CodeInvalidArgument, fmt.Errorf("invalid profile type %q", typeIDText))
	}
	var picked []*profile.Profile
	for _, s := range q.inRange(ctx, start, end) {
		if !sel.matches(s.Labels) {
			continue
		}
		for i := range s.profile.SampleType {
			if typeID(s.Name, s.profile, i) == typeIDText {
				picked = append(picked, only(s.profile, i))
			}
		}
	}
	merged := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: parts[1], Unit: parts[2]}},
		PeriodType: &profile.ValueType{Type: parts[3], Unit: parts[4]},
	}
	if len(picked) > 0 {
		if merged, err = profile.Merge(picked); err != nil {
			return nil, connect.NewError(connect.CodeInternal, err)
		}
	}
	var buf bytes.Buffer
	if err := merged.WriteUncompressed(&buf); err != nil {
		return nil, connect.NewError(connect.CodeInternal, err)
	}
	return buf.Bytes(), nil
}

// only is a copy of p with just its i-th sample type, as Pyroscope stores one series per type.
func only(p *profile.Profile, i int) *profile.Profile {
	c := p.Copy()
	c.SampleType = []*profile.ValueType{c.SampleType[i]}
	c.DefaultSampleType = ""
	for _, s := range c.Sample {
		s.Value = []int64{s.Value[i]}
	}
	return c
}

func (q *querier) SelectMergeProfile(ctx context.Context, req *connect.Request[querierv1.SelectMergeProfileRequest]) (*connect.Response[googlev1.Profile], error) {
	p, err := q.merge(ctx, req.Msg.ProfileTypeID, req.Msg.LabelSelector, req.Msg.Start, req.Msg.End)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(p), nil
}

func (q *querier) SelectMergeStacktraces(ctx context.Context, req *connect.Request[querierv1.SelectMergeStacktracesRequest]) (*connect.Response[querierv1.SelectMergeStacktracesResponse], error) {
	if req.Msg.Format != querierv1.ProfileFormat_PROFILE_FORMAT_PPROF || q.noPprofFormat {
		// A flame graph answer; this test server leaves it empty (the client never uses it).
		return connect.NewResponse(&querierv1.SelectMergeStacktracesResponse{Flamegraph: &querierv1.FlameGraph{}}), nil
	}
	p, err := q.merge(ctx, req.Msg.ProfileTypeID, req.Msg.LabelSelector, req.Msg.Start, req.Msg.End)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&querierv1.SelectMergeStacktracesResponse{Pprof: &querierv1.PprofProfile{Profile: p}}), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
