package main

import (
	"context"
	"fmt"
	"strings"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/timestamppb"
	queryv1 "goprofiler.test/servers/parcaapi/query"
	"goprofiler.test/servers/parcaapi/query/queryconnect"
)

// parcaQuerier answers Parca's parca.query.v1alpha1.QueryService (handlers generated from
// Parca's own .proto files, see scripts/servers/gen-parca-api.mjs) over the same stored
// profiles. Parca names a type name:sample_type:sample_unit:period_type:period_unit[:delta]
// and writes it in front of the selector: `process_cpu:cpu:nanoseconds:cpu:nanoseconds:delta{…}`.
type parcaQuerier struct {
	queryconnect.UnimplementedQueryServiceHandler
	q *querier
}

func ms(t *timestamppb.Timestamp) int64 {
	if t == nil {
		return 0
	}
	return t.AsTime().UnixMilli()
}

// Parca marks the types whose samples are per-interval deltas; of Go's, CPU is one.
func isDelta(name string) bool { return name == "process_cpu" }

func (p *parcaQuerier) ProfileTypes(ctx context.Context, req *connect.Request[queryv1.ProfileTypesRequest]) (*connect.Response[queryv1.ProfileTypesResponse], error) {
	seen := map[string]*queryv1.ProfileType{}
	for _, s := range p.q.inRange(ctx, ms(req.Msg.Start), ms(req.Msg.End)) {
		for i, st := range s.profile.SampleType {
			seen[typeID(s.Name, s.profile, i)] = &queryv1.ProfileType{Name: s.Name, SampleType: st.Type, SampleUnit: st.Unit, PeriodType: s.profile.PeriodType.Type, PeriodUnit: s.profile.PeriodType.Unit, Delta: isDelta(s.Name)}
		}
	}
	resp := &queryv1.ProfileTypesResponse{}
	for _, id := range sortedKeys(seen) {
		resp.Types = append(resp.Types, seen[id])
	}
	return connect.NewResponse(resp), nil
}

func (p *parcaQuerier) Labels(ctx context.Context, req *connect.Request[queryv1.LabelsRequest]) (*connect.Response[queryv1.LabelsResponse], error) {
	names, err := p.q.labelNames(ctx, ms(req.Msg.Start), ms(req.Msg.End), req.Msg.Match)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&queryv1.LabelsResponse{LabelNames: names}), nil
}

func (p *parcaQuerier) Values(ctx context.Context, req *connect.Request[queryv1.ValuesRequest]) (*connect.Response[queryv1.ValuesResponse], error) {
	values, err := p.q.labelValues(ctx, req.Msg.LabelName, ms(req.Msg.Start), ms(req.Msg.End), req.Msg.Match)
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&queryv1.ValuesResponse{LabelValues: values}), nil
}

func (p *parcaQuerier) Query(ctx context.Context, req *connect.Request[queryv1.QueryRequest]) (*connect.Response[queryv1.QueryResponse], error) {
	merge := req.Msg.GetMerge()
	if req.Msg.Mode != queryv1.QueryRequest_MODE_MERGE || merge == nil {
		return nil, connect.NewError(connect.CodeUnimplemented, fmt.Errorf("this test server answers MODE_MERGE queries only"))
	}
	if req.Msg.ReportType != queryv1.QueryRequest_REPORT_TYPE_PPROF {
		return nil, connect.NewError(connect.CodeUnimplemented, fmt.Errorf("this test server answers REPORT_TYPE_PPROF only"))
	}
	brace := strings.Index(merge.Query, "{")
	if brace <= 0 {
		return nil, connect.NewError(connect.CodeInvalidArgument, fmt.Errorf("query %q: expected TYPE{matchers}", merge.Query))
	}
	typeText := strings.TrimSuffix(merge.Query[:brace], ":delta")
	data, err := p.q.mergedBytes(ctx, typeText, merge.Query[brace:], ms(merge.Start), ms(merge.End))
	if err != nil {
		return nil, err
	}
	return connect.NewResponse(&queryv1.QueryResponse{Report: &queryv1.QueryResponse_Pprof{Pprof: data}}), nil
}
