package mail

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"naskah/letters"
)

// Summary counts what became of a batch of messages.
type Summary struct {
	Messages    int       `json:"messages"`
	Letters     int       `json:"letters"`
	Replies     int       `json:"replies"`
	Duplicates  int       `json:"duplicates"`
	AutoReplies int       `json:"auto_replies"`
	Refused     []Refusal `json:"refused,omitempty"`
}

// Refusal is one message that became no letter, with the reason.
type Refusal struct {
	Source string `json:"source"` // file (and position in an mbox) or folder and UID
	Reason string `json:"reason"`
}

// Add counts one result.
func (s *Summary) Add(source string, r *letters.MailResult) {
	s.Messages++
	switch r.Outcome {
	case letters.MailLetter:
		s.Letters++
	case letters.MailReply:
		s.Replies++
	case letters.MailDuplicate:
		s.Duplicates++
	case letters.MailAutoReply:
		s.AutoReplies++
	default:
		s.Refused = append(s.Refused, Refusal{Source: source, Reason: r.Reason})
	}
}

// Progress is told after each message how many bytes of the input were
// read out of the total, and how many messages so far.
type Progress func(done, total int64, messages int)

// input is one file to import: a single message or an mbox.
type input struct {
	path string
	size int64
	mbox bool
}

// Import reads .eml files, mbox files and Maildir folders (a directory is
// searched for all three) and ingests every message through in, the same
// path as IMAP. A bad message is counted as refused and the batch goes on;
// only a fault of the store stops it. With a BatchService, messages are
// parsed on every core and recorded in batches (batch_import.go); the
// outcome is the same as one by one, in the same order.
func (in *Intake) Import(ctx context.Context, paths []string, progress Progress) (*Summary, error) {
	sum := &Summary{}
	var inputs []input
	var total int64
	for _, p := range paths {
		found, err := findInputs(p)
		if err != nil {
			sum.Refused = append(sum.Refused, Refusal{Source: p, Reason: "Berkas atau folder tidak dapat dibaca: " + pathError(err)})
			continue
		}
		for _, f := range found {
			total += f.size
		}
		inputs = append(inputs, found...)
	}
	if bs, ok := in.Service.(BatchService); ok && in.BatchSize != 1 {
		return sum, in.importBatched(ctx, bs, inputs, total, sum, progress)
	}
	var done int64
	for _, f := range inputs {
		err := in.importFile(ctx, f, sum, func(n int64) {
			if progress != nil {
				progress(done+n, total, sum.Messages)
			}
		})
		if err != nil {
			return sum, err
		}
		done += f.size
	}
	return sum, nil
}

// importFile ingests the messages of one input.
func (in *Intake) importFile(ctx context.Context, f input, sum *Summary, read func(int64)) error {
	fh, err := os.Open(f.path)
	if err != nil {
		sum.Refused = append(sum.Refused, Refusal{Source: f.path, Reason: "Berkas tidak dapat dibaca: " + pathError(err)})
		return nil
	}
	defer fh.Close()
	ingest := func(source string, raw []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		res, err := in.Ingest(ctx, letters.MailSource{Folder: "import", Path: source}, raw)
		if err != nil {
			return fmt.Errorf("import %s: %w", source, err)
		}
		sum.Add(source, res)
		return nil
	}
	if !f.mbox {
		raw, err := io.ReadAll(fh)
		if err != nil {
			sum.Refused = append(sum.Refused, Refusal{Source: f.path, Reason: "Berkas tidak dapat dibaca: " + pathError(err)})
			return nil
		}
		err = ingest(f.path, raw)
		read(f.size)
		return err
	}
	return readMbox(fh, func(n int, raw []byte, offset int64) error {
		err := ingest(fmt.Sprintf("%s#%d", f.path, n), raw)
		read(offset)
		return err
	})
}

// findInputs lists the messages under p.
func findInputs(p string) ([]input, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []input{{path: p, size: st.Size(), mbox: isMbox(p)}}, nil
	}
	var out []input
	maildirs := map[string]bool{} // isMaildir, once per directory
	maildirAt := func(dir string) bool {
		is, seen := maildirs[dir]
		if !seen {
			is = isMaildir(dir)
			maildirs[dir] = is
		}
		return is
	}
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "tmp" && maildirAt(filepath.Dir(path)) {
				return filepath.SkipDir // messages still being delivered
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		dir := filepath.Base(filepath.Dir(path))
		inMaildir := (dir == "cur" || dir == "new") && maildirAt(filepath.Dir(filepath.Dir(path)))
		ext := strings.ToLower(filepath.Ext(path))
		if !inMaildir && ext != ".eml" && ext != ".mbox" && ext != ".mbx" && !isMbox(path) {
			return nil // not mail: skip quietly (indexes, dovecot files...)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, input{path: path, size: info.Size(), mbox: !inMaildir && ext != ".eml" && isMbox(path)})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, err
}

// isMaildir reports whether dir has cur and new subdirectories.
func isMaildir(dir string) bool {
	for _, sub := range []string{"cur", "new"} {
		if st, err := os.Stat(filepath.Join(dir, sub)); err != nil || !st.IsDir() {
			return false
		}
	}
	return true
}

// isMbox reports whether the file starts with an mbox "From " line.
func isMbox(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 5)
	n, _ := io.ReadFull(f, buf)
	return string(buf[:n]) == "From "
}

// pathError is an OS error without the Go wording, for the summary.
func pathError(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// readMbox splits an mbox (mboxo or mboxrd) into messages: each starts at a
// "From " line; ">From " lines written by mboxrd are unquoted.
func readMbox(r io.Reader, fn func(n int, raw []byte, offset int64) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var msg bytes.Buffer
	var offset int64
	n, started, prevBlank := 0, false, true
	flush := func() error {
		if !started {
			return nil
		}
		n++
		raw := bytes.TrimSuffix(msg.Bytes(), []byte("\n")) // the separator's blank line
		err := fn(n, append([]byte(nil), raw...), offset)
		msg.Reset()
		return err
	}
	for {
		line, err := br.ReadBytes('\n')
		offset += int64(len(line))
		if len(line) > 0 {
			switch {
			case prevBlank && bytes.HasPrefix(line, []byte("From ")):
				if ferr := flush(); ferr != nil {
					return ferr
				}
				started = true
			case started:
				if q := bytes.TrimLeft(line, ">"); len(q) < len(line) && bytes.HasPrefix(q, []byte("From ")) {
					line = line[1:]
				}
				msg.Write(line)
			}
			prevBlank = len(bytes.TrimRight(line, "\r\n")) == 0
		}
		if err == io.EOF {
			return flush()
		} else if err != nil {
			return err
		}
	}
}
