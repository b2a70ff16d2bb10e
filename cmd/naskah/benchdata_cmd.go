package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"naskah/letters"
	"naskah/store"
)

func init() {
	commands["bench-data"] = command{"Mengisi direktori data dengan banyak kasus realistis untuk uji kecepatan", runBenchData}
}

func runBenchData(ctx context.Context, args []string) error {
	var d dataFlags
	var o store.BulkOptions
	var asJSON bool
	fs := newFlagSet("bench-data", "bench-data --data DIR --letters N [--profile NAMA] [--years N]",
		"Mengisi direktori data dengan N kasus realistis (saluran, kategori, status dan hari kerja yang\n"+
			"beragam, beberapa tahun ke belakang) untuk uji kecepatan. Direktori baru dibuat sebagai kantor\n"+
			"contoh (pengguna contoh dan akunnya di akun-contoh.txt); kasus ditambahkan setelah isi yang ada.\n"+
			"Hentikan `naskah serve` pada direktori itu selama pengisian.")
	d.register(fs)
	fs.IntVar(&o.Letters, "letters", 10_000, "jumlah kasus yang ditambahkan")
	fs.IntVar(&o.Years, "years", 2, "rentang tahun penerimaan, sampai kemarin")
	fs.IntVar(&o.Batch, "batch", 20_000, "jumlah kasus per transaksi")
	seed := fs.Int64("seed", 1, "benih pembangkit acak (hasil sama untuk benih sama)")
	fs.BoolVar(&asJSON, "json", false, "cetak ringkasan sebagai JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.Letters <= 0 {
		return letters.Errorf(letters.EINVALID, "--letters harus lebih dari 0.")
	}
	o.Seed = uint64(*seed)
	start := time.Now()
	fresh := !exists(d.dir)
	a, err := openApp(d, true)
	if err != nil {
		return err
	}
	defer a.Close()
	if fresh {
		if err := a.seedDemo(ctx, io.Discard); err != nil {
			return err
		}
	}
	last := time.Now()
	o.Progress = func(done, total int) {
		if !asJSON && (time.Since(last) > 5*time.Second || done == total) {
			last = time.Now()
			fmt.Fprintf(os.Stderr, "  %d/%d kasus (%.0f kasus/detik)\n", done, total, float64(done)/time.Since(start).Seconds())
		}
	}
	loadStart := time.Now()
	res, err := a.db.BulkLoadLetters(ctx, o)
	if err != nil {
		return err
	}
	elapsed := time.Since(loadStart)
	if asJSON {
		return printJSON(os.Stdout, map[string]any{"data": d.dir, "result": res,
			"seconds": elapsed.Seconds(), "letters_per_second": float64(res.Letters) / elapsed.Seconds()})
	}
	fmt.Printf("Ditambahkan %d kasus (id %d–%d) dalam %s (%.0f kasus/detik): %d baris riwayat, %d nomor, %d baris audit.\n",
		res.Letters, res.FirstID, res.LastID, elapsed.Round(time.Millisecond), float64(res.Letters)/elapsed.Seconds(),
		res.Events, res.Numbers, res.Audit)
	fmt.Println("Status:", countsLine(res.Status, func(k string) string { return letters.Status(k).Label() }))
	fmt.Println("Saluran:", countsLine(res.Channel, func(k string) string { return k }))
	if fresh {
		printDemoAccounts(os.Stdout, d.dir)
	}
	return nil
}

// countsLine renders counts by key, largest first.
func countsLine(m map[string]int, label func(string) string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %d", label(k), m[k])
	}
	return s
}
