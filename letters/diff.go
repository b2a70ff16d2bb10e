package letters

import "strings"

// DiffLine is one line of a line diff: Op is ' ' (same), '-' (only in the
// old text) or '+' (only in the new text).
type DiffLine struct {
	Op   byte   `json:"op"`
	Text string `json:"text"`
}

// maxDiffCells bounds the LCS table (lines × lines); beyond it the texts are
// shown as all removed and all added.
const maxDiffCells = 4_000_000

// DiffLines is a plain longest-common-subsequence line diff of a and b.
// Drafts are a few pages, so the quadratic table is small; no library is
// needed for that.
func DiffLines(a, b string) []DiffLine {
	x, y := splitLines(a), splitLines(b)
	n, m := len(x), len(y)
	if n*m > maxDiffCells {
		out := make([]DiffLine, 0, n+m)
		for _, s := range x {
			out = append(out, DiffLine{'-', s})
		}
		for _, s := range y {
			out = append(out, DiffLine{'+', s})
		}
		return out
	}
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case x[i] == y[j]:
			out = append(out, DiffLine{' ', x[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, DiffLine{'-', x[i]})
			i++
		default:
			out = append(out, DiffLine{'+', y[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, DiffLine{'-', x[i]})
	}
	for ; j < m; j++ {
		out = append(out, DiffLine{'+', y[j]})
	}
	return out
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
