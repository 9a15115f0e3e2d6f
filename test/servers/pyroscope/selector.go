package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// matcher is one label matcher of a Prometheus-style selector: name op "value".
type matcher struct {
	name, op, value string
	re              *regexp.Regexp
}

type selector []matcher

var matcherRE = regexp.MustCompile(`^\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")\s*(?:,|$)`)

// parseSelector reads {name="v", name=~"re", name!="v", name!~"re"}; {} or "" selects all.
func parseSelector(text string) (selector, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil, nil
	}
	if !strings.HasPrefix(t, "{") || !strings.HasSuffix(t, "}") {
		return nil, fmt.Errorf("parse error: selector %q must be in braces", text)
	}
	t = strings.TrimSpace(t[1 : len(t)-1])
	var sel selector
	for t != "" {
		m := matcherRE.FindStringSubmatch(t)
		if m == nil {
			return nil, fmt.Errorf("parse error: bad matcher in %q", text)
		}
		value, err := strconv.Unquote(m[3])
		if err != nil {
			return nil, fmt.Errorf("parse error: %v", err)
		}
		mt := matcher{name: m[1], op: m[2], value: value}
		if strings.HasSuffix(mt.op, "~") {
			if mt.re, err = regexp.Compile("^(?:" + value + ")$"); err != nil {
				return nil, fmt.Errorf("parse error: %v", err)
			}
		}
		sel = append(sel, mt)
		t = strings.TrimSpace(t[len(m[0]):])
	}
	return sel, nil
}

func (s selector) matches(labels map[string]string) bool {
	for _, m := range s {
		v := labels[m.name]
		var ok bool
		switch m.op {
		case "=":
			ok = v == m.value
		case "!=":
			ok = v != m.value
		case "=~":
			ok = m.re.MatchString(v)
		case "!~":
			ok = !m.re.MatchString(v)
		}
		if !ok {
			return false
		}
	}
	return true
}
