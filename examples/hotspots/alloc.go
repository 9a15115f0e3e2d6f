package main

import (
	"fmt"
	"strings"
)

type lineItem struct {
	SKU   string
	Count int
	Notes []byte
}

// buildReport allocates heavily: a string per item and a fresh buffer per note.
func buildReport(items int) string {
	var all []lineItem
	for i := 0; i < items; i++ {
		all = append(all, lineItem{
			SKU:   fmt.Sprintf("SKU-%06d", i),
			Count: i % 17,
			Notes: make([]byte, 512),
		})
	}
	var b strings.Builder
	for _, it := range all {
		b.WriteString(it.SKU)
		b.WriteByte(' ')
	}
	return b.String()
}
