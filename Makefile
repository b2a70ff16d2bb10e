# Naskah. `make run` starts it with a demo office; `make test` runs every test.
GO      ?= go
TAGS    := sqlite_fts5
DATA    ?= naskah-data
PROFILE ?= bkad-kalbar

.PHONY: run build test test-deps vet bench bench-smoke fuzz clean

run: build
	./naskah serve --data $(DATA) --profile $(PROFILE)

build:
	$(GO) build -tags $(TAGS) -o naskah ./cmd/naskah

test-deps:
	bash scripts/test-deps.sh

vet:
	$(GO) vet -tags $(TAGS) ./...

test: test-deps vet
	$(GO) test -tags $(TAGS) -count=1 ./...

# Every fuzz target for FUZZTIME (default 5s) each on its committed seed
# corpus (testdata/fuzz); prints executions per target. Not part of `test`:
# building with fuzzing instrumentation takes longer than the runs.
fuzz:
	bash scripts/fuzz.sh

# Go benchmarks, then a large office (LETTERS=100000 by default), cold start
# and load runs: see scripts/bench.sh and README "Performance".
bench:
	bash scripts/bench.sh

# Every Go benchmark once at its small default size: CI checks they still
# run (no timing is judged; `make bench` gives the figures).
bench-smoke:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 1x ./...

clean:
	rm -f naskah
